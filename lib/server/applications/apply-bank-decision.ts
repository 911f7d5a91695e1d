import "server-only";
import type { Application } from "@/generated/prisma/client";
import { D } from "@/lib/domain/decimal";
import { buildRepaymentSchedule } from "@/lib/domain/repayment-schedule";
import type { Actor } from "../actor";
import type { AuditInput } from "../audit";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { applicationHalt } from "../risk/area-breaker";
import { refuseIfLenderHalted } from "../risk/lender-guard";
import type { BankDecisionFields } from "./bank-decision-input";
import { fireApplicationEvent } from "./fire-event";

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/**
 * Records a bank's decision on a batched application; with a disbursement date the loan is
 * created at once, with its repayment schedule (issue 4, steps 7–8). Shared by the one-by-one
 * form and the response-workbook import, so both apply exactly the same rules.
 */
export async function applyBankDecision(o: {
  tx: Tx;
  actor: Actor;
  audit: (e: AuditInput) => Promise<void>;
  application: Application;
  decision: BankDecisionFields;
  today: string;
}) {
  const { tx, actor, audit, application: app, decision, today } = o;
  const lendingBatch = app.batchId ? await tx.batch.findUnique({ where: { id: app.batchId } }) : null;
  if (actor.role === "bank_officer" && (!lendingBatch || lendingBatch.bankId !== actor.bankId)) throw AppError.notFound("申请");
  // County staff may record on the bank's behalf, but only for an application sent to a bank.
  if (!lendingBatch) throw new AppError("CONFLICT", "该申请尚未批转合作银行，不能登记银行审批结果（请刷新页面查看最新状态）。");
  if (decision.outcome === "declined") {
    await fireApplicationEvent({ tx, actor, audit, application: app, event: "bankReject", ctx: { reason: decision.declineReason }, comment: decision.declineReason });
    await tx.bankDecision.create({ data: { applicationId: app.id, outcome: "declined", declineReason: decision.declineReason, recordedById: actor.userId } });
    return { loanId: null };
  }

  if (new D(decision.approvedAmount).gt(app.amount.toString())) {
    throw AppError.field("approvedAmount", `批准金额不能超过申请金额 ${app.amount.toFixed(2)} 元`);
  }
  if (decision.disbursementDate && decision.disbursementDate > today) {
    throw AppError.field("disbursementDate", "放款日期不能晚于今天");
  }
  const profile = await activeProfile(tx, app.countyId, today);
  const cap = profile.settings.householdLoanCap;
  if (app.kind === "household" && cap.termMonths !== null && decision.termMonths > cap.termMonths) {
    throw AppError.field("termMonths", `户贷期限不能超过 ${cap.termMonths} 个月`);
  }
  const halt = await applicationHalt(tx, app, today, profile);
  await refuseIfLenderHalted(tx, app.countyId, lendingBatch.bankId, today, profile);
  await fireApplicationEvent({ tx, actor, audit, application: app, event: "bankApprove", ctx: { areaHalted: halt.halted }, comment: decision.note });
  await tx.bankDecision.create({
    data: {
      applicationId: app.id,
      outcome: "approved",
      contractNumber: decision.contractNumber,
      approvedAmount: decision.approvedAmount,
      rate: decision.rate,
      termMonths: decision.termMonths,
      disbursementDate: decision.disbursementDate ? day(decision.disbursementDate) : null,
      recordedById: actor.userId,
    },
  });
  if (!decision.disbursementDate) return { loanId: null };

  const approved = await tx.application.findUniqueOrThrow({ where: { id: app.id } });
  return disburseApplication({ tx, actor, audit, application: approved, today, areaHalted: halt.halted });
}

/**
 * Disbursement creates the loan with its repayment schedule (issue 4, step 8), from the bank's
 * recorded decision: the contract number, approved amount, rate, term and disbursement date.
 */
export async function disburseApplication(o: {
  tx: Tx;
  actor: Actor;
  audit: (e: AuditInput) => Promise<void>;
  application: Application;
  today: string;
  areaHalted: boolean;
}) {
  const { tx, actor, audit, application: app, today } = o;
  const decision = await tx.bankDecision.findUniqueOrThrow({ where: { applicationId: app.id } });
  if (!decision.disbursementDate || !decision.contractNumber || !decision.approvedAmount || !decision.rate || !decision.termMonths) {
    throw AppError.field("disbursementDate", "请填写放款日期");
  }
  const disbursedOn = decision.disbursementDate.toISOString().slice(0, 10);
  const profile = await activeProfile(tx, app.countyId, today);
  await fireApplicationEvent({ tx, actor, audit, application: app, event: "disburse", ctx: { areaHalted: o.areaHalted }, comment: `合同 ${decision.contractNumber}，放款日 ${disbursedOn}` });
  const schedule = buildRepaymentSchedule({
    principal: decision.approvedAmount.toFixed(2),
    rate: decision.rate.toString(),
    termMonths: decision.termMonths,
    disbursedOn,
    kind: profile.settings.process.repaymentSchedule,
    settlement: profile.settings.interest.settlement,
    dayCountBasis: profile.settings.interest.dayCountBasis,
  });
  const batch = await tx.batch.findUniqueOrThrow({ where: { id: app.batchId ?? "" } });
  const duplicate = await tx.loan.findFirst({ where: { bankId: batch.bankId, contractNumber: decision.contractNumber }, select: { id: true } });
  if (duplicate) throw AppError.field("contractNumber", "该银行已有相同合同编号的贷款，请核对合同编号");
  const loan = await tx.loan.create({
    data: {
      applicationId: app.id,
      kind: app.kind,
      countyId: app.countyId,
      townshipId: app.townshipId,
      villageId: app.villageId,
      householdId: app.householdId,
      enterpriseId: app.enterpriseId,
      bankId: batch.bankId,
      contractNumber: decision.contractNumber,
      principal: decision.approvedAmount,
      rate: decision.rate,
      termMonths: decision.termMonths,
      disbursedOn: decision.disbursementDate,
      maturityDate: day(schedule[schedule.length - 1].dueDate),
      outstandingPrincipal: decision.approvedAmount,
      schedule: {
        create: schedule.map((row) => ({ seq: row.seq, dueDate: day(row.dueDate), principalDue: row.principalDue, interestDue: row.interestDue })),
      },
    },
  });
  await audit({ action: "loan.create", entity: "Loan", entityId: loan.id, countyId: loan.countyId, after: { ...loan, instalments: schedule.length } });
  return { loanId: loan.id };
}
