import "server-only";
import type { Loan } from "@/generated/prisma/client";
import { D } from "@/lib/domain/decimal";
import { LOAN_STATE_LABELS } from "@/lib/domain/loan-workflow";
import type { Actor } from "../actor";
import type { AuditInput } from "../audit";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { allocateRepayment, type Instalment } from "./allocate-repayment";
import { day, iso, lockLoans, nextLoanState, REPAYING_STATES, setLoanState } from "./loan-records";
import type { RepaymentFields } from "./repayment-input";

export function toInstalment(s: {
  id: string; seq: number; dueDate: Date; principalDue: { toFixed(n: number): string }; interestDue: { toFixed(n: number): string };
  principalPaid: { toFixed(n: number): string }; interestPaid: { toFixed(n: number): string }; status: Instalment["status"];
}): Instalment {
  return {
    id: s.id, seq: s.seq, dueDate: iso(s.dueDate), status: s.status,
    principalDue: s.principalDue.toFixed(2), interestDue: s.interestDue.toFixed(2),
    principalPaid: s.principalPaid.toFixed(2), interestPaid: s.interestPaid.toFixed(2),
  };
}

/**
 * Records one repayment of a loan and applies it to the schedule (interest and principal, oldest
 * instalment first), updates the outstanding principal, and moves the loan: repaid when nothing
 * is left, back to repaying when an overdue or in-buffer loan's arrears are cleared. Shared by the
 * form and the file import. The bank reference must not have been recorded yet (the caller checks,
 * so a re-upload is recognised before anything is written).
 */
export async function applyRepayment(o: {
  tx: Tx;
  actor: Actor;
  audit: (e: AuditInput) => Promise<void>;
  loan: Loan;
  fields: RepaymentFields;
  today: string;
}): Promise<{ repaymentId: string; status: string; outstandingPrincipal: string }> {
  const { tx, actor, audit, fields, today } = o;
  await lockLoans(tx, [o.loan.id]);
  const loan = await tx.loan.findUniqueOrThrow({ where: { id: o.loan.id }, include: { schedule: true } });
  if (!(REPAYING_STATES as readonly string[]).includes(loan.status)) {
    const label = LOAN_STATE_LABELS[loan.status];
    throw AppError.field(
      "principal",
      loan.status === "repaid"
        ? "该贷款已结清，不能再登记还款"
        : loan.status === "claim"
          ? "该贷款的代偿申请正在审批，暂不能登记还款；借款人还款的，请先由县级驳回代偿申请"
          : `该贷款处于“${label}”状态，收回的款项请在“损失分担”页面登记为追偿回款`,
    );
  }
  if (fields.paidOn > today) throw AppError.field("paidOn", "还款日期不能晚于今天");
  if (fields.paidOn < iso(loan.disbursedOn)) throw AppError.field("paidOn", `还款日期不能早于放款日期 ${iso(loan.disbursedOn)}`);

  const before = loan.schedule.map(toInstalment);
  const result = allocateRepayment(before, fields, today);
  if (result.problems.length > 0) {
    throw new AppError("VALIDATION", result.problems.map((p) => p.message).join("；"), Object.fromEntries(result.problems.map((p) => [p.field, [p.message]])));
  }
  const old = new Map(before.map((i) => [i.id, i]));
  for (const it of result.items) {
    const was = old.get(it.id)!;
    if (was.principalPaid === it.principalPaid && was.interestPaid === it.interestPaid && was.interestDue === it.interestDue && was.status === it.status) continue;
    await tx.scheduleItem.update({
      where: { id: it.id },
      data: { principalPaid: it.principalPaid, interestPaid: it.interestPaid, interestDue: it.interestDue, status: it.status },
    });
  }
  const repayment = await tx.repayment.create({
    data: {
      loanId: loan.id, bankId: loan.bankId, reference: fields.reference, paidOn: day(fields.paidOn),
      principal: fields.principal, interest: fields.interest, penalty: fields.penalty, recordedById: actor.userId,
    },
  });
  let status: string = loan.status;
  if (result.fullyRepaid) status = nextLoanState(status, "repay", "system");
  else if ((status === "overdue" || status === "inBuffer") && !result.inArrears) status = nextLoanState(status, "cure", "system");
  await setLoanState(tx, loan, { outstandingPrincipal: result.outstandingPrincipal, status: status as Loan["status"] });
  await audit({
    action: "loan.recordRepayment",
    entity: "Loan",
    entityId: loan.id,
    countyId: loan.countyId,
    before: { status: loan.status, outstandingPrincipal: loan.outstandingPrincipal.toFixed(2) },
    after: { status, outstandingPrincipal: result.outstandingPrincipal, repayment: { id: repayment.id, ...fields } },
  });
  return { repaymentId: repayment.id, status, outstandingPrincipal: result.outstandingPrincipal };
}

/** Whether a recorded repayment says exactly what a re-sent one says (a re-upload). */
export function sameRepayment(
  recorded: { loanId: string; paidOn: Date; principal: { toFixed(n: number): string }; interest: { toFixed(n: number): string }; penalty: { toFixed(n: number): string } },
  loanId: string,
  f: RepaymentFields,
): boolean {
  const m = (v: string) => new D(v).toFixed(2);
  return (
    recorded.loanId === loanId &&
    iso(recorded.paidOn) === f.paidOn &&
    recorded.principal.toFixed(2) === m(f.principal) &&
    recorded.interest.toFixed(2) === m(f.interest) &&
    recorded.penalty.toFixed(2) === m(f.penalty)
  );
}
