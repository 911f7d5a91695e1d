import "server-only";
import { z } from "zod";
import { D } from "@/lib/domain/decimal";
import { DomainError } from "@/lib/domain/errors";
import type { BankDecision } from "@/generated/prisma/client";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { applyBankDecision } from "./apply-bank-decision";
import { applicationNumber, batchNumber } from "./application-number";
import { bankDecisionFields, type BankDecisionFields } from "./bank-decision-input";
import { BATCH_COLUMNS as C, loadBatchInScope, OUTCOME_APPROVED, OUTCOME_DECLINED, readBankResponse, type ResponseRow } from "./batch-workbook";

/** One problem in the uploaded workbook: the Excel row number and the header of the column. */
export type RowError = { row: number; column: string; message: string };

/** At most this many problems are listed; the message still gives the total. */
const LISTED_ERRORS = 200;

/** Where a field of the decision lives in the workbook. */
const COLUMN_OF_FIELD: Record<string, string> = {
  outcome: C.outcome,
  declineReason: C.declineReason,
  contractNumber: C.contractNumber,
  approvedAmount: C.approvedAmount,
  rate: C.rate,
  termMonths: C.approvedTermMonths,
  disbursementDate: C.disbursementDate,
  note: C.outcome,
};

export function formatRowError(e: RowError): string {
  return `第 ${e.row} 行「${e.column}」：${e.message}`;
}

/** "4.35%" as typed in a text cell → "0.0435"; anything else as it is, for the schema to judge. */
function rateText(text: string): string {
  const percent = /^(\d{1,3}(?:\.\d{1,6})?)\s*[%％]$/.exec(text);
  return percent ? new D(percent[1]).dividedBy(100).toFixed() : text;
}

