import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { D } from "@/lib/domain/decimal";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { approveSubsidyRun } from "@/lib/server/subsidy/approve-subsidy-run";
import { certifySubsidyRun } from "@/lib/server/subsidy/certify-subsidy-run";
import { exportSubsidyWorkbook } from "@/lib/server/subsidy/export-subsidy-workbook";
import { getSubsidyRun } from "@/lib/server/subsidy/get-subsidy-run";
import { importBankStatement } from "@/lib/server/subsidy/import-bank-statement";
import { recordSubsidyPayment } from "@/lib/server/subsidy/record-subsidy-payment";
import { resolveStatementLine } from "@/lib/server/subsidy/resolve-statement-line";
import { runSubsidyQuarter } from "@/lib/server/subsidy/run-subsidy-quarter";
import { statementTemplate } from "@/lib/server/subsidy/statement-workbook";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, setNow, type TestCounty } from "./fixtures";
import { makeBank } from "./loans-fixtures";
import { makeSubsidyLoan } from "./subsidy-fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function statement(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("贴息对账单");
  sheet.addRow(["合同编号", "借款人", "贴息金额（元）"]);
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("subsidy claim: statement, reconciliation, certification, approval, payment (real PostgreSQL)", () => {
  let c: TestCounty;
  let bank: { bankId: string; officer: Actor };
  let maker: Actor;
  let checker: Actor;
  let finance: Actor;
  let runId: string;

  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("410104");
    // No guarantee agency in this county: interest lines only.
    await activateProfile(c.county.id, (s) => {
      s.guaranteeFees.householdSubsidyRate = null;
      s.guaranteeFees.enterpriseSubsidyRate = null;
    });
    bank = await makeBank(c);
    maker = await makeActor("county_officer", c.county.id);
    checker = await makeActor("county_officer", c.county.id);
    finance = await makeActor("finance_officer", c.county.id);
    setNow("2026-06-25T02:00:00Z");
    // Three loans over the whole quarter [03-20, 06-20), 92 days at 4.35%:
    // 10000 × 92 × 0.0435 / 360 = 111.1666… → 111.17; 20000 → 222.333… → 222.33; 30000 → 333.50.
    for (const [n, principal, township] of [["HT-1", "10000.00", 0], ["HT-2", "20000.00", 1], ["HT-3", "30000.00", 1]] as const) {
      await makeSubsidyLoan({
        c, bankId: bank.bankId, principal, rate: "0.0435", termMonths: 12, disbursedOn: "2026-03-20", maturityDate: "2027-03-20",
        contractNumber: n, township, schedule: [{ dueDate: "2027-03-20", principal, interest: "0.00" }],
      });
    }
    runId = (await runSubsidyQuarter(maker, { bankId: bank.bankId, year: 2026, quarter: 2 })).id;
  });
  afterEach(() => setNow(null));

  it("reconciles with one differing line, resolves it, certifies (maker-checker), approves and pays; the list's total is the sum of its lines", async () => {
    const template = await statementTemplate(bank.officer, { id: runId });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(template.bytes) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, "合同编号", "借款人", "贴息金额（元）"]);
    expect(wb.worksheets[0].rowCount).toBe(4);

    // A bad row: nothing written, every problem listed with its row.
    const bad = await rejection(importBankStatement(bank.officer, { runId, file: await statement([["HT-1", "", "abc"], ["HT-1", "", "1"]]) }));
    expect(bad.fieldErrors?.file).toEqual(["第 2 行「贴息金额（元）」：贴息金额应为不小于 0、最多两位小数的金额：abc", "第 3 行「合同编号」：合同编号 HT-1 与第 2 行重复"]);
    expect(await prisma.bankStatementLine.count()).toBe(0);

    // 0.01 apart is within the tolerance; HT-2 differs by 0.02; HT-3 is missing; HT-9 is unknown to the portal.
    const result = await importBankStatement(bank.officer, {
      runId, file: await statement([["HT-1", "甲", "111.18"], ["HT-2", "乙", "222.35"], ["HT-9", "丙", "50"]]),
    });
    expect(result).toMatchObject({ matched: 1, differs: 1, missingInPortal: 1, missingInStatement: 1, status: "computed" });
    // The bank uploads a corrected statement: it replaces the first; one difference remains.
    const again = await importBankStatement(bank.officer, {
      runId, file: await statement([["HT-1", "甲", "111.18"], ["HT-2", "乙", "222.35"], ["HT-3", "丁", "333.50"]]),
    });
    expect(again).toMatchObject({ matched: 2, differs: 1, missingInPortal: 0, missingInStatement: 0, status: "computed" });
    let view = await getSubsidyRun(maker, { id: runId });
    expect(view.statement.map((s) => [s.contractNumber, s.bankAmount, s.portalAmount, s.status])).toEqual([
      ["HT-1", "111.18", "111.17", "matched"], ["HT-3", "333.50", "333.50", "matched"], ["HT-2", "222.35", "222.33", "differs"],
    ]);

    // Not reconciled yet: no certification.
    expect((await rejection(certifySubsidyRun(checker, { id: runId }))).message).toContain("对账");
    const differing = view.statement.find((s) => s.status === "differs")!;
    expect((await rejection(resolveStatementLine(maker, { id: differing.id, resolution: " " }))).fieldErrors?.resolution).toBeDefined();
    expect((await rejection(resolveStatementLine(bank.officer, { id: differing.id, resolution: "x" }))).code).toBe("FORBIDDEN");
    const resolved = await resolveStatementLine(maker, { id: differing.id, resolution: "银行按合同利率试算有误，以平台计算为准" });
    expect(resolved).toMatchObject({ open: 0, reconciled: true });
    expect((await prisma.subsidyRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("reconciled");

    // Maker-checker: the officer who computed the claim cannot certify it.
    const own = await rejection(certifySubsidyRun(maker, { id: runId }));
    expect(own.code).toBe("RULE_VIOLATION");
    expect(own.message).toContain("另一名县级工作人员");
    expect((await rejection(approveSubsidyRun(finance, { id: runId }))).code).toBe("CONFLICT");
    await certifySubsidyRun(checker, { id: runId });
    // Two approvals at once: one succeeds, the other is a conflict.
    const both = await Promise.allSettled([approveSubsidyRun(finance, { id: runId }), approveSubsidyRun(finance, { id: runId })]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((both.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.code).toBe("CONFLICT");

    expect((await rejection(recordSubsidyPayment(finance, { id: runId, paidOn: "2026-06-26", voucherNumber: "PZ-1" }))).fieldErrors?.paidOn).toBeDefined();
    expect((await rejection(recordSubsidyPayment(finance, { id: runId, paidOn: "2026-06-25", voucherNumber: "" }))).fieldErrors?.voucherNumber).toBeDefined();
    await recordSubsidyPayment(finance, { id: runId, paidOn: "2026-06-25", voucherNumber: "记-2026-0618" });

    view = await getSubsidyRun(finance, { id: runId });
    expect([view.status, view.paidOn, view.voucherNumber]).toEqual(["paid", "2026-06-25", "记-2026-0618"]);
    // 111.17 + 222.33 + 333.50 = 667.00, printed in figures and 大写, equal to the sum of the printed lines.
    expect(view.lines.map((l) => l.amount)).toEqual(["111.17", "222.33", "333.50"]);
    const sum = view.lines.reduce((acc, l) => acc.plus(l.amount), new D(0)).toFixed(2);
    expect([view.total, view.totals.lines, view.totals.net, sum]).toEqual(["667.00", "667.00", "667.00", "667.00"]);
    expect(view.totalInWords).toBe("陆佰陆拾柒元整");
    expect(view.totals.byTownship.map((t) => [t.count, t.amount])).toEqual([[1, "111.17"], [2, "555.83"]]);
    // The quarter's workbook: per bank, per township and every line, each total the sum of its rows.
    const exported = await exportSubsidyWorkbook(finance, { year: 2026, quarter: 2 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(exported.bytes) as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["按银行汇总", "按乡镇汇总", "明细"]);
    const rowValues = (name: string) => {
      const sheet = book.getWorksheet(name)!;
      return Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1));
    };
    expect(rowValues("按银行汇总").map((r) => [r[0], r[2], r[7]])).toEqual([["TX00001", "已拨付", 667], ["合计", undefined, 667]]);
    expect(rowValues("按乡镇汇总").map((r) => [r[1], r[5]])).toEqual([[1, 111.17], [2, 555.83], [3, 667]]);
    expect(rowValues("明细").map((r) => r[8])).toEqual([111.17, 222.33, 333.5, 667]);
    const audits = await prisma.auditEvent.findMany({ where: { entityId: runId }, orderBy: { id: "asc" }, select: { action: true } });
    expect(audits.map((a) => a.action)).toEqual([
      "subsidy.run", "subsidy.importStatement", "subsidy.importStatement", "subsidy.reconciled", "subsidy.certify", "subsidy.approve", "subsidy.pay",
    ]);
  });

  it("reads a statement larger than the general workbook limit, with ASCII brackets in the header", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("对账");
    sheet.addRow(["合同编号", "贴息金额(元)"]);
    for (const [n, amount] of [["HT-1", 111.17], ["HT-2", 222.33], ["HT-3", 333.5]] as const) sheet.addRow([n, amount]);
    for (let i = 0; i < 6000; i++) sheet.addRow([`OTHER-${i}`, "1.00"]);
    const result = await importBankStatement(bank.officer, { runId, file: new Uint8Array(await wb.xlsx.writeBuffer()) });
    expect(result).toMatchObject({ rows: 6003, matched: 3, missingInPortal: 6000, status: "computed" });
  });

  it("a statement that matches reconciles at once; a bank officer sees only its own bank's claims", async () => {
    const r = await importBankStatement(bank.officer, { runId, file: await statement([["HT-1", "", "111.17"], ["HT-2", "", "222.33"], ["HT-3", "", "333.5"]]) });
    expect(r.status).toBe("reconciled");
    const other = await makeBank(c, "另一家银行");
    expect((await rejection(getSubsidyRun(other.officer, { id: runId }))).code).toBe("NOT_FOUND");
    expect((await rejection(importBankStatement(other.officer, { runId, file: await statement([["HT-1", "", "1"]]) }))).code).toBe("NOT_FOUND");
    // The auditor reads, never acts; another county's officers see nothing of this county.
    const auditor = await makeActor("auditor", c.county.id);
    expect((await getSubsidyRun(auditor, { id: runId })).total).toBe("667.00");
    expect((await rejection(certifySubsidyRun(auditor, { id: runId }))).code).toBe("FORBIDDEN");
    const elsewhere = await makeCounty("410106");
    const stranger = await makeActor("county_officer", elsewhere.county.id);
    expect((await rejection(getSubsidyRun(stranger, { id: runId }))).code).toBe("NOT_FOUND");
    expect((await rejection(certifySubsidyRun(stranger, { id: runId }))).code).toBe("NOT_FOUND");
  });
});
