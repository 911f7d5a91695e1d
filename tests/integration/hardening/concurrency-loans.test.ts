import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { runDailyJob } from "@/lib/server/jobs/daily";
import { decideLoanChange } from "@/lib/server/loans/decide-loan-change";
import { importRepayments } from "@/lib/server/loans/import-repayments";
import { recordRepayment } from "@/lib/server/loans/record-repayment";
import { requestLoanChange } from "@/lib/server/loans/request-loan-change";
import { requestTranche } from "@/lib/server/loans/request-tranche";
import { updateTranche } from "@/lib/server/loans/update-tranche";
import { applyClaim } from "@/lib/server/risk/apply-claim";
import { decideClaim } from "@/lib/server/risk/decide-claim";
import { fundLedger } from "@/lib/server/risk/fund-ledger";
import { listLossCases } from "@/lib/server/risk/list-loss-cases";
import { recordRecovery } from "@/lib/server/risk/record-recovery";
import { returnRecoveryToFund } from "@/lib/server/risk/return-recovery-to-fund";
import { reviewClaim } from "@/lib/server/risk/review-claim";
import { updateLossShare } from "@/lib/server/risk/update-loss-share";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, seedCalendar, setNow, type TestCounty } from "../fixtures";
import { loanState, makeBank, makeLoan } from "../loans-fixtures";
import { exactlyOne, race, RACERS } from "./race";

const audits = (action: string, entityId?: string) => prisma.auditEvent.count({ where: { action, ...(entityId ? { entityId } : {}) } });

/**
 * 50 identical money-moving requests at once against one loan, share or recovery (issue 10,
 * item 3): the money moves once — one repayment, one payout from the fund, one loss case — and
 * every other request gets a clear answer.
 */
