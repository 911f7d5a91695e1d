import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { applyRepayment, sameRepayment } from "./apply-repayment";
import { loadLoanInScope, lockLoans } from "./loan-records";
import { repaymentFields } from "./repayment-input";

/**
 * A bank officer (own bank's loans) or a county officer records one repayment. The bank's
 * transaction reference identifies it: sending the same repayment again changes nothing, also
 * when the copies arrive at once (the loan is locked before the reference is looked up).
 */
export const recordRepayment = defineMutation({
  name: "loan.recordRepayment",
  roles: ["bank_officer", "county_officer"],
  input: z.intersection(z.object({ loanId: z.string({ error: "缺少贷款" }) }), repaymentFields),
  async run({ actor, input, tx, audit, now }) {
    const loan = await loadLoanInScope(tx, actor, input.loanId);
    await lockLoans(tx, [loan.id]);
    const { loanId: _loanId, ...fields } = input;
    const existing = await tx.repayment.findUnique({ where: { bankId_reference: { bankId: loan.bankId, reference: fields.reference } } });
    if (existing) {
      if (sameRepayment(existing, loan.id, fields)) {
        await audit({ action: "loan.repaymentRepeated", entity: "Repayment", entityId: existing.id, countyId: loan.countyId, after: { reference: fields.reference } });
        return { repaymentId: existing.id, unchanged: true, status: loan.status, outstandingPrincipal: loan.outstandingPrincipal.toFixed(2) };
      }
      throw AppError.field("reference", "该银行流水号已登记为另一笔还款，请核对流水号");
    }
    const result = await applyRepayment({ tx, actor, audit, loan, fields, today: shanghaiToday(now) });
    return { ...result, unchanged: false };
  },
});
