import { mergeCalendars, parseDate, type Calendar } from "../calendar";
import { DomainError } from "../errors";

export type NamedDay = { date: string; name: string };
export type HolidayYear = {
  year: number;
  /** The notice the days were entered from. */
  source: string;
  /** Every day off of each holiday (放假调休), weekends inside the run included. */
  holidays: NamedDay[];
  /** Weekend days worked instead (调休上班). */
  workdays: NamedDay[];
};

/**
 * Public holidays by year, seed data a county admin may extend. A year that is not listed has no
 * calendar (calendarFor refuses it) rather than silently counting its holidays as working days.
 */
export const HOLIDAY_YEARS: readonly HolidayYear[] = [
  {
    year: 2025,
    // As given in RATES.md.
    source: "国务院办公厅关于2025年部分节假日安排的通知（据 RATES.md）",
    holidays: [
      { date: "2025-01-01", name: "元旦" },
      { date: "2025-01-28", name: "春节" }, { date: "2025-01-29", name: "春节" }, { date: "2025-01-30", name: "春节" }, { date: "2025-01-31", name: "春节" }, { date: "2025-02-01", name: "春节" }, { date: "2025-02-02", name: "春节" }, { date: "2025-02-03", name: "春节" }, { date: "2025-02-04", name: "春节" },
      { date: "2025-04-04", name: "清明节" }, { date: "2025-04-05", name: "清明节" }, { date: "2025-04-06", name: "清明节" },
      { date: "2025-05-01", name: "劳动节" }, { date: "2025-05-02", name: "劳动节" }, { date: "2025-05-03", name: "劳动节" }, { date: "2025-05-04", name: "劳动节" }, { date: "2025-05-05", name: "劳动节" },
      { date: "2025-05-31", name: "端午节" }, { date: "2025-06-01", name: "端午节" }, { date: "2025-06-02", name: "端午节" },
      { date: "2025-10-01", name: "国庆节、中秋节" }, { date: "2025-10-02", name: "国庆节、中秋节" }, { date: "2025-10-03", name: "国庆节、中秋节" }, { date: "2025-10-04", name: "国庆节、中秋节" }, { date: "2025-10-05", name: "国庆节、中秋节" }, { date: "2025-10-06", name: "国庆节、中秋节" }, { date: "2025-10-07", name: "国庆节、中秋节" }, { date: "2025-10-08", name: "国庆节、中秋节" },
    ],
    workdays: [
      { date: "2025-01-26", name: "春节" }, // 周日
      { date: "2025-02-08", name: "春节" }, // 周六
      { date: "2025-04-27", name: "劳动节" }, // 周日
      { date: "2025-09-28", name: "国庆节、中秋节" }, // 周日
      { date: "2025-10-11", name: "国庆节、中秋节" }, // 周六
    ],
  },
  {
    year: 2026,
    // 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）, full text as carried by 新华社,
    // retrieved from 光明网 https://politics.gmw.cn/2025-11/04/content_38391083.htm
    source: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社）",
    holidays: [
      { date: "2026-01-01", name: "元旦" }, { date: "2026-01-02", name: "元旦" }, { date: "2026-01-03", name: "元旦" },
      { date: "2026-02-15", name: "春节" }, { date: "2026-02-16", name: "春节" }, { date: "2026-02-17", name: "春节" }, { date: "2026-02-18", name: "春节" }, { date: "2026-02-19", name: "春节" }, { date: "2026-02-20", name: "春节" }, { date: "2026-02-21", name: "春节" }, { date: "2026-02-22", name: "春节" }, { date: "2026-02-23", name: "春节" },
      { date: "2026-04-04", name: "清明节" }, { date: "2026-04-05", name: "清明节" }, { date: "2026-04-06", name: "清明节" },
      { date: "2026-05-01", name: "劳动节" }, { date: "2026-05-02", name: "劳动节" }, { date: "2026-05-03", name: "劳动节" }, { date: "2026-05-04", name: "劳动节" }, { date: "2026-05-05", name: "劳动节" },
      { date: "2026-06-19", name: "端午节" }, { date: "2026-06-20", name: "端午节" }, { date: "2026-06-21", name: "端午节" },
      { date: "2026-09-25", name: "中秋节" }, { date: "2026-09-26", name: "中秋节" }, { date: "2026-09-27", name: "中秋节" },
      { date: "2026-10-01", name: "国庆节" }, { date: "2026-10-02", name: "国庆节" }, { date: "2026-10-03", name: "国庆节" }, { date: "2026-10-04", name: "国庆节" }, { date: "2026-10-05", name: "国庆节" }, { date: "2026-10-06", name: "国庆节" }, { date: "2026-10-07", name: "国庆节" },
    ],
    workdays: [
      { date: "2026-01-04", name: "元旦" }, // 周日
      { date: "2026-02-14", name: "春节" }, // 周六
      { date: "2026-02-28", name: "春节" }, // 周六
      { date: "2026-05-09", name: "劳动节" }, // 周六
      { date: "2026-09-20", name: "国庆节" }, // 周日
      { date: "2026-10-10", name: "国庆节" }, // 周六
    ],
  },
];

/** The years with a shipped calendar. */
export function holidayYears(): number[] {
  return HOLIDAY_YEARS.map((y) => y.year);
}

/**
 * One Calendar for the given years (from the shipped data, or a county's own list of years).
 * Deadlines near a year end can run into the next year, so callers pass both years.
 */
export function calendarFor(years: readonly number[], data: readonly HolidayYear[] = HOLIDAY_YEARS): Calendar {
  if (!Array.isArray(years) || years.length === 0) {
    throw new DomainError("HOLIDAYS_NOT_AVAILABLE", "请指定需要节假日历的年份", "years");
  }
  const parts = years.map((year) => {
    const entry = data.find((y) => y.year === year);
    if (!entry) {
      throw new DomainError("HOLIDAYS_NOT_AVAILABLE", `尚未录入 ${String(year)} 年的节假日安排`, "years");
    }
    return {
      holidays: entry.holidays.map((h) => parseDate(h.date, `holidays.${year}`)),
      workdays: entry.workdays.map((w) => parseDate(w.date, `workdays.${year}`)),
    };
  });
  return mergeCalendars(...parts);
}
