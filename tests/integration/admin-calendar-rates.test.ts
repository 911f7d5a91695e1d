import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { addCalendarDay } from "@/lib/server/calendar/add-calendar-day";
import { importCalendarYear } from "@/lib/server/calendar/import-calendar-year";
import { listCalendarDays } from "@/lib/server/calendar/list-calendar-days";
import { removeCalendarDay } from "@/lib/server/calendar/remove-calendar-day";
import { addRateFixing } from "@/lib/server/rates/add-rate-fixing";
import { listRateFixings } from "@/lib/server/rates/list-rate-fixings";
import { auditActions, rejection, workbook } from "./admin-helpers";
import { makeActor, makeCounty, prisma, resetDb, type TestCounty } from "./fixtures";

describe("admin: holiday calendar and rate fixings (real PostgreSQL)", () => {
  let a: TestCounty;
  let admin: Actor;

  beforeEach(async () => {
    await resetDb();
    a = await makeCounty("410101");
    admin = await makeActor("admin", a.county.id);
  });

  it("adds and removes a day; a make-up working day must fall on a weekend; a date only once", async () => {
    const { id } = await addCalendarDay(admin, { date: "2027-01-01", kind: "holiday", name: "元旦" });
    const weekday = await rejection(addCalendarDay(admin, { date: "2027-01-04", kind: "workday", name: "调休" }));
    expect(weekday.fieldErrors?.kind?.[0]).toContain("周六或周日");
    const twice = await rejection(addCalendarDay(admin, { date: "2027-01-01", kind: "holiday", name: "元旦" }));
    expect(twice.fieldErrors?.date?.[0]).toContain("已登记");
    await addCalendarDay(admin, { date: "2027-02-06", kind: "workday", name: "春节调休上班" });
    const list = await listCalendarDays(admin, { year: "2027" });
    expect(list.days.map((d) => [d.date, d.kind])).toEqual([["2027-01-01", "holiday"], ["2027-02-06", "workday"]]);
    expect(list.years).toEqual([2027]);
    await removeCalendarDay(admin, { id });
    expect((await listCalendarDays(admin, { year: "2027" })).days).toHaveLength(1);
    expect(await auditActions()).toEqual(["calendar.addDay", "calendar.addDay", "calendar.removeDay"]);
  });

  it("imports a year from pasted lines, replacing that year only", async () => {
    await addCalendarDay(admin, { date: "2027-05-01", kind: "holiday", name: "旧" });
    await addCalendarDay(admin, { date: "2026-10-01", kind: "holiday", name: "国庆节" });
    const text = "2027-01-01 放假 元旦\n2027/2/6 班 春节\n\n2027-02-10 休 春节";
    expect(await importCalendarYear(admin, { year: "2027", text })).toEqual({ year: 2027, count: 3 });
    const days = await prisma.calendarDay.findMany({ orderBy: { date: "asc" } });
    expect(days.map((d) => d.date.toISOString().slice(0, 10))).toEqual(["2026-10-01", "2027-01-01", "2027-02-06", "2027-02-10"]);
    expect(days[2]).toMatchObject({ kind: "workday", name: "春节" });
  });

  it("a bad line writes nothing and is reported by line and column; workbooks import too", async () => {
    const error = await rejection(importCalendarYear(admin, { year: "2027", text: "2027-01-01 放假 元旦\n2027-13-01 放假 错\n2026-12-31 放假 跨年" }));
    expect(error.fieldErrors).toEqual({ "rows.2.日期": ["日期无效：2027-13-01（应为 YYYY-MM-DD）"], "rows.3.日期": ["日期不在 2027 年内"] });
    expect(await prisma.calendarDay.count()).toBe(0);
    const file = await workbook(["日期", "类型", "名称"], [["2027-10-01", "放假", "国庆节"], ["2027-09-26", "调休上班", "国庆节"]]);
    expect(await importCalendarYear(admin, { year: "2027", file })).toEqual({ year: 2027, count: 2 });
  });

  it("adds a rate fixing with validation; duplicates and out-of-range rates are refused at their fields", async () => {
    await addRateFixing(admin, { kind: "lpr", term: "1y", effectiveFrom: "2026-12-20", rate: "0.0295" });
    const dup = await rejection(addRateFixing(admin, { kind: "lpr", term: "1y", effectiveFrom: "2026-12-20", rate: "0.029" }));
    expect(dup.fieldErrors?.effectiveFrom?.[0]).toContain("已有利率");
    const high = await rejection(addRateFixing(admin, { kind: "lpr", term: "5yPlus", effectiveFrom: "2026-12-20", rate: "0.25" }));
    expect(high.fieldErrors?.rate?.[0]).toContain("不超过 0.2");
    const zero = await rejection(addRateFixing(admin, { kind: "lpr", term: "5yPlus", effectiveFrom: "2026-12-20", rate: "0" }));
    expect(zero.fieldErrors?.rate?.[0]).toContain("大于 0");
    const percent = await rejection(addRateFixing(admin, { kind: "lpr", term: "5yPlus", effectiveFrom: "2026-12-20", rate: "3.5%" }));
    expect(percent.fieldErrors?.rate?.[0]).toContain("小数形式");
    const term = await rejection(addRateFixing(admin, { kind: "benchmark", term: "1y", effectiveFrom: "2026-12-20", rate: "0.03" }));
    expect(term.fieldErrors?.term?.[0]).toContain("没有此期限");
    const rows = await listRateFixings(admin, {});
    expect(rows).toMatchObject([{ kind: "lpr", term: "1y", effectiveFrom: "2026-12-20", rate: "0.0295" }]);
    expect(await auditActions()).toEqual(["rateFixing.add"]);
    const officer = await makeActor("county_officer", a.county.id);
    expect((await rejection(addRateFixing(officer, { kind: "lpr", term: "5yPlus", effectiveFrom: "2026-12-21", rate: "0.03" }))).code).toBe("FORBIDDEN");
  });
});
