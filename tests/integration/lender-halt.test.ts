import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordBankDecision } from "@/lib/server/applications/record-bank-decision";
import { AppError } from "@/lib/server/errors";
import { activateProfile, householdInput, makeActor, makeCounty, prisma, resetDb, setNow, validId } from "./fixtures";

describe("G 二(二): a lender over its NPL threshold halts its own new microcredit", () => {
  afterEach(() => setNow(null));

  beforeEach(async () => {
    await resetDb();
    setNow("2026-06-01T02:00:00Z");
  });

  async function scenario(lenderThreshold: string | null) {
    const c = await makeCounty("520101");
    await activateProfile(c.county.id, (s) => {
      s.breaker.lender = lenderThreshold;
      s.breaker.comparison = "gte";
    });
    const bank = await prisma.bank.create({ data: { countyId: c.county.id, name: "黔南农商银行" } });
    const county = await makeActor("county_officer", c.county.id);
    const [t0, t1] = c.townships;
    const household = async (t: typeof t0, seq: string) =>
      prisma.household.create({
        data: { ...householdInput({ idNumber: validId("520101", "19800101", seq) }), membersCount: 3, status: "registeredPoor", labourCapacity: "full", creditGrade: "A", villageId: t.villages[0].id, townshipId: t.id, countyId: c.county.id },
      });
    const h1 = await household(t1, "111");
    const oldApp = await prisma.application.create({
      data: { kind: "household", status: "disbursed", countyId: c.county.id, townshipId: t1.id, villageId: t1.villages[0].id, householdId: h1.id, amount: "3000", termMonths: 12, purpose: "planting", projectDescription: "x", repaymentSource: "x", createdById: county.userId },
    });
    // 3,000 in buffer out of the bank's 100,000: exactly 3%.
    await prisma.loan.create({
      data: { applicationId: oldApp.id, kind: "household", countyId: c.county.id, townshipId: t1.id, villageId: t1.villages[0].id, householdId: h1.id, bankId: bank.id, contractNumber: "OLD", principal: "3000", rate: "0.0435", termMonths: 12, disbursedOn: new Date("2025-01-01"), maturityDate: new Date("2026-01-01"), status: "inBuffer", outstandingPrincipal: "3000" },
    });
    const h2 = await household(t0, "222");
    const goodApp = await prisma.application.create({
      data: { kind: "household", status: "disbursed", countyId: c.county.id, townshipId: t0.id, villageId: t0.villages[1].id, householdId: h2.id, amount: "97000", termMonths: 12, purpose: "planting", projectDescription: "x", repaymentSource: "x", createdById: county.userId },
    });
    await prisma.loan.create({
      data: { applicationId: goodApp.id, kind: "household", countyId: c.county.id, townshipId: t0.id, villageId: t0.villages[1].id, householdId: h2.id, bankId: bank.id, contractNumber: "GOOD", principal: "97000", rate: "0.0435", termMonths: 12, disbursedOn: new Date("2026-01-01"), maturityDate: new Date("2027-01-01"), status: "repaying", outstandingPrincipal: "97000" },
    });
    const h3 = await household(t0, "333");
    const batch = await prisma.batch.create({ data: { countyId: c.county.id, bankId: bank.id, createdById: county.userId, sentOn: new Date("2026-05-20"), deadline: new Date("2026-06-10") } });
    const app = await prisma.application.create({
      data: { kind: "household", status: "batched", countyId: c.county.id, townshipId: t0.id, villageId: t0.villages[0].id, householdId: h3.id, amount: "20000", termMonths: 12, purpose: "planting", projectDescription: "x", repaymentSource: "x", createdById: county.userId, batchId: batch.id },
    });
    return { county, app };
  }

  const approve = { outcome: "approved", contractNumber: "NEW-1", approvedAmount: "20000", rate: "0.0435", termMonths: "12", disbursementDate: "2026-06-01" };

  it("G 二(二): at exactly 3% (≥, 含) the bank's approval is refused and nothing is written", async () => {
    const { county, app } = await scenario("0.03");
    const error = await recordBankDecision(county, { id: app.id, ...approve }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain("3.00%");
    expect((await prisma.application.findUniqueOrThrow({ where: { id: app.id } })).status).toBe("batched");
    expect(await prisma.loan.count({ where: { contractNumber: "NEW-1" } })).toBe(0);
  });

  it("G 二(二): just under the threshold the bank lends", async () => {
    const { county, app } = await scenario("0.0301");
    const result = await recordBankDecision(county, { id: app.id, ...approve });
    expect(result.loanId).not.toBeNull();
  });

  it("§14: without a lender rule (Henan) the lender never halts", async () => {
    const { county, app } = await scenario(null);
    const result = await recordBankDecision(county, { id: app.id, ...approve });
    expect(result.loanId).not.toBeNull();
  });
});
