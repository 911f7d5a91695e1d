import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { lockKey } from "../concurrency";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { moveRating, OPEN_RATING_STATUSES } from "./rating-records";
import { scoreAnswers } from "./rating-score";
import { sheetInForce } from "./sheet-records";

/**
 * The village cadre rates a household on the sheet in force today (issue 5, step 2): a new
 * rating, or a draft or a returned one (re-rating after a return or an upheld objection) filled
 * in again. Score and grade come from the domain. `intent` "submit" sends it to the township.
 */
export const saveRating = defineMutation({
  name: "credit.saveRating",
  roles: ["village_cadre"],
  input: z.object({
    householdId: z.string({ error: "请选择农户" }),
    ratingId: z.string().optional().transform((v) => (v ? v : undefined)),
    intent: z.enum(["save", "submit"], { error: "请选择保存或提交" }),
    answers: z.record(z.string(), z.string()),
  }),
  async run({ actor, input, tx, audit, now }) {
    if (!/^[0-9a-f-]{36}$/i.test(input.householdId)) throw AppError.notFound("农户");
    const household = await tx.household.findFirst({ where: { id: input.householdId, villageId: actor.villageId ?? "" } });
    if (!household) throw AppError.notFound("农户");
    await lockKey(tx, `creditRating:${household.id}`);
    const open = await tx.creditRating.findFirst({ where: { householdId: household.id, status: { in: [...OPEN_RATING_STATUSES] } } });
    if (open && open.id !== input.ratingId) {
      throw new AppError("CONFLICT", open.status === "draft" || open.status === "returned"
        ? "该农户已有一份未完成的评级，请打开它继续填写。"
        : "该农户的评级正在审核或公示中，完成后才能重新评定。");
    }
    if (input.ratingId && !open) throw new AppError("CONFLICT", "该评级已不能修改（可能刚被他人处理），请刷新页面。");

    const today = shanghaiToday(now);
    const version = await sheetInForce(tx, household.countyId, today);
    const scored = scoreAnswers(version.sheet, input.answers);
    if (!scored.ok) {
      const fieldErrors = Object.fromEntries(scored.errors.map((e) => [`answers.${e.key}`, [e.message]]));
      throw new AppError("VALIDATION", `评级表有 ${scored.errors.length} 项未填或填写有误，请检查标出的指标。`, fieldErrors);
    }
    const status = input.intent === "submit" ? "submitted" : "draft";
    const data = {
      sheetId: version.id, answers: scored.answers, score: scored.score, grade: scored.grade,
      ratedOn: new Date(`${today}T00:00:00Z`), collectedById: actor.userId,
    };
    let id: string;
    if (open) {
      await moveRating({
        tx, audit, rating: open, from: ["draft", "returned"], to: status,
        action: input.intent === "submit" ? "credit.submitRating" : "credit.saveRating",
        data: { ...data, reviewedById: null, reviewedAt: null },
        comment: `${scored.score} 分，${scored.grade} 级（指标表第 ${version.version} 版）`,
      });
      await audit({ action: "credit.rateAnswers", entity: "CreditRating", entityId: open.id, countyId: open.countyId,
        before: { answers: open.answers, score: open.score, grade: open.grade }, after: { answers: scored.answers, score: scored.score, grade: scored.grade } });
      id = open.id;
    } else {
      const rating = await tx.creditRating.create({
        data: { ...data, status, countyId: household.countyId, townshipId: household.townshipId, villageId: household.villageId, householdId: household.id },
      });
      await audit({ action: input.intent === "submit" ? "credit.submitRating" : "credit.saveRating", entity: "CreditRating", entityId: rating.id,
        countyId: rating.countyId, after: { status, answers: scored.answers, score: scored.score, grade: scored.grade, sheetVersion: version.version } });
      id = rating.id;
    }
    return { id, score: scored.score, grade: scored.grade, status };
  },
});
