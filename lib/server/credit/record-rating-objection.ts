import "server-only";
import { z } from "zod";
import { isValidDate } from "@/lib/domain/calendar";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { requiredText } from "../validation";
import { loadRatingInScope, moveRating } from "./rating-records";

/** An objection to a rating during its publicity (who, what, when); the rating waits for it. */
export const recordRatingObjection = defineMutation({
  name: "credit.recordRatingObjection",
  roles: ["village_cadre", "township_officer", "county_officer"],
  input: z.object({
    ratingId: z.string(),
    objector: requiredText(50, "异议人"),
    content: requiredText(1000, "异议内容"),
    receivedOn: z.string().trim().refine(isValidDate, "收到异议的日期无效，应为 YYYY-MM-DD 格式的有效日期").optional().or(z.literal("").transform(() => undefined)),
  }),
  async run({ actor, input, tx, audit, now }) {
    const rating = await loadRatingInScope(tx, actor, input.ratingId);
    const receivedOn = input.receivedOn ?? shanghaiToday(now);
    if (receivedOn > shanghaiToday(now)) throw AppError.field("receivedOn", "收到异议的日期不能晚于今天");
    if (rating.status !== "inPublicity" && rating.status !== "objection") {
      throw new AppError("CONFLICT", "只能对公示中的评级登记异议（该评级可能刚被处理，请刷新页面）。");
    }
    const objection = await tx.ratingObjection.create({
      data: { ratingId: rating.id, objector: input.objector, content: input.content, receivedOn: new Date(`${receivedOn}T00:00:00Z`), recordedById: actor.userId },
    });
    await moveRating({ tx, audit, rating, from: ["inPublicity", "objection"], to: "objection", action: "credit.raiseRatingObjection",
      comment: `异议人：${input.objector}；${input.content}` });
    return { id: objection.id };
  },
});
