import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { loadEvaluationInScope } from "./load-evaluation";
import { versionField } from "../validation";

/**
 * The checker step: a county officer who neither entered nor edited the evaluation approves it
 * at the version they saw (compare-and-swap); an approved evaluation is locked.
 */
export const approveBankEvaluation = defineMutation({
  name: "evaluation.approve",
  roles: ["county_officer"],
  input: z.object({ id: z.string(), version: versionField }),
  async run({ actor, input: { id, version }, tx, audit, now }) {
    const row = await loadEvaluationInScope(tx, actor, id);
    if (row.status === "approved") throw new AppError("CONFLICT", "该考评已审定。");
    if (row.version !== version) throw new AppError("CONFLICT", "该考评已被他人修改，请刷新页面后再审定。");
    const editors = await tx.auditEvent.findMany({
      where: { entity: "BankEvaluation", entityId: id, actorId: { not: null } },
      select: { actorId: true },
    });
    const makers = new Set([row.createdById, ...editors.map((e) => e.actorId)]);
    if (makers.has(actor.userId)) {
      throw new AppError("RULE_VIOLATION", "录入或修改该考评的人员不能审定，须由另一名县级经办人审定。");
    }
    const updated = await tx.bankEvaluation.updateMany({
      where: { id, version, status: "draft" },
      data: { status: "approved", approvedById: actor.userId, approvedAt: now, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "该考评已被他人修改或已审定，请刷新页面。");
    await audit({
      action: "evaluation.approve", entity: "BankEvaluation", entityId: id, countyId: row.countyId,
      before: { status: row.status, version }, after: { status: "approved", total: row.total, grade: row.grade },
    });
    return { id };
  },
});
