import "server-only";
import { z } from "zod";
import { addWorkingDays } from "@/lib/domain/calendar";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { defaultDates } from "../loans/default-dates";
import { iso, loadLoanInScope, lockLoans, nextLoanState, setLoanState } from "../loans/loan-records";
import { openLossCase } from "../loans/open-loss-case";
import { activeProfile } from "../policy/active-profile";
import { countyCalendar } from "../policy/county-calendar";
import { defineMutation } from "../use-case";
import { currentClaim } from "./claim-steps";

/**
 * Guizhou: the county (bank, poverty office and finance, recorded by a county or finance officer
 * who neither applied nor reviewed) approves the claim — the loss (unpaid principal and interest
 * due to date) is shared by the prescribed ratios and paid from the case page — or rejects it
 * with a reason, returning the loan to overdue.
 */
export const decideClaim = defineMutation({
  name: "loan.decideClaim",
  roles: ["county_officer", "finance_officer"],
  input: z.object({ loanId: z.string(), decision: z.enum(["approve", "reject"], { error: "请选择审批结果" }), reason: z.string().trim().max(500).optional().default("") }),
  async run({ actor, input, tx, audit, now }) {
    const loan = await loadLoanInScope(tx, actor, input.loanId);
    if (loan.status !== "claim") throw new AppError("CONFLICT", "该贷款没有待审批的代偿申请，请刷新页面。");
    const claim = await currentClaim(tx, loan.id);
    if (!claim?.reviewedById) throw new AppError("RULE_VIOLATION", "代偿申请须先经乡镇扶贫、财政部门审核签字。");
    const today = shanghaiToday(now);
    await lockLoans(tx, [loan.id]);
    const fresh = await tx.loan.findUniqueOrThrow({ where: { id: loan.id }, include: { schedule: { orderBy: { seq: "asc" } } } });
    if (input.decision === "reject") {
      const status = nextLoanState(fresh.status, "rejectClaim", actor.role, { reason: input.reason });
      await setLoanState(tx, fresh, { status });
      await audit({ action: "loan.rejectClaim", entity: "Loan", entityId: loan.id, countyId: loan.countyId, before: { status: fresh.status }, after: { status, reason: input.reason } });
      return { status, caseId: null };
    }
    const profile = await activeProfile(tx, loan.countyId, today);
    const calendar = await countyCalendar(tx, loan.countyId);
    const firstOverdue = fresh.schedule.find((s) => s.status === "overdue");
    const bufferEnds = (firstOverdue && defaultDates(profile, iso(firstOverdue.dueDate), calendar)?.bufferEnds) || today;
    const splitDeadline = addWorkingDays(today, profile.settings.defaultHandling.splitWorkingDays ?? 10, calendar);
    const opened = await openLossCase({
      tx, audit, loan: fresh, profile, bufferEnds, splitDeadline, today, interestUpTo: today,
      claim: { role: actor.role, actorId: actor.userId, previousActorIds: claim.actorIds },
    });
    if ("problem" in opened) throw new AppError("RULE_VIOLATION", opened.problem);
    return { status: "split", caseId: opened.caseId };
  },
});
