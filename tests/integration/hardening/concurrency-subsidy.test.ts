import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { approveSubsidyRun } from "@/lib/server/subsidy/approve-subsidy-run";
import { certifySubsidyRun } from "@/lib/server/subsidy/certify-subsidy-run";
import { decideSubsidyFraud } from "@/lib/server/subsidy/decide-subsidy-fraud";
import { importBankStatement } from "@/lib/server/subsidy/import-bank-statement";
import { markSubsidyFraud } from "@/lib/server/subsidy/mark-subsidy-fraud";
import { recordSubsidyPayment } from "@/lib/server/subsidy/record-subsidy-payment";
import { runSubsidyQuarter } from "@/lib/server/subsidy/run-subsidy-quarter";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, setNow, type TestCounty } from "../fixtures";
import { makeBank } from "../loans-fixtures";
import { makeSubsidyLoan } from "../subsidy-fixtures";
import { exactlyOne, race, RACERS } from "./race";

const audits = (action: string, entityId?: string) => prisma.auditEvent.count({ where: { action, ...(entityId ? { entityId } : {}) } });

async function statement(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("贴息对账单");
  sheet.addRow(["合同编号", "借款人", "贴息金额（元）"]);
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * 50 identical requests at once against one subsidy claim (issue 10, item 3): one run per
 * quarter, one set of lines, each step once, paid once — no double subsidy, no double clawback.
 */
describe("concurrent steps of one subsidy claim (real PostgreSQL)", () => {
  let c: TestCounty;
  let bank: { bankId: string; officer: Actor };
  let maker: Actor, checker: Actor, finance: Actor;

  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("410104");
    await activateProfile(c.county.id, (s) => {
      s.guaranteeFees.householdSubsidyRate = null;
      s.guaranteeFees.enterpriseSubsidyRate = null;
    });
    bank = await makeBank(c);
    maker = await makeActor("county_officer", c.county.id);
    checker = await makeActor("county_officer", c.county.id);
    finance = await makeActor("finance_officer", c.county.id);
    setNow("2026-06-25T02:00:00Z");
    for (const [n, principal] of [["HT-1", "10000.00"], ["HT-2", "20000.00"], ["HT-3", "30000.00"]] as const) {
      await makeSubsidyLoan({
        c, bankId: bank.bankId, principal, rate: "0.0435", termMonths: 12, disbursedOn: "2026-03-20", maturityDate: "2027-03-20",
        contractNumber: n, schedule: [{ dueDate: "2027-03-20", principal, interest: "0.00" }],
      });
    }
  });
  afterEach(() => setNow(null));

  it(`${RACERS} concurrent runs of one quarter, then every step ×${RACERS}: one run, one set of lines, certified, approved and paid once`, async () => {
    const { ok } = await race(() => runSubsidyQuarter(maker, { bankId: bank.bankId, year: 2026, quarter: 2 }));
    expect(ok).toHaveLength(RACERS);
    expect(ok.filter((r) => r.created)).toHaveLength(1);
    const runId = ok[0].id;
    expect(ok.every((r) => r.id === runId)).toBe(true);
    expect(await prisma.subsidyRun.count()).toBe(1);
    expect(await prisma.subsidyLine.count()).toBe(3);
    expect(await audits("subsidy.run", runId)).toBe(1);

    // The bank uploads the same matching statement 50 times at once: each upload replaces the last.
    const file = await statement([["HT-1", "", "111.17"], ["HT-2", "", "222.33"], ["HT-3", "", "333.5"]]);
    const uploads = await race(() => importBankStatement(bank.officer, { runId, file }));
    expect(uploads.ok.length).toBeGreaterThanOrEqual(1);
    expect(await prisma.bankStatementLine.count()).toBe(3);
    expect((await prisma.subsidyRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("reconciled");

    await exactlyOne(() => certifySubsidyRun(checker, { id: runId }));
    await exactlyOne(() => approveSubsidyRun(finance, { id: runId }));
    await exactlyOne(() => recordSubsidyPayment(finance, { id: runId, paidOn: "2026-06-25", voucherNumber: "记-2026-0618" }));
    const run = await prisma.subsidyRun.findUniqueOrThrow({ where: { id: runId } });
    expect([run.status, run.voucherNumber, run.total.toFixed(2)]).toEqual(["paid", "记-2026-0618", "667.00"]);
    expect(await audits("subsidy.certify", runId)).toBe(1);
    expect(await audits("subsidy.approve", runId)).toBe(1);
    expect(await audits("subsidy.pay", runId)).toBe(1);
  });

  it(`${RACERS} concurrent fraud findings on one line and ${RACERS} concurrent approvals: one clawback, one blacklist entry`, async () => {
    const { id: runId } = await runSubsidyQuarter(maker, { bankId: bank.bankId, year: 2026, quarter: 2 });
    const line = await prisma.subsidyLine.findFirstOrThrow({ where: { runId }, orderBy: { amount: "asc" } });
    await exactlyOne(() => markSubsidyFraud(maker, { lineId: line.id, reason: "虚构贫困户身份骗取贴息" }));
    const clawbacks = await prisma.clawback.findMany();
    expect(clawbacks.map((x) => [x.subsidyLineId, x.amount.toFixed(2), x.status])).toEqual([[line.id, line.amount.toFixed(2), "pending"]]);
    expect(await prisma.blacklistEntry.count()).toBe(1);
    await exactlyOne(() => decideSubsidyFraud(checker, { clawbackId: clawbacks[0].id, decision: "approve" }));
    expect((await prisma.clawback.findFirstOrThrow()).status).toBe("active");
    expect((await prisma.blacklistEntry.findFirstOrThrow()).status).toBe("active");
    expect(await audits("subsidy.markFraud", line.id)).toBe(1);
    expect(await audits("subsidy.fraud.approve")).toBe(1);
    expect(await audits("blacklist.approve")).toBe(1);
  });
});
