import { describe, expect, it } from "vitest";
import {
  bufferEndsAfterMonths,
  bufferStart,
  checkBufferMonths,
  defaultTimeline,
  recoveryReturnDeadline,
} from "@/lib/domain/default-timeline";
import { CAL_2025, NO_HOLIDAYS } from "./calendar-fixtures";
import { codeOf } from "./errors-helper";

describe("defaultTimeline", () => {
  it("§15.5: buffer ends due date + 70 calendar days; split deadline 10 working days later", () => {
    // 2025-03-10 + 70 = 2025-05-19 (Mon); 10 working days after it = 2025-06-02 (no holidays)
    expect(
      defaultTimeline({ dueDate: "2025-03-10", bufferDays: 70, splitWorkingDays: 10, calendar: NO_HOLIDAYS }),
    ).toEqual({ bufferEnds: "2025-05-19", splitDeadline: "2025-06-02" });
  });

  it("§15.5: the 2025 National Day holiday and make-up days move the split deadline", () => {
    // 2025-07-20 + 70 = 2025-09-28 (Sun, a make-up working day, but counting starts the day after).
    // Working days after: 9-29, 9-30, 10-9, 10-10, 10-11 (Sat make-up), 10-13, 14, 15, 16, 17 → 10th is 10-17.
    expect(
      defaultTimeline({ dueDate: "2025-07-20", bufferDays: 70, splitWorkingDays: 10, calendar: CAL_2025 }),
    ).toEqual({ bufferEnds: "2025-09-28", splitDeadline: "2025-10-17" });
    // Without the calendar: 9-29 … 10-10 (10 weekdays).
    expect(
      defaultTimeline({ dueDate: "2025-07-20", bufferDays: 70, splitWorkingDays: 10, calendar: NO_HOLIDAYS }),
    ).toEqual({ bufferEnds: "2025-09-28", splitDeadline: "2025-10-10" });
  });

  it("§15.5: a buffer crossing the year and Spring Festival", () => {
    // 2024-11-25 + 70 = 2025-02-03 (a holiday); working days after: 2-5, 2-6, 2-7, 2-8 (Sat make-up), 2-10 …
    expect(
      defaultTimeline({ dueDate: "2024-11-25", bufferDays: 70, splitWorkingDays: 5, calendar: CAL_2025 }),
    ).toEqual({ bufferEnds: "2025-02-03", splitDeadline: "2025-02-10" });
  });

  it("§15.5: the buffer starts the day after the due date", () => {
    expect(bufferStart("2025-02-28")).toBe("2025-03-01");
    expect(bufferStart("2024-02-28")).toBe("2024-02-29");
  });

  it("§15.5: zero-length settings are allowed (no buffer, split on the buffer end itself)", () => {
    expect(
      defaultTimeline({ dueDate: "2025-03-15", bufferDays: 0, splitWorkingDays: 0, calendar: NO_HOLIDAYS }),
    ).toEqual({ bufferEnds: "2025-03-15", splitDeadline: "2025-03-15" });
  });

  it("§15.5: bufferDays and splitWorkingDays are settings: other values are honoured", () => {
    expect(
      defaultTimeline({ dueDate: "2025-03-10", bufferDays: 60, splitWorkingDays: 5, calendar: NO_HOLIDAYS }),
    ).toEqual({ bufferEnds: "2025-05-09", splitDeadline: "2025-05-16" });
  });

  it("§15.5: invalid inputs are refused with INVALID_DATE / INVALID_DAYS", () => {
    const base = { dueDate: "2025-03-10", bufferDays: 70, splitWorkingDays: 10, calendar: NO_HOLIDAYS };
    expect(codeOf(() => defaultTimeline({ ...base, dueDate: "2025-02-29" }))).toBe("INVALID_DATE");
    expect(codeOf(() => defaultTimeline({ ...base, bufferDays: -1 }))).toBe("INVALID_DAYS");
    expect(codeOf(() => defaultTimeline({ ...base, bufferDays: 70.5 }))).toBe("INVALID_DAYS");
    expect(codeOf(() => defaultTimeline({ ...base, splitWorkingDays: -1 }))).toBe("INVALID_DAYS");
    expect(codeOf(() => defaultTimeline({ ...base, splitWorkingDays: "10" as never }))).toBe("INVALID_DAYS");
    expect(codeOf(() => defaultTimeline({ ...base, calendar: {} as never }))).toBe("INVALID_CALENDAR");
    expect(codeOf(() => defaultTimeline(null as never))).toBe("INVALID_INPUT");
  });
});

describe("Guizhou timing", () => {
  it("G 二(七): a buffer in months ends on the same day of the month, clamped at month end", () => {
    expect(bufferEndsAfterMonths("2025-03-10", 2)).toBe("2025-05-10");
    expect(bufferEndsAfterMonths("2024-12-31", 2)).toBe("2025-02-28");
    expect(bufferEndsAfterMonths("2025-03-10", 0)).toBe("2025-03-10");
    expect(codeOf(() => bufferEndsAfterMonths("2025-03-10", -1))).toBe("INVALID_DAYS");
  });

  it("G 二(七): 2 months is the usual buffer, 3 the exception, over 3 refused", () => {
    const limits = { usualMaxMonths: 2, hardMaxMonths: 3 };
    expect(checkBufferMonths(0, limits)).toBe("usual");
    expect(checkBufferMonths(2, limits)).toBe("usual");
    expect(checkBufferMonths(3, limits)).toBe("exceptional");
    expect(codeOf(() => checkBufferMonths(4, limits))).toBe("BUFFER_TOO_LONG");
    expect(() => checkBufferMonths(4, limits)).toThrow("缓冲期 4 个月超过最长 3 个月的规定");
  });

  it("G 二(七): buffer limits are validated as settings", () => {
    expect(codeOf(() => checkBufferMonths(1, { usualMaxMonths: 4, hardMaxMonths: 3 }))).toBe("INVALID_SETTING");
    expect(codeOf(() => checkBufferMonths(1, { usualMaxMonths: -1, hardMaxMonths: 3 }))).toBe("INVALID_DAYS");
    expect(codeOf(() => checkBufferMonths(1, undefined as never))).toBe("INVALID_DAYS");
    expect(codeOf(() => checkBufferMonths(1.5, { usualMaxMonths: 2, hardMaxMonths: 3 }))).toBe("INVALID_DAYS");
  });

  it("G 二(八): recoveries go back to the fund within 5 working days", () => {
    expect(recoveryReturnDeadline("2025-03-07", 5, NO_HOLIDAYS)).toBe("2025-03-14"); // Fri → next Fri
    // Recovered Tue 2025-04-29: 4-30, (5-1…5-5 off), 5-6, 5-7, 5-8, 5-9
    expect(recoveryReturnDeadline("2025-04-29", 5, CAL_2025)).toBe("2025-05-09");
    // The make-up Sunday 2025-04-27 counts: recovered Fri 4-25 → 4-27, 4-28, 4-29, 4-30, 5-6
    expect(recoveryReturnDeadline("2025-04-25", 5, CAL_2025)).toBe("2025-05-06");
    expect(codeOf(() => recoveryReturnDeadline("2025-04-31", 5, CAL_2025))).toBe("INVALID_DATE");
    expect(codeOf(() => recoveryReturnDeadline("2025-04-29", -5, CAL_2025))).toBe("INVALID_DAYS");
  });
});
