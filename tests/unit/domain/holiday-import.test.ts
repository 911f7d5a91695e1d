import { describe, expect, it } from "vitest";
import { calendarEntryProblem, normaliseDate, parseCalendarKind, splitCalendarLines, validateCalendarRows } from "@/lib/domain/holiday-import";

describe("holiday calendar entries", () => {
  it("reads kinds in Chinese and English", () => {
    expect(["休", "放假", "holiday"].map(parseCalendarKind)).toEqual(["holiday", "holiday", "holiday"]);
    expect(["班", "调休上班", "Workday"].map(parseCalendarKind)).toEqual(["workday", "workday", "workday"]);
    expect(parseCalendarKind("周末")).toBeNull();
  });

  it("normalises the usual date spellings and refuses impossible dates", () => {
    expect(normaliseDate("2027-1-1")).toBe("2027-01-01");
    expect(normaliseDate("2027/02/06")).toBe("2027-02-06");
    expect(normaliseDate("2027年2月6日")).toBe("2027-02-06");
    expect(normaliseDate("2027-02-29")).toBeNull();
    expect(normaliseDate("next monday")).toBeNull();
  });

  it("a make-up working day must be a Saturday or Sunday", () => {
    expect(calendarEntryProblem({ date: "2027-02-06", kind: "workday" })).toBeNull(); // Saturday
    expect(calendarEntryProblem({ date: "2027-02-07", kind: "workday" })).toBeNull(); // Sunday
    expect(calendarEntryProblem({ date: "2027-02-08", kind: "workday" })).toContain("周六或周日");
    expect(calendarEntryProblem({ date: "2027-02-08", kind: "holiday" })).toBeNull();
  });

  it("splits pasted lines on spaces, tabs and commas, numbering lines as typed", () => {
    expect(splitCalendarLines("2027-01-01 放假 元旦\n\n2027-02-06\t班\t春节\r\n2027-02-10，休，春节 假期")).toEqual([
      { row: 1, date: "2027-01-01", kind: "放假", name: "元旦" },
      { row: 3, date: "2027-02-06", kind: "班", name: "春节" },
      { row: 4, date: "2027-02-10", kind: "休", name: "春节 假期" },
    ]);
  });

  it("validates a year: entries sorted when all rows are valid", () => {
    const rows = splitCalendarLines("2027-02-10 休 春节\n2027-02-06 班");
    expect(validateCalendarRows(rows, 2027)).toEqual({
      entries: [
        { date: "2027-02-06", kind: "workday", name: "调休上班" },
        { date: "2027-02-10", kind: "holiday", name: "春节" },
      ],
      errors: [],
    });
  });

  it("reports every bad row and returns no entries", () => {
    const rows = [
      { row: 1, date: "", kind: "休", name: "元旦" },
      { row: 2, date: "2027-02-30", kind: "休", name: "x" },
      { row: 3, date: "2026-12-31", kind: "休", name: "x" },
      { row: 4, date: "2027-01-01", kind: "周末", name: "" },
      { row: 5, date: "2027-01-01", kind: "休", name: "元旦" },
      { row: 6, date: "2027-02-08", kind: "班", name: "调休" },
      { row: 7, date: "2027-03-01", kind: "休", name: "名".repeat(31) },
      { row: 8, date: "2027-03-02", kind: "休", name: "正常" },
    ];
    const result = validateCalendarRows(rows, 2027);
    expect(result.entries).toEqual([]);
    expect(result.errors).toEqual([
      { row: 1, column: "日期", message: "请填写日期" },
      { row: 2, column: "日期", message: "日期无效：2027-02-30（应为 YYYY-MM-DD）" },
      { row: 3, column: "日期", message: "日期不在 2027 年内" },
      { row: 4, column: "类型", message: "类型须为“放假”或“调休上班”" },
      { row: 4, column: "名称", message: "请填写节日名称" },
      { row: 5, column: "日期", message: "与第 4 行的日期重复" },
      { row: 6, column: "类型", message: "调休上班日须为周六或周日（工作日本来就上班）" },
      { row: 7, column: "名称", message: "名称不能超过 30 个字" },
    ]);
  });

  it("an empty list is an error", () => {
    expect(validateCalendarRows([], 2027).errors).toEqual([{ row: 0, column: "日期", message: "没有可导入的日期" }]);
  });
});
