import "server-only";
import { z } from "zod";
import type { Loan } from "@/generated/prisma/client";
import { DomainError } from "@/lib/domain/errors";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { rowErrorsToFields } from "../xlsx";
import { applyRepayment, sameRepayment } from "./apply-repayment";
import { loanScope, lockLoans } from "./loan-records";
import { readRepaymentFile, REPAYMENT_COLUMNS as C } from "./repayment-file";
import { repaymentFields, type RepaymentFields } from "./repayment-input";

type RowError = { row: number; column: string; message: string };

const COLUMN_OF: Record<string, string> = {
  reference: C.reference, paidOn: C.paidOn, principal: C.principal, interest: C.interest, penalty: C.penalty,
};

/**
 * The bank's repayment file (CSV or .xlsx in the portal's template): all rows or none. Each row
 * is checked and applied as the form applies one repayment; any problem writes nothing and is
 * reported at its row and column. Rows whose bank reference is already recorded with the same
 * values are recognised as a re-upload and left as they are, also when two uploads of one file
 * arrive at once (the file's loans are locked before the references are looked up).
 */
export const importRepayments = defineMutation({
  name: "loan.importRepayments",
  roles: ["bank_officer", "county_officer"],
  input: z.object({ file: z.instanceof(Uint8Array, { error: "请选择还款数据文件" }) }),
  async run({ actor, input, tx, audit, now }) {
    const today = shanghaiToday(now);
    const rows = await readRepaymentFile(input.file);
    const contracts = [...new Set(rows.map((r) => r.cells[C.contractNumber]).filter(Boolean))];
    const loans = await tx.loan.findMany({ where: { ...loanScope(actor), contractNumber: { in: contracts } } });
    await lockLoans(tx, loans.map((l) => l.id));
    const byContract = new Map<string, Loan[]>();
    for (const l of loans) byContract.set(l.contractNumber, [...(byContract.get(l.contractNumber) ?? []), l]);

    const errors: RowError[] = [];
    const seen = new Map<string, number>();
    const toApply: { row: number; loan: Loan; fields: RepaymentFields }[] = [];
    let unchanged = 0;
    let skipped = 0;
    for (const r of rows) {
      const fail = (column: string, message: string) => errors.push({ row: r.row, column, message });
      const c = r.cells;
      if ([c[C.reference], c[C.paidOn], c[C.principal], c[C.interest], c[C.penalty]].every((v) => v === "")) {
        skipped++;
        continue;
      }
      const contract = c[C.contractNumber];
      if (!contract) {
        fail(C.contractNumber, "请填写合同编号");
        continue;
      }
      const matches = byContract.get(contract) ?? [];
      if (matches.length === 0) {
        fail(C.contractNumber, `没有合同编号为 ${contract} 的贷款，或您无权登记其还款`);
        continue;
      }
      if (matches.length > 1) {
        fail(C.contractNumber, `多家银行有合同编号 ${contract} 的贷款，请由经办银行上传`);
        continue;
      }
      const loan = matches[0];
      const parsed = repaymentFields.safeParse({
        reference: c[C.reference], paidOn: c[C.paidOn], principal: c[C.principal], interest: c[C.interest], penalty: c[C.penalty],
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) fail(COLUMN_OF[String(issue.path[0])] ?? C.reference, issue.message);
        continue;
      }
      const key = `${loan.bankId}|${parsed.data.reference}`;
      if (seen.has(key)) {
        fail(C.reference, `银行流水号 ${parsed.data.reference} 与第 ${seen.get(key)} 行重复`);
        continue;
      }
      seen.set(key, r.row);
      const recorded = await tx.repayment.findUnique({ where: { bankId_reference: { bankId: loan.bankId, reference: parsed.data.reference } } });
      if (recorded) {
        if (sameRepayment(recorded, loan.id, parsed.data)) unchanged++;
        else fail(C.reference, "该银行流水号已登记为另一笔还款（金额、日期或贷款不同），已登记的还款不能通过上传更改");
        continue;
      }
      toApply.push({ row: r.row, loan, fields: parsed.data });
    }

    // Oldest first, so several repayments of one loan apply in the order they were made.
    toApply.sort((a, b) => (a.fields.paidOn === b.fields.paidOn ? a.row - b.row : a.fields.paidOn < b.fields.paidOn ? -1 : 1));
    const counts = { applied: 0, repaid: 0 };
    for (const item of toApply) {
      try {
        const result = await applyRepayment({ tx, actor, audit, loan: item.loan, fields: item.fields, today });
        counts.applied++;
        if (result.status === "repaid") counts.repaid++;
      } catch (error) {
        if (error instanceof AppError) {
          const fields = Object.entries(error.fieldErrors ?? {});
          if (fields.length === 0) errors.push({ row: item.row, column: C.contractNumber, message: error.message });
          for (const [field, messages] of fields) for (const message of messages) errors.push({ row: item.row, column: COLUMN_OF[field] ?? C.contractNumber, message });
        } else if (error instanceof DomainError) errors.push({ row: item.row, column: C.contractNumber, message: error.message });
        else throw error;
      }
    }

    if (errors.length > 0) {
      errors.sort((a, b) => a.row - b.row);
      throw new AppError("VALIDATION", `还款文件有 ${errors.length} 处错误，未写入任何数据。`, rowErrorsToFields(errors.slice(0, 200)));
    }
    const summary = { ...counts, unchanged, skipped };
    await audit({ action: "loan.importRepayments", entity: "Repayment", entityId: "import", countyId: actor.countyId, after: summary });
    return summary;
  },
});
