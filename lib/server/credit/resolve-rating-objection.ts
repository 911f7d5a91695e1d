import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { requiredText } from "../validation";
import { loadRatingInScope, moveRating } from "./rating-records";

/**
 * Resolves an objection to a rating with a reason. Upheld: the rating goes back to the village
 * cadre to be rated again (and goes through review and publicity again). Dismissed: once no
 * objection is left open, the rating returns to publicity and passes when the period ends.
 */
export const resolveRatingObjection = defineMutation({
  name: "credit.resolveRatingObjection",
  roles: ["township_officer", "county_officer"],
  input: z.object({
    objectionId: z.string().uuid("异议编号无效"),
    outcome: z.enum(["upheld", "dismissed"], { error: "请选择处理结果" }),
    resolution: requiredText(1000, "处理理由"),
  }),
  async run({ actor, input, tx, audit, now }) {
    const objection = await tx.ratingObjection.findUnique({ where: { id: input.objectionId } });
    if (!objection) throw AppError.notFound("异议");
    const rating = await loadRatingInScope(tx, actor, objection.ratingId);
    const resolved = { resolution: input.resolution, resolvedById: actor.userId, resolvedAt: now };
    const changed = await tx.ratingObjection.updateMany({ where: { id: objection.id, status: "open" }, data: { status: input.outcome, ...resolved } });
    if (changed.count !== 1) throw new AppError("CONFLICT", "该异议已处理，请刷新页面。");
    await audit({ action: "credit.resolveRatingObjection", entity: "RatingObjection", entityId: objection.id, countyId: rating.countyId,
      before: { status: "open" }, after: { status: input.outcome, resolution: input.resolution } });
    if (input.outcome === "upheld") {
      // The rating is done again from the start, so any other open objection to it is settled with this one.
      await tx.ratingObjection.updateMany({
        where: { ratingId: rating.id, status: "open" },
        data: { status: "upheld", ...resolved, resolution: `随异议（${objection.objector}）一并处理：${input.resolution}` },
      });
      await moveRating({ tx, audit, rating, from: ["objection"], to: "returned", action: "credit.upholdRatingObjection",
        data: { lastReason: `公示异议成立：${input.resolution}` }, comment: input.resolution });
    } else {
      const stillOpen = await tx.ratingObjection.count({ where: { ratingId: rating.id, status: "open" } });
      if (stillOpen === 0) {
        await moveRating({ tx, audit, rating, from: ["objection"], to: "inPublicity", action: "credit.resumeRatingPublicity", comment: input.resolution });
      }
    }
    return { id: objection.id };
  },
});
