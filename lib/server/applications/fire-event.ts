import "server-only";
import type { Application, ApplicationStatus, Prisma } from "@/generated/prisma/client";
import { applicationMachine, transition, type TransitionContext } from "@/lib/domain/workflow";
import type { Actor } from "../actor";
import type { AuditInput } from "../audit";
import type { Tx } from "../db";
import { AppError } from "../errors";

const GUARD_FIELDS: Record<string, string> = {
  RETURN_REASON_REQUIRED: "reason",
  AREA_HALTED: "_form",
  MAKER_CHECKER: "_form",
  OBJECTION_OPEN: "_form",
  PUBLICITY_NOT_ENDED: "_form",
};

/**
 * Moves an application through the workflow table: the domain decides whether the event is
 * allowed; the update is a compare-and-swap on the status and version read, so of two officers
 * acting at once one succeeds and the other gets a clear conflict; the timeline and the audit
 * trail get one entry each, in the caller's transaction.
 */
export async function fireApplicationEvent(o: {
  tx: Tx;
  actor: Actor | null;
  audit: (entry: AuditInput) => Promise<void>;
  application: Application;
  event: string;
  ctx: Omit<TransitionContext, "role"> & { role?: TransitionContext["role"] };
  data?: Prisma.ApplicationUncheckedUpdateManyInput;
  comment?: string | null;
}): Promise<ApplicationStatus> {
  const { tx, actor, application: app } = o;
  const role = o.ctx.role ?? actor?.role;
  if (!role) throw new Error("an application event needs a role");
  const result = decide(app.status, o.event, { ...o.ctx, role, actorId: o.ctx.actorId ?? actor?.userId });
  const updated = await tx.application.updateMany({
    where: { id: app.id, status: app.status, version: app.version },
    data: { ...o.data, status: result, version: { increment: 1 } },
  });
  if (updated.count !== 1) {
    throw new AppError("CONFLICT", "该申请刚被他人处理，状态已变化；请刷新页面查看最新状态。");
  }
  await tx.applicationEvent.create({
    data: {
      applicationId: app.id,
      actorId: actor?.userId ?? null,
      actorName: actor?.displayName ?? "系统",
      actorRole: actor?.role ?? null,
      event: o.event,
      fromStatus: app.status,
      toStatus: result,
      comment: o.comment ?? null,
    },
  });
  await o.audit({
    action: `application.${o.event}`,
    entity: "Application",
    entityId: app.id,
    countyId: app.countyId,
    before: { status: app.status },
    after: { status: result, ...(o.comment ? { comment: o.comment } : {}) },
  });
  return result;
}

/** The domain's verdict on an event, as the AppError the user sees when it is refused. */
function decide(state: ApplicationStatus, event: string, ctx: TransitionContext): ApplicationStatus {
  const r = transition(applicationMachine, state, event, ctx);
  if (r.ok) return r.to;
  if (r.code === "INVALID_TRANSITION") throw new AppError("CONFLICT", `${r.message}（申请状态可能刚被他人改变，请刷新页面）。`);
  if (r.code === "ROLE_NOT_ALLOWED") throw new AppError("FORBIDDEN", r.message);
  const field = GUARD_FIELDS[r.code] ?? "_form";
  throw new AppError("RULE_VIOLATION", r.message, { [field]: [r.message] });
}
