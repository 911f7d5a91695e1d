import { beforeEach, describe, expect, it } from "vitest";
import { calcSubsidy } from "@/lib/domain/policy-calculator";
import { calculatorContext } from "@/lib/server/calculator/calculator-context";
import { rejection } from "./admin-helpers";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, type TestCounty } from "./fixtures";

describe("policy calculator context (real PostgreSQL)", () => {
  let a: TestCounty;
  beforeEach(async () => {
    await resetDb();
    a = await makeCounty("410101");
  });

  it("gives the county's active profile and the administrator's rate table; changes nothing", async () => {
    await activateProfile(a.county.id);
    for (const [term, rate] of [["upTo1y", "0.0500"], ["1to5y", "0.0550"], ["over5y", "0.0600"]]) {
      await prisma.rateFixing.create({ data: { kind: "benchmark", term, rate, effectiveFrom: new Date("2015-01-01T00:00:00Z") } });
    }
    const officer = await makeActor("county_officer", a.county.id);
    const before = await prisma.auditEvent.count();
    const ctx = await calculatorContext(officer, {});
    expect(ctx.active).toMatchObject({ name: "测试参数", version: 1 });
    expect(ctx.tables.benchmark).toEqual([{ effective: "2015-01-01", upTo1Year: "0.05", oneTo5Years: "0.055", over5Years: "0.06" }]);
    const r = calcSubsidy(ctx.active!.settings, ctx.tables, {
      principal: "50000", contractRate: "0.06", disbursedOn: "2017-03-21", termMonths: 36, from: "2017-03-21", to: "2017-06-21",
    });
    // 50000 × 92 × 0.055 ÷ 360 = 702.777… → 702.78 (the table's cap, not the shipped 4.75%)
    expect(r).toMatchObject({ ok: true, value: { capRate: "0.0550", rate: "0.0550", amount: "702.78" } });
    expect(await prisma.auditEvent.count()).toBe(before);
  });

  it("has no active profile for a county without one (templates only), and refuses other roles", async () => {
    const finance = await makeActor("finance_officer", a.county.id);
    const ctx = await calculatorContext(finance, {});
    expect(ctx.active).toBeNull();
    expect(ctx.tables.benchmark.length).toBeGreaterThan(0);
    const bank = await makeActor("bank_officer", a.county.id);
    expect((await rejection(calculatorContext(bank, {}))).code).toBe("FORBIDDEN");
    expect((await rejection(calculatorContext(await makeActor("admin", a.county.id), {}))).code).toBe("FORBIDDEN");
  });
});
