import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { runDailyJob } from "@/lib/server/jobs/daily";
import { breakerOverview } from "@/lib/server/risk/breaker-overview";
import { fundLedger } from "@/lib/server/risk/fund-ledger";
import { listLossCases } from "@/lib/server/risk/list-loss-cases";
import { recordFundDeposit } from "@/lib/server/risk/record-fund-deposit";
import { recordRecovery } from "@/lib/server/risk/record-recovery";
import { returnRecoveryToFund } from "@/lib/server/risk/return-recovery-to-fund";
import { updateLossShare } from "@/lib/server/risk/update-loss-share";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, seedCalendar, setNow, type TestCounty } from "./fixtures";
import { loanState, makeBank, makeLoan } from "./loans-fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const SCHEDULE = [
  { dueDate: "2026-07-21", principal: "0.00", interest: "120.83" },
  { dueDate: "2026-10-21", principal: "10000.00", interest: "111.11" },
];

describe("loss sharing, recovery and the risk compensation fund (real PostgreSQL)", () => {
  let c: TestCounty;
  let bank: { bankId: string; officer: Actor };
  let county: Actor, finance: Actor, auditor: Actor;

  async function splitLoan(overrides?: Parameters<typeof activateProfile>[1]) {
    await activateProfile(c.county.id, overrides);
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: SCHEDULE });
    setNow("2026-07-22T02:00:00Z");
    await runDailyJob("2026-07-22");
    setNow("2026-09-30T02:00:00Z");
    await runDailyJob("2026-09-30");
    const [lossCase] = await listLossCases(county, {});
    return { loan, lossCase };
  }

  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("410101");
    await seedCalendar(c.county.id);
    bank = await makeBank(c);
    county = await makeActor("county_officer", c.county.id);
    finance = await makeActor("finance_officer", c.county.id);
    auditor = await makeActor("auditor", c.county.id);
  });
  afterEach(() => setNow(null));

  it("parties confirm and pay their shares; the fund's payment posts to the ledger; all paid writes the loan off (账销案存)", async () => {
    const { loan, lossCase } = await splitLoan();
    expect(lossCase.loss).toBe("10120.83");
    expect(lossCase.shares.map((s) => [s.party, s.amount, s.status])).toEqual([
      ["provincial_agri_guarantee", "4048.33", "pending"],
      ["county_fund", "3036.25", "pending"],
      ["provincial_guarantee_group", "2024.17", "pending"],
      ["bank", "1012.08", "pending"],
    ]);
    const share = (party: string) => lossCase.shares.find((s) => s.party === party)!.id;

    expect((await rejection(updateLossShare(bank.officer, { action: "confirm", shareId: share("county_fund"), expectedStatus: "pending" }))).code).toBe("FORBIDDEN");
    await updateLossShare(bank.officer, { action: "confirm", shareId: share("bank"), expectedStatus: "pending" });
    // The second click on a stale page: compare-and-swap refuses it.
    expect((await rejection(updateLossShare(county, { action: "confirm", shareId: share("bank"), expectedStatus: "pending" }))).code).toBe("CONFLICT");
    const payWithout = await rejection(updateLossShare(bank.officer, { action: "pay", shareId: share("bank"), expectedStatus: "confirmed", reference: " " }));
    expect(payWithout.fieldErrors?.reference).toBeDefined();
    await updateLossShare(bank.officer, { action: "pay", shareId: share("bank"), expectedStatus: "confirmed", reference: "YH-001" });

    await updateLossShare(finance, { action: "confirm", shareId: share("county_fund"), expectedStatus: "pending" });
    await updateLossShare(finance, { action: "pay", shareId: share("county_fund"), expectedStatus: "confirmed", reference: "CZ-2026-88" });
    let ledger = await fundLedger(county, {});
    expect(ledger.entries.map((e) => [e.kind, e.amount, e.reference])).toEqual([["payout", "-3036.25", "CZ-2026-88"]]);
    expect(ledger.balance).toBe("-3036.25");

    for (const party of ["provincial_agri_guarantee", "provincial_guarantee_group"]) {
      await updateLossShare(county, { action: "confirm", shareId: share(party), expectedStatus: "pending" });
      expect((await loanState(loan.id)).status).toBe("split");
      const r = await updateLossShare(county, { action: "pay", shareId: share(party), expectedStatus: "confirmed", reference: `DB-${party}` });
      expect(r.caseSettled).toBe(party === "provincial_guarantee_group");
    }
    expect((await loanState(loan.id)).status).toBe("writtenOffCaseKept");
    const [settled] = await listLossCases(auditor, {});
    expect(settled.status).toBe("settled");
    expect(settled.shares.every((s) => s.status === "paid" && !s.mayAct)).toBe(true);

    // Deposits bring the fund up; the initial capital check of Pingdingshan (2000万).
    await recordFundDeposit(county, { amount: "20,000,000.00", occurredOn: "2026-09-30", reference: "财预〔2026〕1号" });
    ledger = await fundLedger(finance, {});
    expect([ledger.balance, ledger.deposits, ledger.initialCapital, ledger.initialCapitalMet]).toEqual(["19996963.75", "20000000.00", "20000000", true]);
    expect((await rejection(recordFundDeposit(finance, { amount: "1", occurredOn: "2026-09-30", reference: "x" }))).code).toBe("FORBIDDEN");
  });

  it("recoveries are distributed net of costs pro rata, a shortfall shared the same way; the fund's share returns to the ledger", async () => {
    const { loan, lossCase } = await splitLoan();
    setNow("2026-11-02T02:00:00Z");
    const r1 = await recordRecovery(bank.officer, { caseId: lossCase.id, amount: "5000", costs: "200.00", receivedOn: "2026-11-02" });
    expect(r1.net).toBe("4800.00");
    expect(Object.fromEntries(r1.shares.map((s) => [s.party, s.amount]))).toEqual({
      provincial_agri_guarantee: "1920.00", county_fund: "1440.00", provincial_guarantee_group: "960.00", bank: "480.00",
    });
    const r2 = await recordRecovery(county, { caseId: lossCase.id, amount: "100", costs: "300.01", receivedOn: "2026-11-02" });
    expect(r2.net).toBe("-200.01");
    const r2shares = Object.fromEntries(r2.shares.map((s) => [s.party, s.amount]));
    // -80.004 → -80.00, -60.003 → -60.00, -40.002 → -40.00, -20.001 → -20.00; the missing -0.01 to the largest.
    expect(r2shares).toEqual({ provincial_agri_guarantee: "-80.01", county_fund: "-60.00", provincial_guarantee_group: "-40.00", bank: "-20.00" });
    const ledger = await fundLedger(county, {});
    expect(ledger.entries.map((e) => [e.kind, e.amount]).sort()).toEqual([["recoveryReturn", "-60.00"], ["recoveryReturn", "1440.00"]]);
    expect((await loanState(loan.id)).status).toBe("split");
    expect((await rejection(recordRecovery(county, { caseId: lossCase.id, amount: "1", costs: "0", receivedOn: "2026-11-03" }))).fieldErrors?.receivedOn).toBeDefined();
  });

  it("Guizhou: the fund's share is due within 5 working days of the recovery and flagged when late", async () => {
    const { lossCase } = await splitLoan((s) => {
      s.defaultHandling.recoveryReturnWorkingDays = 5;
      s.riskFund.minFundToBalanceRatio = "0.10";
    });
    setNow("2026-11-02T02:00:00Z");
    const r = await recordRecovery(county, { caseId: lossCase.id, amount: "1000", costs: "0", receivedOn: "2026-10-30" });
    // Friday 30 Oct + 5 working days = Friday 6 Nov.
    expect(r.fundDueBy).toBe("2026-11-06");
    expect((await fundLedger(county, {})).entries).toEqual([]);
    setNow("2026-11-09T02:00:00Z");
    const [late] = await listLossCases(county, {});
    expect(late.recoveries[0]).toMatchObject({ fundDueBy: "2026-11-06", fundPaidOn: null, fundLate: true });
    expect(await returnRecoveryToFund(finance, { recoveryId: r.recoveryId, paidOn: "2026-11-09", reference: "HK-1" })).toEqual({ late: true });
    expect((await rejection(returnRecoveryToFund(finance, { recoveryId: r.recoveryId, paidOn: "2026-11-09", reference: "HK-1" }))).code).toBe("CONFLICT");
    const ledger = await fundLedger(county, {});
    expect(ledger.entries.map((e) => [e.kind, e.amount])).toEqual([["recoveryReturn", "300.00"]]);
    // 300.00 against the 10,000.00 still outstanding (split, not yet written off): below 1:10.
    expect([ledger.ratio, ledger.minRatio, ledger.belowMinimum]).toEqual(["0.0300", "0.10", true]);
  });

  it("the breaker page lists areas nearest their threshold first, with the trip history", async () => {
    await activateProfile(c.county.id);
    await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: [{ dueDate: "2026-07-01", principal: "10000.00", interest: "1.00" }] });
    await makeLoan({ c, bankId: bank.bankId, principal: "40000.00", schedule: [{ dueDate: "2027-07-01", principal: "40000.00", interest: "1.00" }] });
    await makeLoan({ c, bankId: bank.bankId, principal: "50000.00", schedule: [{ dueDate: "2027-07-01", principal: "50000.00", interest: "1.00" }], village: { township: 0, village: 1 } });
    setNow("2026-07-22T02:00:00Z");
    await runDailyJob("2026-07-22");
    const view = await breakerOverview(county, {});
    // Village 1: 20% > 7%; township 1: 10% > 5% (tripped, furthest past the threshold first);
    // then the nearest to tripping; village 2 (its township tripped) halted at 0%.
    expect(view.rows.slice(0, 3).map((r) => [r.level, r.ratio, r.tripped, r.halted])).toEqual([
      ["village", "0.2000", true, true], ["township", "0.1000", true, true], ["township", "0.0000", false, false],
    ]);
    expect(view.rows.find((r) => r.id === c.townships[0].villages[1].id)).toMatchObject({ tripped: false, halted: true });
    expect(view.history.map((h) => [h.level, h.tripped, h.ratio]).sort()).toEqual([["township", true, "0.1000"], ["village", true, "0.2000"]]);
  });
});
