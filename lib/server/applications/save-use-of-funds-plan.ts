import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { useOfFundsPlanFields } from "./enterprise-application-input";
import { loadApplicationInScope } from "./load-application";

/** Until the county decides, the plan can be filed or corrected. */
const OPEN_STATUSES = ["draft", "returned", "submitted", "townshipReviewed", "inPublicity", "objection", "publicityPassed"];

/**
 * Files (or corrects) a large enterprise loan's use-of-funds plan: schedule, milestones, fund
 * categories (P-Risk 二(四)). Required before the county's approval. Whoever files it counts as
 * one of the application's makers.
 */
export const saveUseOfFundsPlan = defineMutation({
  name: "application.saveUseOfFundsPlan",
  roles: ["township_officer", "county_officer"],
  input: useOfFundsPlanFields.extend({ applicationId: z.string() }),
  async run({ actor, input: { applicationId, ...plan }, tx, audit }) {
    const app = await loadApplicationInScope(tx, actor, applicationId);
    if (app.kind !== "enterprise") throw AppError.notFound("申请");
    if (!OPEN_STATUSES.includes(app.status)) throw new AppError("CONFLICT", "该申请已经县中心审批，资金使用计划不能再修改。");
    // A compare-and-swap on the application, so a plan filed while the county decides is one or the other.
    const bumped = await tx.application.updateMany({ where: { id: applicationId, version: app.version, status: app.status }, data: { version: { increment: 1 } } });
    if (bumped.count !== 1) throw new AppError("CONFLICT", "该申请刚被他人处理，状态已变化；请刷新页面查看最新状态。");
    const before = await tx.useOfFundsPlan.findUnique({ where: { applicationId } });
    const after = await tx.useOfFundsPlan.upsert({ where: { applicationId }, create: { applicationId, ...plan }, update: plan });
    await tx.applicationEvent.create({
      data: {
        applicationId, actorId: actor.userId, actorName: actor.displayName, actorRole: actor.role, event: "fileUseOfFundsPlan",
        fromStatus: app.status, toStatus: app.status,
      },
    });
    await audit({ action: "application.saveUseOfFundsPlan", entity: "UseOfFundsPlan", entityId: applicationId, countyId: app.countyId, before, after });
    return { id: applicationId };
  },
});
