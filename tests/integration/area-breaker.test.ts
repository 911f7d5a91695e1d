import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BreakerResult } from "@/lib/domain/circuit-breaker";
import { activeProfile } from "@/lib/server/policy/active-profile";
import { areasBreaker, countyBreaker } from "@/lib/server/risk/area-breaker";
import { activateProfile, makeCounty, prisma, resetDb, setNow, type TestCounty } from "./fixtures";
import { makeBank, makeLoan } from "./loans-fixtures";

const TODAY = "2026-06-15";
const byId = (results: BreakerResult[]) => [...results].sort((a, b) => a.id.localeCompare(b.id));

/**
 * POLICY §15.1 from live loans, 90 days (non-performing from instalments due before 2026-03-17):
 * a county evaluated on its own (the breaker page, the daily job, the halt checks) and the whole
 * province in one pass (the benchmark's figure) give the same answer for every area.
 */
describe("issue 6 §7: the area breaker from live loan data", () => {
  let a: TestCounty;
  let b: TestCounty;

  afterEach(() => setNow(null));

  beforeEach(async () => {
    await resetDb();
    setNow(`${TODAY}T02:00:00Z`);
    a = await makeCounty("410201");
    b = await makeCounty("410202");
    await activateProfile(a.county.id);
    await activateProfile(b.county.id);
    const bankA = (await makeBank(a)).bankId;
    const bankB = (await makeBank(b)).bankId;
    const loan = async (c: TestCounty, bankId: string, principal: string, at: { township: number; village: number }, due: string) =>
      makeLoan({ c, bankId, principal, village: at, schedule: [{ dueDate: due, principal, interest: "100" }] });
    const set = (id: string, data: Record<string, unknown>) => prisma.loan.update({ where: { id }, data });

    // County A, township 0, village 0: healthy 10,000; 20,000 with an instalment unpaid 106 days
    // (still "due": the daily job has not run); 30,000 unpaid 75 days (not yet non-performing).
    await loan(a, bankA, "10000", { township: 0, village: 0 }, "2027-01-10");
    await loan(a, bankA, "20000", { township: 0, village: 0 }, "2026-03-01");
    await loan(a, bankA, "30000", { township: 0, village: 0 }, "2026-04-01");
    // Village 1: in buffer (non-performing by its status), and a repaid loan (not counted).
    const buffer = await loan(a, bankA, "40000", { township: 0, village: 1 }, "2027-01-10");
    await set(buffer.id, { status: "inBuffer" });
    const repaid = await loan(a, bankA, "50000", { township: 0, village: 1 }, "2026-02-01");
    await set(repaid.id, { status: "repaid", outstandingPrincipal: "0" });
    // Township 1: an instalment marked overdue but paid in full (not non-performing), and a loan
    // written off with its case kept (not counted).
    const paid = await loan(a, bankA, "5000", { township: 1, village: 0 }, "2026-02-01");
    await prisma.scheduleItem.updateMany({ where: { loanId: paid.id }, data: { status: "overdue", principalPaid: "5000", interestPaid: "100" } });
    const writtenOff = await loan(a, bankA, "8000", { township: 1, village: 1 }, "2025-12-01");
    await set(writtenOff.id, { status: "writtenOffCaseKept" });
    // County B: one healthy loan and one in a loss-sharing split.
    await loan(b, bankB, "10000", { township: 0, village: 0 }, "2027-01-10");
    const split = await loan(b, bankB, "10000", { township: 0, village: 0 }, "2025-11-20");
    await set(split.id, { status: "split" });
  });

  it("§15.1: each township and village of a county, with its ratio, trip and halt", async () => {
    const profile = await activeProfile(prisma, a.county.id, TODAY);
    const [t0, t1] = a.townships;
    const expected = [
      { id: t0.id, nplRatio: "0.6000", tripped: true, lendingHalted: true },
      { id: t0.villages[0].id, nplRatio: "0.3333", tripped: true, lendingHalted: true },
      { id: t0.villages[1].id, nplRatio: "1.0000", tripped: true, lendingHalted: true },
      { id: t1.id, nplRatio: "0.0000", tripped: false, lendingHalted: false },
      { id: t1.villages[0].id, nplRatio: "0.0000", tripped: false, lendingHalted: false },
      { id: t1.villages[1].id, nplRatio: "0.0000", tripped: false, lendingHalted: false },
    ];
    expect(byId(await countyBreaker(prisma, a.county.id, TODAY, profile))).toEqual(byId(expected));
  });

  it("§15.1: the whole province in one pass agrees with every county evaluated on its own", async () => {
    const profile = await activeProfile(prisma, a.county.id, TODAY);
    const province = await areasBreaker(prisma, null, TODAY, profile);
    const counties = [...(await countyBreaker(prisma, a.county.id, TODAY, profile)), ...(await countyBreaker(prisma, b.county.id, TODAY, profile))];
    expect(province).toHaveLength(12);
    expect(byId(province)).toEqual(byId(counties));
    const bVillage = province.find((r) => r.id === b.townships[0].villages[0].id);
    expect(bVillage).toEqual({ id: b.townships[0].villages[0].id, nplRatio: "0.5000", tripped: true, lendingHalted: true });
  });
});
