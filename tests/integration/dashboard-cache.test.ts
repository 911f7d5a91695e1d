import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { dashboardOverview } from "@/lib/server/dashboard/dashboard-overview";
import { createHousehold } from "@/lib/server/households/create-household";
import { recordFundDeposit } from "@/lib/server/risk/record-fund-deposit";
import { activateProfile, householdInput, makeActor, makeCounty, prisma, resetDb, setNow, type TestCounty, validId } from "./fixtures";

/**
 * The overview is served from an in-process cache keyed by who asks, for which area, on which
 * business date, and checked against the county's audit chain head (overview-cache.ts). Every
 * test asserts what a caller sees: the same object again while nothing audited changed, fresh
 * figures right after an audited write.
 *
 * County A (410101) has one household loan: 10,000 outstanding, an instalment due 2026-05-16
 * unpaid — 30 days overdue on 2026-06-15, 31 on 2026-06-16. County B (410102) is empty.
 */
describe("dashboard overview cache", () => {
  let a: TestCounty;
  let b: TestCounty;
  let countyA: Actor;
  let countyB: Actor;
  let cadreA: Actor;
  let cadreB: Actor;
  let seq = 500;

  /** A household written straight into the table: no use case, no audit row. */
  const rawHousehold = (c: TestCounty) => {
    const village = c.townships[0].villages[0];
    return prisma.household.create({
      data: {
        ...householdInput({ idNumber: validId("410101", "19800101", String(++seq)) }),
        membersCount: 3, labourCapacity: "full", status: "registeredPoor",
        villageId: village.id, townshipId: village.parentId!, countyId: c.county.id,
      },
    });
  };
  const register = (cadre: Actor) => createHousehold(cadre, householdInput({ idNumber: validId("410101", "19850101", String(++seq)) }));

  afterEach(() => setNow(null));

  beforeEach(async () => {
    await resetDb();
    setNow("2026-06-15T02:00:00Z");
    a = await makeCounty("410101");
    b = await makeCounty("410102");
    await activateProfile(a.county.id);
    await activateProfile(b.county.id);
    countyA = await makeActor("county_officer", a.county.id);
    countyB = await makeActor("county_officer", b.county.id);
    cadreA = await makeActor("village_cadre", a.townships[0].villages[0].id);
    cadreB = await makeActor("village_cadre", b.townships[0].villages[0].id);

    const h = await rawHousehold(a);
    const bank = await prisma.bank.create({ data: { countyId: a.county.id, name: "农业银行" } });
    const app = await prisma.application.create({
      data: {
        kind: "household", status: "disbursed", countyId: a.county.id, townshipId: h.townshipId, villageId: h.villageId, householdId: h.id,
        amount: "10000", termMonths: 12, purpose: "planting", projectDescription: "x", repaymentSource: "x", createdById: countyA.userId,
      },
    });
    const loan = await prisma.loan.create({
      data: {
        applicationId: app.id, kind: "household", countyId: a.county.id, townshipId: h.townshipId, villageId: h.villageId, householdId: h.id,
        bankId: bank.id, contractNumber: "C1", principal: "10000", rate: "0.0435", termMonths: 12,
        disbursedOn: new Date("2026-01-10"), maturityDate: new Date("2027-01-10"), status: "overdue", outstandingPrincipal: "10000",
      },
    });
    await prisma.scheduleItem.create({ data: { loanId: loan.id, seq: 1, dueDate: new Date("2026-05-16"), principalDue: "0", interestDue: "100", status: "overdue" } });
  });

  it("a second call returns the same figures without computing them again; a change without an audit row is not seen (by design)", async () => {
    const first = await dashboardOverview(countyA, {});
    expect(first.figures).toMatchObject({ registered: 1, loans: 1, outstanding: "10000.00" });
    expect(first.computedAt).toBe("2026-06-15T02:00:00.000Z");

    // Raw SQL bypasses the use cases and leaves no audit row: the data version does not move, so
    // the cached figures stand. Every portal write is audited (use-case.ts), so only a change
    // made behind the portal's back looks like this.
    await rawHousehold(a);
    setNow("2026-06-15T05:00:00Z");
    const second = await dashboardOverview(countyA, {});
    expect(second).toBe(first);
    expect(second.figures.registered).toBe(1);
    expect(second.computedAt).toBe("2026-06-15T02:00:00.000Z");
    // The value handed out is shared, so it cannot be changed by one caller for the others.
    expect(Object.isFrozen(second.figures)).toBe(true);

    // The same area asked for explicitly is the same entry; callers at once share one result.
    const [x, y] = await Promise.all([dashboardOverview(countyA, { unit: a.county.id }), dashboardOverview(countyA, { unit: "" })]);
    expect(x).toBe(first);
    expect(y).toBe(first);
  });

  it("an audited write in the county (a household registered, a fund deposit) shows on the very next call", async () => {
    const before = await dashboardOverview(countyA, {});
    expect(before.figures.registered).toBe(1);
    expect(before.fundBalance).toBe("0.00");

    await register(cadreA);
    const afterHousehold = await dashboardOverview(countyA, {});
    expect(afterHousehold.figures.registered).toBe(2);

    await recordFundDeposit(countyA, { amount: "50000", occurredOn: "2026-06-15", reference: "财预〔2026〕1号" });
    const afterDeposit = await dashboardOverview(countyA, {});
    expect(afterDeposit.fundBalance).toBe("50000.00");
    expect(afterDeposit.fundRatio).toBe("5.0000");
    // The village cadre's own overview moved with it.
    expect((await dashboardOverview(cadreA, {})).figures.registered).toBe(2);
  });

  it("a write in another county leaves this county's entry in place; a write in this county replaces it", async () => {
    const a1 = await dashboardOverview(countyA, {});
    const b1 = await dashboardOverview(countyB, {});
    expect(b1.figures.registered).toBe(0);

    await register(cadreB);
    expect(await dashboardOverview(countyA, {})).toBe(a1);
    const b2 = await dashboardOverview(countyB, {});
    expect(b2).not.toBe(b1);
    expect(b2.figures.registered).toBe(1);

    await register(cadreA);
    const a2 = await dashboardOverview(countyA, {});
    expect(a2).not.toBe(a1);
    expect(a2.figures.registered).toBe(2);
    expect(await dashboardOverview(countyB, {})).toBe(b2);
  });

  it("a system-wide auditor's all-county overview moves with a write in any county", async () => {
    const everywhere = await makeActor("auditor", null);
    const top = await dashboardOverview(everywhere, {});
    expect(top.unit.level).toBe("all");
    expect(top.figures.registered).toBe(1);
    expect(await dashboardOverview(everywhere, {})).toBe(top);

    await register(cadreB);
    const after = await dashboardOverview(everywhere, {});
    expect(after.figures.registered).toBe(2);
    expect(after.children.find((c) => c.id === b.county.id)?.figures.registered).toBe(1);
  });

  it("a village cadre and a county officer never get each other's cached result, and the scope check runs on every call", async () => {
    const v00 = a.townships[0].villages[0];
    // The county officer drills into the cadre's village first: the same area, another actor.
    const byCounty = await dashboardOverview(countyA, { unit: v00.id });
    expect(byCounty.crumbs.map((c) => c.id)).toEqual([a.county.id, a.townships[0].id, v00.id]);
    const byCadre = await dashboardOverview(cadreA, {});
    expect(byCadre).not.toBe(byCounty);
    expect(byCadre.unit.id).toBe(v00.id);
    expect(byCadre.crumbs.map((c) => c.id)).toEqual([v00.id]);
    // And the other way round: the cadre's entry is not the county officer's.
    const countyHome = await dashboardOverview(countyA, {});
    expect(countyHome.unit.id).toBe(a.county.id);
    expect(await dashboardOverview(cadreA, {})).toBe(byCadre);
    expect(await dashboardOverview(countyA, { unit: v00.id })).toBe(byCounty);

    // Areas cached for the county officer stay out of reach of narrower scopes.
    await dashboardOverview(countyA, { unit: a.townships[0].id });
    await expect(dashboardOverview(cadreA, { unit: a.townships[0].id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(dashboardOverview(cadreA, { unit: a.county.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const township = await makeActor("township_officer", a.townships[1].id);
    await expect(dashboardOverview(township, { unit: v00.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(dashboardOverview(countyB, { unit: a.county.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A role without the dashboard is refused before any cache is looked at.
    const bank = await makeActor("bank_officer", a.county.id);
    await expect(dashboardOverview(bank, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(dashboardOverview(countyA, { unit: "x".repeat(65) })).rejects.toMatchObject({ code: "VALIDATION" });

    // Another county officer of the same county has the same scope and shares the entry.
    const colleague = await makeActor("county_officer", a.county.id);
    expect(await dashboardOverview(colleague, {})).toBe(countyHome);
  });

  it("another business date computes again: overdue days, quarter and year follow the clock", async () => {
    const june15 = await dashboardOverview(countyA, {});
    expect(june15.today).toBe("2026-06-15");
    expect(june15.figures.buckets.d1to30).toEqual({ count: 1, amount: "10000.00" });
    expect(june15.figures.buckets.d31to70).toEqual({ count: 0, amount: "0.00" });

    setNow("2026-06-16T02:00:00Z");
    const june16 = await dashboardOverview(countyA, {});
    expect(june16).not.toBe(june15);
    expect(june16.today).toBe("2026-06-16");
    expect(june16.figures.buckets.d1to30).toEqual({ count: 0, amount: "0.00" });
    expect(june16.figures.buckets.d31to70).toEqual({ count: 1, amount: "10000.00" });
    expect(june16.trend[11].month).toBe("2026-06");

    // Back on the 15th (a test clock): that date's entry is still valid, nothing was written.
    setNow("2026-06-15T09:00:00Z");
    expect(await dashboardOverview(countyA, {})).toBe(june15);
  });

  it("a failed computation is not cached: the next call tries again", async () => {
    const c = await makeCounty("410103");
    const officer = await makeActor("county_officer", c.county.id);
    // No policy profile in force: the overview cannot be computed.
    await expect(dashboardOverview(officer, {})).rejects.toMatchObject({ code: "RULE_VIOLATION" });
    // Activated without an audit row (a fixture): the data version is unchanged, yet the next
    // call computes, because the failure was never stored.
    await activateProfile(c.county.id);
    const v = await dashboardOverview(officer, {});
    expect(v.unit.id).toBe(c.county.id);
    expect(v.figures.registered).toBe(0);
  });
});
