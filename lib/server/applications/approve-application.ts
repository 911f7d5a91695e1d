import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { lockRow } from "../concurrency";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { applicationHalt } from "../risk/area-breaker";
import { defineMutation } from "../use-case";
import { optionalText } from "../validation";
import { fireApplicationEvent } from "./fire-event";
import { loadApplicationInScope } from "./load-application";

/**
 * The county centre approves (and so forwards), rejects or returns an application that passed
 * publicity. Approval is the checker step: the approver must not have entered, submitted or
 * reviewed it; and it is refused while the circuit breaker halts the village or its township,
 * computed from live loan data. The application is locked and read again first, so that its
 * status and its history (who handled it) are read at one moment: an officer whose approval
 * lost a race to another gets "already handled", never a maker-checker refusal built from the
 * winner's fresh history and the loser's stale status.
 */
export const decideApplication = defineMutation({
  name: "application.countyDecide",
  roles: ["county_officer"],
  input: z.object({
    id: z.string(),
    decision: z.enum(["approve", "reject", "return"], { error: "请选择审批结果" }),
    reason: optionalText(500, "理由"),
  }),
  async run({ actor, input: { id, decision, reason }, tx, audit, now }) {
    const { id: appId } = await loadApplicationInScope(tx, actor, id);
    await lockRow(tx, "Application", appId);
    const app = await tx.application.findUniqueOrThrow({ where: { id: appId } });
    if (decision === "reject" || decision === "return") {
      await fireApplicationEvent({
        tx, actor, audit, application: app, event: decision === "reject" ? "countyReject" : "return",
        ctx: { reason: reason ?? "" }, comment: reason, data: { lastReason: reason },
      });
      return { id };
    }
    const today = shanghaiToday(now);
    const profile = await activeProfile(tx, app.countyId, today);
    const [openObjections, makers, halt] = await Promise.all([
      tx.objection.count({ where: { applicationId: app.id, status: "open" } }),
      tx.applicationEvent.findMany({ where: { applicationId: app.id, actorId: { not: null } }, select: { actorId: true } }),
      applicationHalt(tx, app, today, profile),
    ]);
    if (app.largeLoan) {
      const plan = await tx.useOfFundsPlan.findUnique({ where: { applicationId: app.id } });
      if (!plan) throw new AppError("RULE_VIOLATION", "大额贷款须先提交资金使用计划（进度安排、节点、资金用途分类），方可审批。");
    }
    const previousActorIds = [app.createdById, app.submittedById, app.reviewedById, ...makers.map((m) => m.actorId)]
      .filter((x): x is string => Boolean(x));
    await fireApplicationEvent({
      tx, actor, audit, application: app, event: "countyApprove",
      ctx: { openObjections, previousActorIds, areaHalted: halt.halted }, comment: reason,
      data: { approvedById: actor.userId, approvedAt: now },
    });
    return { id };
  },
});
