import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { requiredText } from "../validation";
import { fireApplicationEvent } from "./fire-event";
import { loadApplicationInScope } from "./load-application";

/**
 * Resolves an objection with a reason. Upheld: the application is rejected. Dismissed: once no
 * objection is left open, the application returns to publicity (and passes when the period ends).
 */
export const resolveObjection = defineMutation({
  name: "publicity.resolveObjection",
  roles: ["township_officer", "county_officer"],
  input: z.object({
    objectionId: z.string().uuid("异议编号无效"),
    outcome: z.enum(["upheld", "dismissed"], { error: "请选择处理结果" }),
    resolution: requiredText(1000, "处理理由"),
  }),
  async run({ actor, input, tx, audit, now }) {
    const objection = await tx.objection.findUnique({ where: { id: input.objectionId } });
    if (!objection) throw AppError.notFound("异议");
    const app = await loadApplicationInScope(tx, actor, objection.applicationId);
    const changed = await tx.objection.updateMany({
      where: { id: objection.id, status: "open" },
      data: { status: input.outcome, resolution: input.resolution, resolvedById: actor.userId, resolvedAt: now },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT", "该异议已处理，请刷新页面。");
    await audit({ action: "publicity.resolveObjection", entity: "Objection", entityId: objection.id, countyId: app.countyId, before: { status: "open" }, after: { status: input.outcome, resolution: input.resolution } });

    if (input.outcome === "upheld") {
      await fireApplicationEvent({
        tx, actor, audit, application: app, event: "upholdObjection", ctx: { reason: input.resolution },
        comment: input.resolution, data: { lastReason: input.resolution },
      });
    } else {
      const stillOpen = await tx.objection.count({ where: { applicationId: app.id, status: "open" } });
      if (stillOpen === 0) {
        await fireApplicationEvent({ tx, actor, audit, application: app, event: "resumePublicity", ctx: { openObjections: 0 }, comment: input.resolution });
      }
    }
    return { id: objection.id };
  },
});
