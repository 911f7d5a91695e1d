import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { optionalText } from "../validation";

/**
 * The checker step of a fraud finding: another county officer approves it (the clawbacks become
 * active, to be deducted from the bank's next claim, and the blacklist proposal takes effect) or
 * rejects it (the pending clawbacks are withdrawn and the borrower is not blacklisted).
 */
export const decideSubsidyFraud = defineMutation({
  name: "subsidy.decideFraud",
  roles: ["county_officer"],
  input: z.object({
    clawbackId: z.string(),
    decision: z.enum(["approve", "reject"], { error: "请选择复核结果" }),
    reason: optionalText(500, "复核意见"),
  }),
  async run({ actor, input, tx, audit }) {
    if (!/^[0-9a-f-]{36}$/i.test(input.clawbackId)) throw AppError.notFound("追回记录");
    const first = await tx.clawback.findFirst({ where: { id: input.clawbackId, countyId: actor.countyId ?? "" } });
    if (!first) throw AppError.notFound("追回记录");
    if (first.status !== "pending") throw new AppError("CONFLICT", "该追回记录已复核（可能刚被他人处理，请刷新页面）。");
    if (first.createdById === actor.userId) {
      const message = "复核须由另一名县级工作人员办理，不能复核自己登记的骗取贴息。";
      throw new AppError("RULE_VIOLATION", message, { _form: [message] });
    }
    const group = await tx.clawback.findMany({
      where: { countyId: first.countyId, status: "pending", createdById: first.createdById, reason: first.reason, ...(first.householdId ? { householdId: first.householdId } : { loanId: first.loanId }) },
    });
    const ids = group.map((g) => g.id);
    // Read after `first`: another officer's decision committed in between leaves the group empty.
    if (!ids.includes(first.id)) throw new AppError("CONFLICT", "该追回记录已复核（可能刚被他人处理，请刷新页面）。");
    const loan = await tx.loan.findUniqueOrThrow({ where: { id: first.loanId } });
    const borrower = loan.householdId ? { householdId: loan.householdId } : { enterpriseId: loan.enterpriseId };
    const entry = await tx.blacklistEntry.findFirst({ where: { countyId: first.countyId, ...borrower, status: "pending" } });
    if (input.decision === "approve") {
      const changed = await tx.clawback.updateMany({ where: { id: { in: ids }, status: "pending" }, data: { status: "active", approvedById: actor.userId } });
      if (changed.count !== ids.length) throw new AppError("CONFLICT", "追回记录刚被他人处理，请刷新页面。");
      if (entry && entry.addedById !== actor.userId) {
        await tx.blacklistEntry.updateMany({ where: { id: entry.id, status: "pending" }, data: { status: "active", approvedById: actor.userId } });
        await audit({ action: "blacklist.approve", entity: "BlacklistEntry", entityId: entry.id, countyId: first.countyId, before: { status: "pending" }, after: { status: "active" } });
      }
    } else {
      if (!input.reason) throw AppError.field("reason", "不予认定须填写理由");
      const removed = await tx.clawback.deleteMany({ where: { id: { in: ids }, status: "pending" } });
      if (removed.count !== ids.length) throw new AppError("CONFLICT", "追回记录刚被他人处理，请刷新页面。");
      if (entry && entry.addedById === first.createdById) {
        await tx.blacklistEntry.updateMany({ where: { id: entry.id, status: "pending" }, data: { status: "rejected", approvedById: actor.userId } });
        await audit({ action: "blacklist.reject", entity: "BlacklistEntry", entityId: entry.id, countyId: first.countyId, before: { status: "pending" }, after: { status: "rejected", comment: input.reason } });
      }
    }
    await audit({
      action: `subsidy.fraud.${input.decision}`, entity: "Clawback", entityId: first.id, countyId: first.countyId,
      before: { status: "pending" }, after: { status: input.decision === "approve" ? "active" : "withdrawn", clawbacks: ids.length, reason: input.reason },
    });
    return { clawbacks: ids.length };
  },
});
