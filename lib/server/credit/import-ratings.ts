import "server-only";
import { z } from "zod";
import type { CreditGrade } from "@/lib/domain/credit";
import { shanghaiToday } from "../clock";
import { lockKey } from "../concurrency";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { readSheet } from "../xlsx";
import { OPEN_RATING_STATUSES } from "./rating-records";
import { scoreAnswers } from "./rating-score";
import { cellAnswer, itemHeader, RATING_COLUMNS, ratingHeaders } from "./rating-workbook";
import { sheetInForce } from "./sheet-records";

export type RatingRowError = { row: number; column: string; message: string };

const LISTED_ERRORS = 200;

export function formatRatingRowError(e: RatingRowError): string {
  return `第 ${e.row} 行「${e.column}」：${e.message}`;
}

/**
 * Bulk collection (issue 5, step 6): the cadre's filled-in workbook becomes one submitted rating
 * per filled row, scored by the domain on the sheet in force. All or nothing: any wrong row and
 * nothing is written, with every problem reported by row and column.
 */
export const importRatings = defineMutation({
  name: "credit.importRatings",
  roles: ["village_cadre"],
  input: z.object({ file: z.instanceof(Uint8Array, { error: "请选择填好的评级采集表" }) }),
  async run({ actor, input, tx, audit, now }) {
    const village = await tx.orgUnit.findUniqueOrThrow({ where: { id: actor.villageId ?? "" } });
    const countyId = village.countyId ?? "";
    await lockKey(tx, `creditImport:${village.id}`);
    const today = shanghaiToday(now);
    const version = await sheetInForce(tx, countyId, today);
    const rows = await readSheet(input.file, ratingHeaders(version.sheet));
    const households = await tx.household.findMany({ where: { villageId: village.id }, select: { id: true, headName: true, townshipId: true } });
    const byId = new Map(households.map((h) => [h.id, h]));
    const busy = new Set((await tx.creditRating.findMany({
      where: { villageId: village.id, status: { in: [...OPEN_RATING_STATUSES] } }, select: { householdId: true },
    })).map((r) => r.householdId));

    const errors: RatingRowError[] = [];
    const seen = new Map<string, number>();
    const toCreate: { householdId: string; townshipId: string; answers: Record<string, string>; score: string; grade: CreditGrade }[] = [];
    let skipped = 0;
    for (const r of rows) {
      const fail = (column: string, message: string) => errors.push({ row: r.row, column, message });
      const cells = version.sheet.items.map((item) => ({ item, header: itemHeader(item), text: r.cells[itemHeader(item)] ?? "" }));
      if (cells.every((c) => c.text === "")) {
        skipped++;
        continue;
      }
      const id = (r.cells[RATING_COLUMNS.id] ?? "").trim().toLowerCase();
      const household = byId.get(id);
      if (!household) {
        fail(RATING_COLUMNS.id, id ? "本村没有该农户编号（请勿修改模板中的农户编号）" : "请填写农户编号（请使用下载的模板）");
        continue;
      }
      if (seen.has(id)) {
        fail(RATING_COLUMNS.id, `与第 ${seen.get(id)} 行是同一农户`);
        continue;
      }
      seen.set(id, r.row);
      if (busy.has(id)) {
        fail(RATING_COLUMNS.name, `${household.headName}已有进行中的评级，完成后才能重新评定`);
        continue;
      }
      const scored = scoreAnswers(version.sheet, Object.fromEntries(cells.map((c) => [c.item.key, cellAnswer(c.item, c.text)])));
      if (!scored.ok) {
        for (const e of scored.errors) {
          const item = version.sheet.items.find((i) => i.key === e.key)!;
          fail(itemHeader(item), e.message);
        }
        continue;
      }
      toCreate.push({ householdId: id, townshipId: household.townshipId, answers: scored.answers, score: scored.score, grade: scored.grade });
    }
    if (errors.length > 0) {
      errors.sort((a, b) => a.row - b.row);
      const listed = errors.slice(0, LISTED_ERRORS).map(formatRatingRowError);
      if (errors.length > LISTED_ERRORS) listed.push(`……另有 ${errors.length - LISTED_ERRORS} 处错误未列出`);
      throw new AppError("VALIDATION", `评级采集表有 ${errors.length} 处错误，未写入任何数据。`, { file: listed });
    }
    if (toCreate.length === 0) throw AppError.field("file", "文件中没有填写评级的农户（各指标列均为空）。");

    const ratedOn = new Date(`${today}T00:00:00Z`);
    for (const c of toCreate) {
      const rating = await tx.creditRating.create({
        data: {
          countyId, townshipId: c.townshipId, villageId: village.id, householdId: c.householdId, sheetId: version.id,
          answers: c.answers, score: c.score, grade: c.grade, status: "submitted", collectedById: actor.userId, ratedOn,
        },
      });
      await audit({ action: "credit.submitRating", entity: "CreditRating", entityId: rating.id, countyId,
        after: { status: "submitted", answers: c.answers, score: c.score, grade: c.grade, sheetVersion: version.version, via: "import" } });
    }
    await audit({ action: "credit.importRatings", entity: "OrgUnit", entityId: village.id, countyId, after: { imported: toCreate.length, skipped } });
    return { imported: toCreate.length, skipped };
  },
});