describe("concurrent money-moving steps of one loan (real PostgreSQL)", () => {
  let c: TestCounty;
  let bank: { bankId: string; officer: Actor };
  let county: Actor, township: Actor, finance: Actor;

  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("410101");
    await seedCalendar(c.county.id);
    bank = await makeBank(c);
    county = await makeActor("county_officer", c.county.id);
    township = await makeActor("township_officer", c.townships[0].id);
    finance = await makeActor("finance_officer", c.county.id);
  });
  afterEach(() => setNow(null));

  describe("repayments", () => {
    const SCHEDULE = [
      { dueDate: "2026-03-20", principal: "0.00", interest: "100.00" },
      { dueDate: "2026-09-20", principal: "10000.00", interest: "200.00" },
    ];

    beforeEach(async () => {
      await activateProfile(c.county.id);
      setNow("2026-04-01T02:00:00Z");
    });

    it(`${RACERS} concurrent recordings of one bank reference: one repayment, the balance moved once, every request answered`, async () => {
      const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: SCHEDULE });
      const input = { loanId: loan.id, reference: "LS-0001", paidOn: "2026-03-20", principal: "1000", interest: "100", penalty: "" };
      // The same repayment sent again is recognised (idempotent): every request succeeds, one applies it.
      const { ok } = await race(() => recordRepayment(bank.officer, input));
      expect(ok).toHaveLength(RACERS);
      expect(ok.filter((r) => !r.unchanged)).toHaveLength(1);
      expect(await prisma.repayment.count()).toBe(1);
      expect((await loanState(loan.id)).outstanding).toBe("9000.00");
      expect(await audits("loan.recordRepayment", loan.id)).toBe(1);
      expect(await audits("loan.repaymentRepeated")).toBe(RACERS - 1);
    });

    it(`${RACERS} concurrent uploads of one repayment file: each row applied once`, async () => {
      const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: SCHEDULE, contractNumber: "HT-IMP" });
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet("还款明细");
      sheet.addRow(["合同编号", "借款人", "银行流水号", "还款日期（YYYY-MM-DD）", "本金（元）", "利息（元）", "罚息（元）"]);
      sheet.addRow(["HT-IMP", "", "LS-1", "2026-03-20", "0", "100", "0"]);
      sheet.addRow(["HT-IMP", "", "LS-2", "2026-03-25", "2000", "0", "0"]);
      const file = new Uint8Array(await wb.xlsx.writeBuffer());
      const { ok } = await race(() => importRepayments(bank.officer, { file }));
      expect(ok).toHaveLength(RACERS);
      expect(ok.filter((r) => r.applied === 2)).toHaveLength(1);
      expect(ok.filter((r) => r.applied === 0 && r.unchanged === 2)).toHaveLength(RACERS - 1);
      expect(await prisma.repayment.count()).toBe(2);
      expect((await loanState(loan.id)).outstanding).toBe("8000.00");
      expect(await audits("loan.recordRepayment", loan.id)).toBe(2);
    });
  });

  describe("tranches and loan changes", () => {
    beforeEach(async () => {
      await activateProfile(c.county.id);
      setNow("2026-08-15T02:00:00Z");
    });

    it(`${RACERS} concurrent approvals and then payments of one tranche: approved once, paid once`, async () => {
      const loan = await makeLoan({ c, bankId: bank.bankId, principal: "1000000.00", disbursedOn: "2026-02-10", schedule: [{ dueDate: "2027-02-10", principal: "1000000.00", interest: "43500.00" }] });
      await prisma.application.update({ where: { id: loan.applicationId }, data: { largeLoan: true } });
      const t = await requestTranche(township, { loanId: loan.id, amount: "600000", purpose: "厂房建设", evidence: "施工合同 JS-01", payee: "某建筑公司" });
      await exactlyOne(() => updateTranche(county, { action: "approve", trancheId: t.id }));
      await exactlyOne(() => updateTranche(bank.officer, { action: "pay", trancheId: t.id, paidOn: "2026-08-15" }));
      expect(await prisma.tranche.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ status: "paid" });
      expect(await audits("loan.tranche.approve", t.id)).toBe(1);
      expect(await audits("loan.tranche.pay", t.id)).toBe(1);
    });

    it(`${RACERS} concurrent requests for tranches of one loan never commit more than its principal`, async () => {
      const loan = await makeLoan({ c, bankId: bank.bankId, principal: "1000000.00", disbursedOn: "2026-02-10", schedule: [{ dueDate: "2027-02-10", principal: "1000000.00", interest: "43500.00" }] });
      await prisma.application.update({ where: { id: loan.applicationId }, data: { largeLoan: true } });
      const { ok, failed } = await race(() => requestTranche(township, { loanId: loan.id, amount: "300000", purpose: "设备", evidence: "合同", payee: "某设备公司" }), ["VALIDATION"]);
      expect(ok).toHaveLength(3);
      expect(failed.every((f) => f.fieldErrors?.amount)).toBe(true);
      const tranches = await prisma.tranche.findMany({ orderBy: { seq: "asc" } });
      expect(tranches.map((x) => x.seq)).toEqual([1, 2, 3]);
    });

    it(`${RACERS} concurrent approvals of one extension: the maturity moves once, the added interest is charged once`, async () => {
      const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: [{ dueDate: "2026-10-21", principal: "10000.00", interest: "100.00" }] });
      const { id } = await requestLoanChange(bank.officer, { loanId: loan.id, kind: "extension", newMaturity: "2027-01-21", reason: "生产周期延长" });
      await exactlyOne(() => decideLoanChange(county, { changeId: id, decision: "approve" }));
      const l = await prisma.loan.findUniqueOrThrow({ where: { id: loan.id }, include: { schedule: true } });
      expect(l.status).toBe("extended");
      expect(l.schedule).toHaveLength(1);
      // 92 added days: 10000 × 0.0435 × 92 / 360 = 111.17, added once.
      expect(l.schedule[0].interestDue.toFixed(2)).toBe("211.17");
      expect(await audits("loan.extend", loan.id)).toBe(1);
    });
  });

  describe("loss sharing and the risk compensation fund", () => {
    async function lossCase() {
      await activateProfile(c.county.id);
      const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: [
        { dueDate: "2026-07-21", principal: "0.00", interest: "120.83" },
        { dueDate: "2026-10-21", principal: "10000.00", interest: "111.11" },
      ] });
      setNow("2026-07-22T02:00:00Z");
      await runDailyJob("2026-07-22");
      setNow("2026-09-30T02:00:00Z");
      await runDailyJob("2026-09-30");
      const [found] = await listLossCases(county, {});
      expect(found.shares.map((s) => s.party).sort()).toEqual(["bank", "county_fund", "provincial_agri_guarantee", "provincial_guarantee_group"]);
      return { loan, lossCase: found, share: (party: string) => found.shares.find((s) => s.party === party)! };
    }

    it(`${RACERS} concurrent confirmations, then ${RACERS} concurrent payments, of the fund's share: one payout from the fund`, async () => {
      const { share } = await lossCase();
      const fund = share("county_fund");
      await exactlyOne(() => updateLossShare(finance, { action: "confirm", shareId: fund.id, expectedStatus: "pending" }));
      await exactlyOne(() => updateLossShare(finance, { action: "pay", shareId: fund.id, expectedStatus: "confirmed", reference: "CZ-2026-88" }));
      const ledger = await fundLedger(county, {});
      expect(ledger.entries.map((e) => [e.kind, e.amount])).toEqual([["payout", `-${fund.amount}`]]);
      expect(ledger.balance).toBe(`-${fund.amount}`);
      expect(await audits("lossShare.confirm", fund.id)).toBe(1);
      expect(await audits("lossShare.pay", fund.id)).toBe(1);
    });

    it("every party pays its share at the same moment, each ×50: each paid once, the case settled and the loan written off once", async () => {
      const { loan, lossCase: found } = await lossCase();
      for (const s of found.shares) await updateLossShare(county, { action: "confirm", shareId: s.id, expectedStatus: "pending" });
      const pay = (i: number) => {
        const s = found.shares[i % found.shares.length];
        return updateLossShare(county, { action: "pay", shareId: s.id, expectedStatus: "confirmed", reference: `PAY-${s.party}` });
      };
      const { ok } = await race(pay, ["CONFLICT"], RACERS * found.shares.length);
      expect(ok).toHaveLength(found.shares.length);
      expect(ok.filter((r) => r.caseSettled)).toHaveLength(1);
      expect(await prisma.lossShare.count({ where: { caseId: found.id, status: "paid" } })).toBe(found.shares.length);
      expect((await prisma.lossCase.findUniqueOrThrow({ where: { id: found.id } })).status).toBe("settled");
      expect((await loanState(loan.id)).status).toBe("writtenOffCaseKept");
      expect(await audits("loan.writeOff", loan.id)).toBe(1);
      expect(await audits("lossShare.pay")).toBe(found.shares.length);
      expect(await prisma.fundLedgerEntry.count({ where: { kind: "payout" } })).toBe(1);
    });
  });

  describe("Guizhou compensation claims", () => {
    beforeEach(async () => {
      await activateProfile(c.county.id, (s) => {
        s.defaultHandling = { bufferUnit: "months", bufferDays: null, bufferUsualMaxMonths: 2, bufferHardMaxMonths: 3, splitWorkingDays: 10, recoveryReturnWorkingDays: 5, claimChainEnabled: true };
        s.sharing.scheme = "guizhou";
        s.sharing.ratios.household = [{ party: "county_fund", ratio: "0.60" }, { party: "bank", ratio: "0.40" }];
      });
    });

    it(`${RACERS} concurrent applications, reviews and approvals of one claim: one of each, one loss case, one payout later`, async () => {
      const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: [{ dueDate: "2026-07-21", principal: "10000.00", interest: "120.83" }] });
      setNow("2026-10-01T02:00:00Z");
      await runDailyJob("2026-10-01");
      await exactlyOne(() => applyClaim(bank.officer, { loanId: loan.id, reason: "借款人外出失联，清收无望" }));
      await exactlyOne(() => reviewClaim(township, { loanId: loan.id, reason: "情况属实，同意上报" }));
      const { caseId } = await exactlyOne(() => decideClaim(county, { loanId: loan.id, decision: "approve" }));
      expect(await audits("loan.applyClaim", loan.id)).toBe(1);
      expect(await audits("loan.reviewClaim", loan.id)).toBe(1);
      expect(await audits("loan.approveClaim", caseId!)).toBe(1);
      expect(await prisma.lossCase.count()).toBe(1);
      expect(await prisma.lossShare.count()).toBe(2);
      expect((await loanState(loan.id)).status).toBe("split");
      // Guizhou: the recovery's fund share is due within 5 working days, returned once.
      setNow("2026-10-12T02:00:00Z");
      const r = await recordRecovery(county, { caseId: caseId!, amount: "1000", costs: "0", receivedOn: "2026-10-12" });
      await exactlyOne(() => returnRecoveryToFund(finance, { recoveryId: r.recoveryId, paidOn: "2026-10-12", reference: "HK-1" }));
      expect((await fundLedger(county, {})).entries.map((e) => [e.kind, e.amount])).toEqual([["recoveryReturn", "600.00"]]);
    });
  });
});
