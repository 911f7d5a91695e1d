import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accrualPeriods,
  addDays,
  addMonths,
  addWorkingDays,
  compareDates,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isValidDate,
  isWorkingDay,
  mergeCalendars,
  nextSettlementDate,
  parseDate,
  quarterPeriod,
  settlementDates,
  toDayNumber,
  weekday,
  workingDaysBetween,
  type Calendar,
} from "@/lib/domain/calendar";
import { CAL_2025, NO_HOLIDAYS } from "./calendar-fixtures";
import { codeOf } from "./errors-helper";

const QUARTERLY = { months: [3, 6, 9, 12], day: 20 };

describe("parseDate", () => {
  it("CONTRACT dates: accepts real YYYY-MM-DD dates, including Feb 29 of leap years", () => {
    expect(parseDate("2025-01-01")).toBe("2025-01-01");
    expect(parseDate("2024-02-29")).toBe("2024-02-29");
    expect(parseDate("2000-02-29")).toBe("2000-02-29");
    expect(parseDate("0001-01-01")).toBe("0001-01-01");
    expect(parseDate("9999-12-31")).toBe("9999-12-31");
  });

  it("CONTRACT dates: refuses impossible or malformed dates with INVALID_DATE", () => {
    for (const bad of [
      "2025-02-29",
      "1900-02-29",
      "2025-04-31",
      "2025-13-01",
      "2025-00-10",
      "2025-01-00",
      "0000-01-01",
      "25-01-01",
      "2025/01/01",
      "2025-1-1",
      " 2025-01-01",
      "2025-01-01T00:00",
      "",
    ]) {
      expect(codeOf(() => parseDate(bad)), bad).toBe("INVALID_DATE");
    }
    expect(codeOf(() => parseDate(null as never))).toBe("INVALID_DATE");
    expect(codeOf(() => parseDate(20250101 as never))).toBe("INVALID_DATE");
    expect(() => parseDate("2025-02-30", "dueDate")).toThrow("dueDate 不是有效的日期（应为 YYYY-MM-DD）：2025-02-30");
    expect(isValidDate("2025-02-28")).toBe(true);
    expect(isValidDate("2025-02-29")).toBe(false);
  });

  it("CONTRACT dates: day numbers count from 1970-01-01 and round-trip", () => {
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(toDayNumber("1969-12-31")).toBe(-1);
    expect(toDayNumber("2000-03-01")).toBe(11017);
    expect(fromDayNumber(11017)).toBe("2000-03-01");
    expect(codeOf(() => fromDayNumber(1.5))).toBe("INVALID_DATE");
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
  });

  it("CONTRACT dates: agrees with Date.UTC for every day of 1900–2100 (sampled)", () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber("1900-01-01"), max: toDayNumber("2100-12-31") }), (n) => {
        const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(n)).toBe(iso);
        expect(toDayNumber(iso)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("addDays, daysBetween, weekday, addMonths", () => {
  it("§15.5: calendar-day arithmetic crosses month, year and leap-day boundaries", () => {
    expect(addDays("2025-01-31", 1)).toBe("2025-02-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(addDays("2025-06-15", 0)).toBe("2025-06-15");
    expect(addDays("2025-01-01", 365)).toBe("2026-01-01");
    expect(addDays("2024-01-01", 365)).toBe("2024-12-31");
  });

  it("§15.5: addDays refuses non-integer day counts and dates past 9999-12-31", () => {
    expect(codeOf(() => addDays("2025-01-01", 1.5))).toBe("INVALID_DAYS");
    expect(codeOf(() => addDays("2025-01-01", Number.NaN))).toBe("INVALID_DAYS");
    expect(codeOf(() => addDays("9999-12-31", 1))).toBe("INVALID_DATE");
    expect(codeOf(() => addDays("2025-02-30", 1))).toBe("INVALID_DATE");
  });

  it("§15.6: daysBetween is to − from (算头不算尾)", () => {
    expect(daysBetween("2024-12-20", "2025-03-20")).toBe(90);
    expect(daysBetween("2023-12-20", "2024-03-20")).toBe(91);
    expect(daysBetween("2025-03-20", "2025-03-20")).toBe(0);
    expect(daysBetween("2025-03-21", "2025-03-20")).toBe(-1);
    expect(daysBetween("2025-01-01", "2026-01-01")).toBe(365);
    expect(codeOf(() => daysBetween("2025-01-01", "2025-02-29"))).toBe("INVALID_DATE");
  });

  it("§15.5: weekday numbers Sunday 0 … Saturday 6", () => {
    expect(weekday("1970-01-01")).toBe(4);
    expect(weekday("2025-01-01")).toBe(3);
    expect(weekday("2025-01-26")).toBe(0);
    expect(weekday("2025-02-08")).toBe(6);
    expect(weekday("1969-12-28")).toBe(0);
  });

  it("G 二(七): adding months clamps to the end of a shorter month", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-03-15", 2)).toBe("2025-05-15");
    expect(addMonths("2025-11-30", 3)).toBe("2026-02-28");
    expect(addMonths("2025-03-31", -1)).toBe("2025-02-28");
    expect(addMonths("2025-03-31", 0)).toBe("2025-03-31");
    expect(codeOf(() => addMonths("9999-12-01", 1))).toBe("INVALID_DATE");
    expect(codeOf(() => addMonths("2025-01-01", 0.5))).toBe("INVALID_DAYS");
  });
});

describe("isWorkingDay", () => {
  it("§15.5: a weekday is a working day; a weekend day is not", () => {
    expect(isWorkingDay("2025-03-10", NO_HOLIDAYS)).toBe(true); // Monday
    expect(isWorkingDay("2025-03-14", NO_HOLIDAYS)).toBe(true); // Friday
    expect(isWorkingDay("2025-03-15", NO_HOLIDAYS)).toBe(false); // Saturday
    expect(isWorkingDay("2025-03-16", NO_HOLIDAYS)).toBe(false); // Sunday
  });

  it("§15.5: public holidays are days off, weekday or weekend", () => {
    expect(isWorkingDay("2025-10-01", CAL_2025)).toBe(false); // Wednesday
    expect(isWorkingDay("2025-10-04", CAL_2025)).toBe(false); // Saturday
    expect(isWorkingDay("2025-01-01", CAL_2025)).toBe(false);
  });

  it("§15.5: 调休 make-up Saturdays and Sundays are working days", () => {
    expect(isWorkingDay("2025-01-26", CAL_2025)).toBe(true); // Sunday
    expect(isWorkingDay("2025-02-08", CAL_2025)).toBe(true); // Saturday
    expect(isWorkingDay("2025-10-11", CAL_2025)).toBe(true); // Saturday
    expect(isWorkingDay("2025-10-12", CAL_2025)).toBe(false); // the Sunday after is not
  });

  it("§15.5: a date listed both as holiday and make-up day is a day off", () => {
    expect(isWorkingDay("2025-03-15", { holidays: ["2025-03-15"], workdays: ["2025-03-15"] })).toBe(false);
  });

  it("§15.5: malformed calendars are refused", () => {
    expect(codeOf(() => isWorkingDay("2025-03-10", null as never))).toBe("INVALID_CALENDAR");
    expect(codeOf(() => isWorkingDay("2025-03-10", { holidays: [] } as never))).toBe("INVALID_CALENDAR");
    expect(codeOf(() => isWorkingDay("2025-03-10", { holidays: ["2025-02-30"], workdays: [] }))).toBe("INVALID_DATE");
    expect(() => isWorkingDay("2025-03-10", { holidays: [], workdays: ["x"] })).toThrow("calendar.workdays[0]");
  });
});

describe("addWorkingDays", () => {
  it("CONTRACT: counting starts the day after the date; weekends skip", () => {
    expect(addWorkingDays("2025-03-07", 1, NO_HOLIDAYS)).toBe("2025-03-10"); // Fri → Mon
    expect(addWorkingDays("2025-03-08", 1, NO_HOLIDAYS)).toBe("2025-03-10"); // Sat → Mon
    expect(addWorkingDays("2025-03-10", 1, NO_HOLIDAYS)).toBe("2025-03-11");
    expect(addWorkingDays("2025-03-10", 5, NO_HOLIDAYS)).toBe("2025-03-17");
    expect(addWorkingDays("2025-03-10", 10, NO_HOLIDAYS)).toBe("2025-03-24");
  });

  it("CONTRACT: n = 0 returns the date itself, even on a weekend", () => {
    expect(addWorkingDays("2025-03-10", 0, NO_HOLIDAYS)).toBe("2025-03-10");
    expect(addWorkingDays("2025-03-15", 0, NO_HOLIDAYS)).toBe("2025-03-15");
  });

  it("§15.5: National Day 2025 — the make-up Sunday counts, Oct 1–8 are skipped", () => {
    expect(addWorkingDays("2025-09-26", 1, CAL_2025)).toBe("2025-09-28"); // Sun make-up day
    expect(addWorkingDays("2025-09-26", 2, CAL_2025)).toBe("2025-09-29");
    expect(addWorkingDays("2025-09-26", 3, CAL_2025)).toBe("2025-09-30");
    expect(addWorkingDays("2025-09-26", 4, CAL_2025)).toBe("2025-10-09");
    expect(addWorkingDays("2025-09-26", 5, CAL_2025)).toBe("2025-10-10");
    expect(addWorkingDays("2025-09-26", 6, CAL_2025)).toBe("2025-10-11"); // Sat make-up day
    expect(addWorkingDays("2025-09-26", 7, CAL_2025)).toBe("2025-10-13");
  });

  it("§15.5: Spring Festival 2025 — Jan 26 and Feb 8 count, Jan 28–Feb 4 are skipped", () => {
    expect(addWorkingDays("2025-01-24", 1, CAL_2025)).toBe("2025-01-26");
    expect(addWorkingDays("2025-01-24", 2, CAL_2025)).toBe("2025-01-27");
    expect(addWorkingDays("2025-01-24", 3, CAL_2025)).toBe("2025-02-05");
    expect(addWorkingDays("2025-01-24", 6, CAL_2025)).toBe("2025-02-08");
    expect(addWorkingDays("2025-01-24", 7, CAL_2025)).toBe("2025-02-10");
  });

  it("§15.5: without the calendar the same count lands elsewhere (the holidays matter)", () => {
    expect(addWorkingDays("2025-09-26", 4, NO_HOLIDAYS)).toBe("2025-10-02");
  });

  it("CONTRACT: n must be a non-negative integer; dates and calendars must be valid", () => {
    expect(codeOf(() => addWorkingDays("2025-03-10", -1, NO_HOLIDAYS))).toBe("INVALID_DAYS");
    expect(codeOf(() => addWorkingDays("2025-03-10", 1.5, NO_HOLIDAYS))).toBe("INVALID_DAYS");
    expect(codeOf(() => addWorkingDays("2025-03-10", Number.NaN, NO_HOLIDAYS))).toBe("INVALID_DAYS");
    expect(codeOf(() => addWorkingDays("2025-03-10", "3" as never, NO_HOLIDAYS))).toBe("INVALID_DAYS");
    expect(codeOf(() => addWorkingDays("2025-02-29", 1, NO_HOLIDAYS))).toBe("INVALID_DATE");
    expect(codeOf(() => addWorkingDays("2025-03-10", 1, undefined as never))).toBe("INVALID_CALENDAR");
    expect(codeOf(() => addWorkingDays("9999-12-31", 1, NO_HOLIDAYS))).toBe("INVALID_DATE");
  });

  it("§15.5: workingDaysBetween counts the working days in (from, to]", () => {
    expect(workingDaysBetween("2025-09-26", "2025-10-13", CAL_2025)).toBe(7);
    expect(workingDaysBetween("2025-10-13", "2025-09-26", CAL_2025)).toBe(-7);
    expect(workingDaysBetween("2025-03-10", "2025-03-10", CAL_2025)).toBe(0);
    expect(workingDaysBetween("2025-03-14", "2025-03-16", CAL_2025)).toBe(0);
  });

  it("§15.5: mergeCalendars unions and sorts years", () => {
    const merged = mergeCalendars(
      { holidays: ["2026-01-01"], workdays: ["2026-01-04"] },
      { holidays: ["2025-01-01", "2026-01-01"], workdays: [] },
    );
    expect(merged).toEqual({ holidays: ["2025-01-01", "2026-01-01"], workdays: ["2026-01-04"] });
    expect(codeOf(() => mergeCalendars({ holidays: ["2025-13-01"], workdays: [] }))).toBe("INVALID_DATE");
  });
});

/** A random calendar around a start day: random holidays and random make-up weekend days. */
const calendarCase = fc
  .record({
    start: fc.integer({ min: toDayNumber("2000-01-01"), max: toDayNumber("2040-12-31") }),
    holidayOffsets: fc.array(fc.integer({ min: -5, max: 80 }), { maxLength: 30 }),
    workdayOffsets: fc.array(fc.integer({ min: -5, max: 80 }), { maxLength: 10 }),
    n: fc.integer({ min: 1, max: 40 }),
  })
  .map(({ start, holidayOffsets, workdayOffsets, n }) => ({
    start: fromDayNumber(start),
    n,
    calendar: {
      holidays: holidayOffsets.map((o) => fromDayNumber(start + o)),
      workdays: workdayOffsets.map((o) => fromDayNumber(start + o)),
    } satisfies Calendar,
  }));

describe("addWorkingDays properties", () => {
  it("§15.5: for n ≥ 1 the result is a working day strictly after the start, reached after exactly n working days", () => {
    fc.assert(
      fc.property(calendarCase, ({ start, n, calendar }) => {
        const end = addWorkingDays(start, n, calendar);
        expect(daysBetween(start, end)).toBeGreaterThan(0);
        expect(isWorkingDay(end, calendar)).toBe(true);
        expect(workingDaysBetween(start, end, calendar)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it("§15.5: adding a then b working days equals adding a + b", () => {
    fc.assert(
      fc.property(calendarCase, fc.integer({ min: 0, max: 20 }), ({ start, n, calendar }, m) => {
        expect(addWorkingDays(addWorkingDays(start, n, calendar), m, calendar)).toBe(addWorkingDays(start, n + m, calendar));
      }),
      { numRuns: 300 },
    );
  });
});

describe("quarterly settlement (§15.6)", () => {
  it("§15.6: the Q1 period runs from Dec 20 (inclusive) to Mar 20 (exclusive): 90 days in 2025", () => {
    const q1 = quarterPeriod(2025, 1, QUARTERLY);
    expect(q1).toEqual({ from: "2024-12-20", to: "2025-03-20" });
    expect(daysBetween(q1.from, q1.to)).toBe(90);
  });

  it("§15.6: the four 2025 periods have 90, 92, 92 and 91 days and tile the year", () => {
    const periods = [1, 2, 3, 4].map((q) => quarterPeriod(2025, q, QUARTERLY));
    expect(periods.map((p) => daysBetween(p.from, p.to))).toEqual([90, 92, 92, 91]);
    expect(periods.map((p) => p.to)).toEqual(["2025-03-20", "2025-06-20", "2025-09-20", "2025-12-20"]);
    for (let i = 1; i < 4; i++) expect(periods[i].from).toBe(periods[i - 1].to);
  });

  it("§15.6: a leap-year Q1 (Dec 20 2023 → Mar 20 2024) has 91 days", () => {
    const q1 = quarterPeriod(2024, 1, QUARTERLY);
    expect(daysBetween(q1.from, q1.to)).toBe(91);
  });

  it("§15.6: quarter numbers and schedules are validated", () => {
    expect(codeOf(() => quarterPeriod(2025, 0, QUARTERLY))).toBe("INVALID_QUARTER");
    expect(codeOf(() => quarterPeriod(2025, 5, QUARTERLY))).toBe("INVALID_QUARTER");
    expect(codeOf(() => quarterPeriod(2025.5, 1, QUARTERLY))).toBe("INVALID_DATE");
    expect(codeOf(() => quarterPeriod(2025, 1, { months: [3, 6, 9, 12], day: 31 }))).toBe("INVALID_SCHEDULE");
    expect(codeOf(() => quarterPeriod(2025, 1, { months: [6, 3], day: 20 }))).toBe("INVALID_SCHEDULE");
    expect(codeOf(() => quarterPeriod(2025, 1, { months: [], day: 20 }))).toBe("INVALID_SCHEDULE");
    expect(codeOf(() => quarterPeriod(2025, 1, { months: [13], day: 20 }))).toBe("INVALID_SCHEDULE");
    expect(codeOf(() => quarterPeriod(2025, 1, null as never))).toBe("INVALID_SCHEDULE");
  });

  it("§15.6: a monthly schedule is a setting like any other", () => {
    const monthly = { months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], day: 21 };
    expect(quarterPeriod(2025, 1, monthly)).toEqual({ from: "2024-12-21", to: "2025-01-21" });
    expect(quarterPeriod(2025, 12, monthly)).toEqual({ from: "2025-11-21", to: "2025-12-21" });
  });

  it("§15.6: settlementDates lists dates after `from` up to and including `to`", () => {
    expect(settlementDates("2025-01-01", "2025-12-31", QUARTERLY)).toEqual([
      "2025-03-20",
      "2025-06-20",
      "2025-09-20",
      "2025-12-20",
    ]);
    expect(settlementDates("2025-03-20", "2025-06-20", QUARTERLY)).toEqual(["2025-06-20"]);
    expect(settlementDates("2025-03-19", "2025-03-20", QUARTERLY)).toEqual(["2025-03-20"]);
    expect(settlementDates("2025-03-20", "2025-03-20", QUARTERLY)).toEqual([]);
    expect(settlementDates("2025-03-21", "2025-06-19", QUARTERLY)).toEqual([]);
    expect(settlementDates("2025-12-21", "2026-03-20", QUARTERLY)).toEqual(["2026-03-20"]);
    expect(settlementDates("2025-06-01", "2025-01-01", QUARTERLY)).toEqual([]);
  });

  it("§15.6: nextSettlementDate is the first settlement date on or after the date", () => {
    expect(nextSettlementDate("2025-03-20", QUARTERLY)).toBe("2025-03-20");
    expect(nextSettlementDate("2025-03-21", QUARTERLY)).toBe("2025-06-20");
    expect(nextSettlementDate("2025-12-21", QUARTERLY)).toBe("2026-03-20");
    expect(nextSettlementDate("2025-01-01", QUARTERLY)).toBe("2025-03-20");
  });

  it("§15.6: accrualPeriods cuts a loan's life at each settlement date", () => {
    expect(accrualPeriods("2025-02-10", "2025-07-01", QUARTERLY)).toEqual([
      { from: "2025-02-10", to: "2025-03-20", settlesOn: "2025-03-20" },
      { from: "2025-03-20", to: "2025-06-20", settlesOn: "2025-06-20" },
      // Interest for Jun 20 … Jun 30 belongs to the quarter settled on Sep 20.
      { from: "2025-06-20", to: "2025-07-01", settlesOn: "2025-09-20" },
    ]);
    expect(accrualPeriods("2025-01-10", "2025-06-20", QUARTERLY)).toEqual([
      { from: "2025-01-10", to: "2025-03-20", settlesOn: "2025-03-20" },
      { from: "2025-03-20", to: "2025-06-20", settlesOn: "2025-06-20" },
    ]);
    expect(accrualPeriods("2025-04-01", "2025-05-01", QUARTERLY)).toEqual([
      { from: "2025-04-01", to: "2025-05-01", settlesOn: "2025-06-20" },
    ]);
    expect(accrualPeriods("2025-04-01", "2025-04-01", QUARTERLY)).toEqual([]);
    expect(codeOf(() => accrualPeriods("2025-05-01", "2025-04-01", QUARTERLY))).toBe("INVALID_PERIOD");
  });

  it("§15.6: accrual periods always add up to the whole term", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toDayNumber("2015-01-01"), max: toDayNumber("2035-12-31") }),
        fc.integer({ min: 0, max: 1200 }),
        (start, length) => {
          const from = fromDayNumber(start);
          const to = fromDayNumber(start + length);
          const periods = accrualPeriods(from, to, QUARTERLY);
          const total = periods.reduce((sum, p) => sum + daysBetween(p.from, p.to), 0);
          expect(total).toBe(length);
          for (const p of periods) {
            expect(daysBetween(p.from, p.to)).toBeGreaterThan(0);
            expect(daysBetween(p.to, p.settlesOn)).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("compareDates", () => {
  it("CONTRACT dates: orders calendar dates", () => {
    expect(compareDates("2025-01-01", "2025-01-02")).toBe(-1);
    expect(compareDates("2025-01-02", "2025-01-02")).toBe(0);
    expect(compareDates("2026-01-01", "2025-12-31")).toBe(1);
    expect(codeOf(() => compareDates("2025-01-01", "2025-02-30"))).toBe("INVALID_DATE");
  });
});
