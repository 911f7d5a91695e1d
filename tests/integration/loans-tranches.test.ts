import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { getLoan } from "@/lib/server/loans/get-loan";
import { recordSiteVisit } from "@/lib/server/loans/record-site-visit";
import { requestTranche } from "@/lib/server/loans/request-tranche";
import { updateTranche } from "@/lib/server/loans/update-tranche";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, setNow, type TestCounty } from "./fixtures";
import { makeBank, makeLoan } from "./loans-fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("large-loan tranches and site visits (real PostgreSQL)", () => {
  let c: TestCounty;
  let bank: { bankId: string; officer: Actor };
  let county: Actor, township: Actor;

  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    bank = await makeBank(c);
    county = await makeActor("county_officer", c.county.id);
    township = await makeActor("township_officer", c.townships[0].id);
    setNow("2026-08-15T02:00:00Z");
  });
  afterEach(() => setNow(null));

  async function largeLoan() {
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "1000000.00", disbursedOn: "2026-02-10", schedule: [{ dueDate: "2027-02-10", principal: "1000000.00", interest: "43500.00" }] });
    await prisma.application.update({ where: { id: loan.applicationId }, data: { largeLoan: true } });
    return loan;
  }

  it("tranches are requested within the principal, approved by the county, paid by the bank to the payee; a halt stops the rest", async () => {
    const loan = await largeLoan();
    const t1 = await requestTranche(township, { loanId: loan.id, amount: "600,000", purpose: "厂房建设", evidence: "施工合同 JS-01", payee: "某建筑公司" });
    expect((await rejection(requestTranche(township, { loanId: loan.id, amount: "400000.01", purpose: "设备", evidence: "合同", payee: "某设备公司" }))).fieldErrors?.amount?.[0]).toContain("400000.00");
    expect((await rejection(updateTranche(bank.officer, { action: "pay", trancheId: t1.id, paidOn: "2026-08-15" }))).code).toBe("CONFLICT");
    expect((await rejection(updateTranche(bank.officer, { action: "approve", trancheId: t1.id }))).code).toBe("FORBIDDEN");
    await updateTranche(county, { action: "approve", trancheId: t1.id });
    await updateTranche(bank.officer, { action: "pay", trancheId: t1.id, paidOn: "2026-08-15" });
    const t2 = await requestTranche(county, { loanId: loan.id, amount: "300000", purpose: "设备", evidence: "合同 SB-02", payee: "某设备公司" });
    await updateTranche(bank.officer, { action: "halt", loanId: loan.id, reason: "资金被挪作他用" });
    expect((await prisma.tranche.findUniqueOrThrow({ where: { id: t2.id } })).status).toBe("halted");
    expect((await rejection(requestTranche(township, { loanId: loan.id, amount: "1000", purpose: "x", evidence: "x", payee: "x" }))).message).toContain("停止后续支用");
  });

  it("an ordinary loan has no tranches; site visits are due every quarter, missed quarters flagged", async () => {
    const ordinary = await makeLoan({ c, bankId: bank.bankId, principal: "50000.00", schedule: [{ dueDate: "2027-02-10", principal: "50000.00", interest: "1.00" }] });
    expect((await rejection(requestTranche(township, { loanId: ordinary.id, amount: "1", purpose: "x", evidence: "x", payee: "x" }))).code).toBe("RULE_VIOLATION");
    const loan = await largeLoan();
    await recordSiteVisit(bank.officer, { loanId: loan.id, visitedOn: "2026-05-20", findings: "厂房主体已完工" });
    const view = await getLoan(county, { id: loan.id });
    // Disbursed in Q1 2026; today is in Q3: Q1 and Q2 are complete quarters.
    expect(view.largeLoan?.quarters).toEqual([
      { quarter: "2026 年第 1 季度", visits: 0, overdue: true },
      { quarter: "2026 年第 2 季度", visits: 1, overdue: false },
    ]);
    expect((await getLoan(county, { id: ordinary.id })).largeLoan).toBeNull();
  });
});
