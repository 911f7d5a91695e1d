import "server-only";
import { z } from "zod";
import { daysBetween } from "@/lib/domain/calendar";
import { D } from "@/lib/domain/decimal";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { defineMutation } from "../use-case";
import { instalmentStatus } from "./allocate-repayment";
import { day, iso, loadLoanInScope, lockLoans, nextLoanState, setLoanState } from "./loan-records";
import { renew } from "./renew-loan";

/**
 * The county centre (poverty office) approves or rejects an extension or a renewal (see
 * renew-loan.ts). Approving an extension moves the last
 * instalment to the new maturity with the contractual interest of the added days (ACT/basis of
 * the profile) on the unpaid principal, and the loan becomes `extended`. Earlier instalments still
 * overdue must be paid first: an extension postpones the maturity, not arrears.
 */
export const decideLoanChange = defineMutation({
  name: "loan.decideChange",
  roles: ["county_officer"],
  input: z.object({
    changeId: z.string(),
    decision: z.enum(["approve", "reject"], { error: "请选择审批结果" }),
    reason: z.string().trim().max(500).optional().default(""),
  }),
  async run({ actor, input, tx, audit, now }) {
    if (!/^[0-9a-f-]{36}$/i.test(input.changeId)) throw AppError.notFound("变更申请");
    const change = await tx.loanChange.findUnique({ where: { id: input.changeId } });
    if (!change) throw AppError.notFound("变更申请");
    const loan = await loadLoanInScope(tx, actor, change.loanId);
    if (change.requestedById === actor.userId) throw new AppError("RULE_VIOLATION", "审批人不能与申请人为同一人。");
    if (input.decision === "reject" && !input.reason) throw AppError.field("reason", "不予同意须填写理由");
    const decided = await tx.loanChange.updateMany({
      where: { id: change.id, status: "requested" },
      data: { status: input.decision === "approve" ? "approved" : "rejected", decidedById: actor.userId, decidedAt: now, ...(input.reason ? { details: { reason: input.reason } } : {}) },
    });
    if (decided.count !== 1) throw new AppError("CONFLICT", "该申请已被审批，请刷新页面。");
    if (input.decision === "reject") {
      await audit({ action: "loan.rejectChange", entity: "LoanChange", entityId: change.id, countyId: loan.countyId, after: { reason: input.reason } });
      return { status: loan.status };
    }

    const today = shanghaiToday(now);
    await lockLoans(tx, [loan.id]);
    const fresh = await tx.loan.findUniqueOrThrow({ where: { id: loan.id }, include: { schedule: { orderBy: { seq: "asc" } } } });
    if (change.kind === "renewal" || change.kind === "instalmentPlan") return renew({ tx, audit, loan: fresh, change, today });
    const last = fresh.schedule[fresh.schedule.length - 1];
    const earlierOverdue = fresh.schedule.some((s) => s.id !== last.id && s.status === "overdue");
    if (earlierOverdue) throw new AppError("RULE_VIOLATION", "该贷款此前各期尚有逾期未还款项，须先还清后方可展期。");
    const newMaturity = iso(change.newMaturity!);
    const status = nextLoanState(fresh.status, "extend", "system", { consentGiven: true });
    const profile = await activeProfile(tx, loan.countyId, today);
    const extraDays = daysBetween(iso(last.dueDate), newMaturity);
    const unpaidPrincipal = new D(fresh.outstandingPrincipal.toString());
    const extraInterest = unpaidPrincipal.times(fresh.rate.toString()).times(extraDays).dividedBy(profile.settings.interest.dayCountBasis).toDecimalPlaces(2, D.ROUND_HALF_UP);
    const interestDue = new D(last.interestDue.toString()).plus(extraInterest).toFixed(2);
    const itemStatus = instalmentStatus({ dueDate: newMaturity, principalDue: last.principalDue.toFixed(2), interestDue, principalPaid: last.principalPaid.toFixed(2), interestPaid: last.interestPaid.toFixed(2) }, today);
    await tx.scheduleItem.update({ where: { id: last.id }, data: { dueDate: day(newMaturity), interestDue, status: itemStatus } });
    await setLoanState(tx, fresh, { status, maturityDate: day(newMaturity) });
    await audit({
      action: "loan.extend", entity: "Loan", entityId: loan.id, countyId: loan.countyId,
      before: { status: fresh.status, maturityDate: iso(fresh.maturityDate), lastInterestDue: last.interestDue.toFixed(2) },
      after: { status, maturityDate: newMaturity, lastInterestDue: interestDue, extraInterest: extraInterest.toFixed(2), changeId: change.id },
    });
    return { status };
  },
});
