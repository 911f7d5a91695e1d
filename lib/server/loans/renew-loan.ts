import "server-only";
import type { Loan, LoanChange, ScheduleItem } from "@/generated/prisma/client";
import { D } from "@/lib/domain/decimal";
import { buildRepaymentSchedule } from "@/lib/domain/repayment-schedule";
import type { AuditInput } from "../audit";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { day, iso, nextLoanState, setLoanState } from "./loan-records";

/**
 * An approved renewal (续贷) or instalment plan (分期还款计划): the interest due so far must have
 * been paid; the unpaid principal is then re-scheduled from today over the new term with the
 * loan's rate — a renewal by the county's usual schedule, an instalment plan in equal instalments
 * matching the production cycle. A renewal makes the loan `renewed` (also from the buffer, which
 * it ends); an instalment plan returns an overdue or in-buffer loan to repaying. Instalments of
 * the old schedule keep what was paid on them and owe nothing more; untouched ones are removed.
 */
export async function renew(o: {
  tx: Tx;
  audit: (e: AuditInput) => Promise<void>;
  loan: Loan & { schedule: ScheduleItem[] };
  change: LoanChange;
  today: string;
}) {
  const { tx, loan, change, today } = o;
  const termMonths = (change.details as { termMonths?: number } | null)?.termMonths;
  if (!termMonths) throw new Error(`renewal ${change.id} without a term`);
  const interestArrears = loan.schedule
    .filter((s) => iso(s.dueDate) <= today)
    .reduce((acc, s) => acc.plus(s.interestDue.toString()).minus(s.interestPaid.toString()), new D(0));
  if (interestArrears.gt(0)) {
    throw new AppError("RULE_VIOLATION", `续贷前须先结清已到期利息 ${interestArrears.toFixed(2)} 元。`);
  }
  const plan = change.kind === "instalmentPlan";
  const status = plan
    ? loan.status === "overdue" || loan.status === "inBuffer" ? nextLoanState(loan.status, "cure", "system") : loan.status
    : nextLoanState(loan.status, "renew", "system");
  const outstanding = loan.outstandingPrincipal.toFixed(2);
  const profile = await activeProfile(tx, loan.countyId, today);
  const schedule = buildRepaymentSchedule({
    principal: outstanding, rate: loan.rate.toString(), termMonths, disbursedOn: today,
    kind: plan ? "equalInstalments" : profile.settings.process.repaymentSchedule, settlement: profile.settings.interest.settlement,
    dayCountBasis: profile.settings.interest.dayCountBasis,
  });
  let seq = 0;
  for (const s of loan.schedule) {
    if (s.status === "paid") {
      seq = Math.max(seq, s.seq);
      continue;
    }
    if (new D(s.principalPaid.toString()).isZero() && new D(s.interestPaid.toString()).isZero()) {
      await tx.scheduleItem.delete({ where: { id: s.id } });
    } else {
      await tx.scheduleItem.update({ where: { id: s.id }, data: { principalDue: s.principalPaid, interestDue: s.interestPaid, status: "paid" } });
      seq = Math.max(seq, s.seq);
    }
  }
  await tx.scheduleItem.createMany({
    data: schedule.map((row, i) => ({ loanId: loan.id, seq: seq + i + 1, dueDate: day(row.dueDate), principalDue: row.principalDue, interestDue: row.interestDue })),
  });
  const maturity = schedule[schedule.length - 1].dueDate;
  await setLoanState(tx, loan, { status: status as Loan["status"], maturityDate: day(maturity) });
  await o.audit({
    action: plan ? "loan.instalmentPlan" : "loan.renew", entity: "Loan", entityId: loan.id, countyId: loan.countyId,
    before: { status: loan.status, maturityDate: iso(loan.maturityDate) },
    after: { status, maturityDate: maturity, renewedOn: today, termMonths, principal: outstanding, instalments: schedule.length, changeId: change.id },
  });
  return { status };
}
