import { describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay, weekday } from "@/lib/domain/calendar";
import { HOLIDAY_YEARS, calendarFor, holidayYears } from "@/lib/domain/reference/holidays-data";
import { CAL_2025 } from "./calendar-fixtures";
import { codeOf } from "./errors-helper";

function year(y: number) {
  const entry = HOLIDAY_YEARS.find((h) => h.year === y);
  if (!entry) throw new Error(`no ${y}`);
  return entry;
}

function daysOff(y: number, name: string): string[] {
  return year(y).holidays.filter((h) => h.name === name).map((h) => h.date);
}

describe("holiday reference data", () => {
  it("RATES.md 2025: the shipped year equals the table in RATES.md", () => {
    expect(calendarFor([2025])).toEqual({ holidays: [...CAL_2025.holidays].sort(), workdays: [...CAL_2025.workdays].sort() });
  });

  it("国办 2026 notice: holiday lengths 3, 9, 3, 5, 3, 3, 7 days (共…天)", () => {
    expect(daysOff(2026, "元旦")).toEqual(["2026-01-01", "2026-01-02", "2026-01-03"]);
    expect(daysOff(2026, "春节")).toHaveLength(9);
    expect(daysOff(2026, "春节")[0]).toBe("2026-02-15");
    expect(daysOff(2026, "春节")[8]).toBe("2026-02-23");
    expect(daysOff(2026, "清明节")).toEqual(["2026-04-04", "2026-04-05", "2026-04-06"]);
    expect(daysOff(2026, "劳动节")).toEqual(["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05"]);
    expect(daysOff(2026, "端午节")).toEqual(["2026-06-19", "2026-06-20", "2026-06-21"]);
    expect(daysOff(2026, "中秋节")).toEqual(["2026-09-25", "2026-09-26", "2026-09-27"]);
    expect(daysOff(2026, "国庆节")).toHaveLength(7);
    expect(year(2026).holidays).toHaveLength(33);
  });

  it("国办 2026 notice: make-up working days Jan 4, Feb 14, Feb 28, May 9, Sep 20, Oct 10", () => {
    expect(year(2026).workdays.map((w) => w.date)).toEqual([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
  });

  it("国办 notices: the weekdays the notices state match the dates (元旦 1月1日 周四, 春节 2月15日 周日 …)", () => {
    expect(weekday("2026-01-01")).toBe(4);
    expect(weekday("2026-02-15")).toBe(0);
    expect(weekday("2026-02-23")).toBe(1);
    expect(weekday("2026-05-01")).toBe(5);
    expect(weekday("2026-06-19")).toBe(5);
    expect(weekday("2026-09-25")).toBe(5);
    expect(weekday("2026-10-07")).toBe(3);
  });

  it("§15.5: every make-up working day is a Saturday or Sunday; no date is listed twice", () => {
    for (const y of HOLIDAY_YEARS) {
      for (const w of y.workdays) expect([0, 6]).toContain(weekday(w.date));
      const all = [...y.holidays, ...y.workdays].map((d) => d.date);
      expect(new Set(all).size).toBe(all.length);
      for (const d of all) expect(d.startsWith(String(y.year))).toBe(true);
      expect(y.source).toMatch(/国务院办公厅/);
    }
    expect(holidayYears()).toEqual([2025, 2026]);
  });

  it("§15.5: 2026 Spring Festival — the make-up Saturday counts, Feb 15–23 are skipped", () => {
    const cal = calendarFor([2026]);
    expect(addWorkingDays("2026-02-13", 1, cal)).toBe("2026-02-14");
    expect(addWorkingDays("2026-02-13", 2, cal)).toBe("2026-02-24");
    expect(isWorkingDay("2026-02-28", cal)).toBe(true);
  });

  it("§15.5: a deadline crossing New Year needs both years' calendars", () => {
    const both = calendarFor([2025, 2026]);
    // Wed 2025-12-31 → (Jan 1–3 off) → Sun Jan 4 make-up day
    expect(addWorkingDays("2025-12-31", 1, both)).toBe("2026-01-04");
    expect(addWorkingDays("2025-12-31", 2, both)).toBe("2026-01-05");
    expect(addWorkingDays("2025-12-31", 1, calendarFor([2025]))).toBe("2026-01-01");
  });

  it("§15.5: a year without data is refused rather than treated as holiday-free", () => {
    expect(codeOf(() => calendarFor([2027]))).toBe("HOLIDAYS_NOT_AVAILABLE");
    expect(codeOf(() => calendarFor([]))).toBe("HOLIDAYS_NOT_AVAILABLE");
    expect(codeOf(() => calendarFor([2025], [{ year: 2025, source: "x", holidays: [{ date: "2025-02-30", name: "x" }], workdays: [] }]))).toBe(
      "INVALID_DATE",
    );
  });
});