/** "2026/3/10", "2026.3.10" or "2026年3月10日" → "2026-03-10"; anything else as it is. */
function dateText(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}` : text;
}

const sameMoney = (a: { toString(): string } | null, b: string) => a !== null && new D(a.toString()).eq(b);
const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : undefined);

/** Whether a row says exactly what was already recorded (a re-upload of the same answer). */
function sameDecision(recorded: BankDecision, d: BankDecisionFields): boolean {
  if (recorded.outcome !== d.outcome) return false;
  if (d.outcome === "declined") return recorded.declineReason === d.declineReason;
  return (
    recorded.contractNumber === d.contractNumber &&
    sameMoney(recorded.approvedAmount, d.approvedAmount) &&
    sameMoney(recorded.rate, d.rate) &&
    recorded.termMonths === d.termMonths &&
    isoDay(recorded.disbursementDate) === d.disbursementDate
  );
}

function hasBankAnswer(r: ResponseRow): boolean {
  return [r.declineReason, r.contractNumber, r.approvedAmount, r.rate, r.approvedTermMonths, r.disbursementDate].some((v) => v !== "");
}

/** An expected failure of applying one row, as row errors at the columns it concerns. */
function rowErrorsOf(row: number, error: AppError | DomainError): RowError[] {
  if (error instanceof DomainError) {
    return [{ row, column: (error.field && COLUMN_OF_FIELD[error.field]) || C.number, message: error.message }];
  }
  const fields = Object.entries(error.fieldErrors ?? {});
  if (fields.length === 0) return [{ row, column: C.number, message: error.message }];
  return fields.flatMap(([field, messages]) => messages.map((message) => ({ row, column: COLUMN_OF_FIELD[field] ?? C.number, message })));
}

/**
 * The bank's response workbook for a batch (issue 4, step 7): every row is checked, and applied
 * exactly as the one-by-one form applies a decision (a disbursement creates the loan with its
 * schedule). All or nothing: when any row is wrong, nothing is written and every problem is
 * reported with its row and column. Rows with no answer yet are skipped; a row repeating a
 * decision already recorded is left as it is.
 */
export const importBankDecisions = defineMutation({
  name: "batch.importBankDecisions",
  roles: ["bank_officer", "county_officer"],
  input: z.object({
    batchId: z.string({ error: "缺少批次" }),
    file: z.instanceof(Uint8Array, { error: "请选择银行返回的审批结果文件" }),
  }),
  async run({ actor, input, tx, audit, now }) {
    const batch = await loadBatchInScope(tx, actor, input.batchId);
    const number = batchNumber(batch.serial);
    const rows = await readBankResponse(input.file);
    const apps = await tx.application.findMany({ where: { batchId: batch.id } });
    const byNumber = new Map(apps.map((a) => [applicationNumber(a.serial), a]));
    const recorded = new Map(
      (await tx.bankDecision.findMany({ where: { applicationId: { in: apps.map((a) => a.id) } } })).map((d) => [d.applicationId, d]),
    );

    const errors: RowError[] = [];
    const seen = new Map<string, number>();
    const toApply: { row: number; number: string; app: (typeof apps)[number]; decision: BankDecisionFields }[] = [];
    let skipped = 0;
    let unchanged = 0;

    for (const r of rows) {
      const fail = (column: string, message: string) => errors.push({ row: r.row, column, message });
      if (r.batch && r.batch.toUpperCase() !== number) {
        fail(C.batch, `不是本批次（${number}）的数据，请核对所上传的文件`);
        continue;
      }
      const key = r.number.toUpperCase();
      if (!key) {
        fail(C.number, "请填写申请编号");
        continue;
      }
      const app = byNumber.get(key);
      if (!app) {
        fail(C.number, `本批次中没有申请编号 ${r.number}`);
        continue;
      }
      if (seen.has(key)) {
        fail(C.number, `申请编号 ${key} 与第 ${seen.get(key)} 行重复`);
        continue;
      }
      seen.set(key, r.row);
      if (!r.outcome) {
        if (hasBankAnswer(r)) fail(C.outcome, `请填写审批结果（“${OUTCOME_APPROVED}”或“${OUTCOME_DECLINED}”）`);
        else skipped++;
        continue;
      }
      const outcome = r.outcome === OUTCOME_APPROVED ? "approved" : r.outcome === OUTCOME_DECLINED ? "declined" : null;
      if (!outcome) {
        fail(C.outcome, `审批结果应填写“${OUTCOME_APPROVED}”或“${OUTCOME_DECLINED}”`);
        continue;
      }
      const parsed = bankDecisionFields.safeParse({
        outcome,
        declineReason: r.declineReason,
        contractNumber: r.contractNumber,
        approvedAmount: r.approvedAmount,
        rate: rateText(r.rate),
        termMonths: r.approvedTermMonths,
        disbursementDate: dateText(r.disbursementDate),
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) fail(COLUMN_OF_FIELD[String(issue.path[0])] ?? C.outcome, issue.message);
        continue;
      }
      const previous = recorded.get(app.id);
      if (previous) {
        if (sameDecision(previous, parsed.data)) unchanged++;
        else fail(C.number, "该申请已录入银行审批结果，与本行所填不一致；已录入的结果不能通过上传更改");
        continue;
      }
      toApply.push({ row: r.row, number: key, app, decision: parsed.data });
    }

    // Valid rows are applied even when others are wrong, so that one upload reports every
    // problem; the error thrown below then rolls all of it back.
    const today = shanghaiToday(now);
    const counts = { approved: 0, declined: 0, disbursed: 0 };
    for (const item of toApply) {
      try {
        const { app: application, decision } = item;
        const result = await applyBankDecision({ tx, actor, audit, application, decision, today });
        counts[decision.outcome]++;
        if (result.loanId) counts.disbursed++;
      } catch (error) {
        if (error instanceof AppError || error instanceof DomainError) errors.push(...rowErrorsOf(item.row, error));
        else throw error;
      }
    }

    if (errors.length > 0) {
      errors.sort((a, b) => a.row - b.row);
      const listed = errors.slice(0, LISTED_ERRORS).map(formatRowError);
      if (errors.length > LISTED_ERRORS) listed.push(`……另有 ${errors.length - LISTED_ERRORS} 处错误未列出`);
      throw new AppError("VALIDATION", `上传的审批结果有 ${errors.length} 处错误，未写入任何数据。`, { file: listed });
    }
    if (toApply.length === 0) {
      throw AppError.field("file", "文件中没有新的审批结果：审批结果列均为空，或所填结果均已录入。");
    }

    const summary = { batchNumber: number, ...counts, unchanged, skipped };
    await audit({
      action: "batch.importBankDecisions",
      entity: "Batch",
      entityId: batch.id,
      countyId: batch.countyId,
      after: { ...summary, applications: toApply.map((i) => i.number) },
    });
    return summary;
  },
});
