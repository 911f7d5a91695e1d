import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { optionalText } from "../validation";
import { loadRatingInScope, moveRating } from "./rating-records";

/** The township station approves a submitted rating (it then awaits publicity) or returns it with a reason. */
export const reviewRating = defineMutation({
  name: "credit.reviewRating",
  roles: ["township_officer"],
  input: z.object({
    id: z.string(),
    decision: z.enum(["approve", "return"], { error: "请选择审核结果" }),
    reason: optionalText(500, "理由"),
  }),
  async run({ actor, input: { id, decision, reason }, tx, audit, now }) {
    const rating = await loadRatingInScope(tx, actor, id);
    if (decision === "return" && !reason) throw AppError.field("reason", "退回须填写理由");
    if (decision === "approve") {
      await moveRating({ tx, audit, rating, from: ["submitted"], to: "approved", action: "credit.approveRating",
        data: { reviewedById: actor.userId, reviewedAt: now }, comment: reason });
    } else {
      await moveRating({ tx, audit, rating, from: ["submitted"], to: "returned", action: "credit.returnRating",
        data: { reviewedById: actor.userId, reviewedAt: now, lastReason: reason }, comment: reason });
    }
    return { id };
  },
});
