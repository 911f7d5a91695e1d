import "server-only";
import { z } from "zod";
import type { StatementLineStatus } from "@/generated/prisma/client";
import { D } from "@/lib/domain/decimal";
import { lockKey } from "../concurrency";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { readStatement, STATEMENT_COLUMNS as C } from "./statement-workbook";
import { BANK_KINDS, loadRunInScope, runNumber } from "./subsidy-records";

export type StatementRowError = { row: number; column: string; message: string };

const LISTED_ERRORS = 200;
const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
/** POLICY-free tolerance named in issue 7: differences above 0.01 元 are differences. */
const TOLERANCE = new D("0.01");

/**
 * The bank's interest statement for the quarter (issue 7, step 2), reconciled line by line with
 * the portal's computation: a loan on one side only, or an amount differing by more than 0.01 元,
 * is a difference for the county to resolve. All or nothing: any bad row writes nothing and every
 * problem is listed with its row and column. A new upload replaces the previous statement while
 * the claim is not yet certified; with no difference the claim is reconciled at once.
 */
export const importBankStatement = defineMutation({
  name: "subsidy.importStatement",
  roles: ["bank_officer", "county_officer"],
  // A bank's whole book, line by line (hence the longer time limit).
  timeoutMs: 5 * 60_000,
  input: z.object({
    runId: z.string({ error: "缺少贴息申报" }),
    file: z.instanceof(Uint8Array, { error: "请选择银行贴息对账单文件" }),
  }),
  async run({ actor, input, tx, audit }) {
    await loadRunInScope(tx, actor, input.runId);
    await lockKey(tx, `subsidy-run:${input.runId}`);
    const run = await loadRunInScope(tx, actor, input.runId);
    if (run.status !== "computed" && run.status !== "reconciled") {
      throw new AppError("CONFLICT", "该贴息申报已审核认定，不能再上传对账单。");
    }
    const rows = await readStatement(input.file);
    const errors: StatementRowError[] = [];
    const seen = new Map<string, number>();
    const bank = new Map<string, string>();
    for (const r of rows) {
      const key = r.contractNumber.trim();
      if (!key) {
        errors.push({ row: r.row, column: C.contractNumber, message: "请填写合同编号" });
        continue;
      }
      if (seen.has(key)) {
        errors.push({ row: r.row, column: C.contractNumber, message: `合同编号 ${key} 与第 ${seen.get(key)} 行重复` });
        continue;
      }
      seen.set(key, r.row);
      const amount = r.amount.replace(/[,，\s]/g, "");
      if (!MONEY.test(amount)) {
        errors.push({ row: r.row, column: C.amount, message: amount ? `贴息金额应为不小于 0、最多两位小数的金额：${r.amount}` : "请填写贴息金额" });
        continue;
      }
      bank.set(key, new D(amount).toFixed(2));
    }
    if (errors.length > 0) {
      const listed = errors.slice(0, LISTED_ERRORS).map((e) => `第 ${e.row} 行「${e.column}」：${e.message}`);
      if (errors.length > LISTED_ERRORS) listed.push(`……另有 ${errors.length - LISTED_ERRORS} 处错误未列出`);
      throw new AppError("VALIDATION", `上传的对账单有 ${errors.length} 处错误，未写入任何数据。`, { file: listed });
    }

    // The portal's amount per loan: the subsidies paid through the bank (guarantee fees go to the agency).
    const lines = await tx.subsidyLine.findMany({ where: { runId: run.id, kind: { in: [...BANK_KINDS] } }, select: { loanId: true, amount: true } });
    const portalByLoan = new Map<string, InstanceType<typeof D>>();
    for (const l of lines) portalByLoan.set(l.loanId, (portalByLoan.get(l.loanId) ?? new D(0)).plus(l.amount.toString()));
    const loans = await tx.loan.findMany({
      where: { bankId: run.bankId, countyId: run.countyId, OR: [{ id: { in: [...portalByLoan.keys()] } }, { contractNumber: { in: [...bank.keys()] } }] },
      select: { id: true, contractNumber: true },
    });
    const loanByContract = new Map(loans.map((l) => [l.contractNumber, l.id]));
    const contractOf = new Map(loans.map((l) => [l.id, l.contractNumber]));

    type Line = { contractNumber: string; loanId: string | null; bankAmount: string | null; portalAmount: string | null; status: StatementLineStatus };
    const out: Line[] = [];
    for (const [contractNumber, bankAmount] of bank) {
      const loanId = loanByContract.get(contractNumber) ?? null;
      const portal = loanId ? portalByLoan.get(loanId) : undefined;
      if (!portal) {
        out.push({ contractNumber, loanId, bankAmount, portalAmount: null, status: "missingInPortal" });
        continue;
      }
      const differs = portal.minus(bankAmount).abs().gt(TOLERANCE);
      out.push({ contractNumber, loanId, bankAmount, portalAmount: portal.toFixed(2), status: differs ? "differs" : "matched" });
    }
    for (const [loanId, portal] of portalByLoan) {
      const contractNumber = contractOf.get(loanId)!;
      // A zero line (an ineligible loan) need not be on the bank's statement.
      if (bank.has(contractNumber) || portal.isZero()) continue;
      out.push({ contractNumber, loanId, bankAmount: null, portalAmount: portal.toFixed(2), status: "missingInStatement" });
    }

    await tx.bankStatementLine.deleteMany({ where: { runId: run.id } });
    await tx.bankStatementLine.createMany({ data: out.map((l) => ({ runId: run.id, ...l })) });
    const open = out.filter((l) => l.status !== "matched").length;
    const status = open === 0 ? "reconciled" : "computed";
    const changed = await tx.subsidyRun.updateMany({ where: { id: run.id, version: run.version, status: run.status }, data: { status, version: { increment: 1 } } });
    if (changed.count !== 1) throw new AppError("CONFLICT", "该贴息申报刚被他人处理，请刷新页面后重新上传。");

    const counts = Object.fromEntries(["matched", "differs", "missingInPortal", "missingInStatement"].map((s) => [s, out.filter((l) => l.status === s).length])) as Record<
      "matched" | "differs" | "missingInPortal" | "missingInStatement",
      number
    >;
    await audit({
      action: "subsidy.importStatement", entity: "SubsidyRun", entityId: run.id, countyId: run.countyId,
      before: { status: run.status }, after: { status, rows: rows.length, ...counts },
    });
    return { number: runNumber(run), rows: rows.length, ...counts, status };
  },
});
