import "server-only";
import { z } from "zod";
import { maskIdCard } from "@/lib/domain/identity";
import { shanghaiToday } from "../clock";
import type { FileDownload } from "../file-response";
import { defineQuery } from "../use-case";
import { writeSheet } from "../xlsx";
import { OPEN_RATING_STATUSES } from "./rating-records";
import { itemNote, ratingHeaders } from "./rating-workbook";
import { sheetInForce } from "./sheet-records";

/**
 * The bulk collection workbook of the cadre's village (issue 5, step 6): one row per household
 * that can be rated now (none in progress), one column per item of the sheet in force.
 */
export const ratingTemplate = defineQuery({
  name: "credit.ratingTemplate",
  roles: ["village_cadre"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx, now }): Promise<FileDownload> {
    const today = shanghaiToday(now);
    const village = await tx.orgUnit.findUniqueOrThrow({ where: { id: actor.villageId ?? "" } });
    const version = await sheetInForce(tx, village.countyId ?? "", today);
    const households = await tx.household.findMany({
      where: { villageId: village.id },
      orderBy: [{ headName: "asc" }, { id: "asc" }],
      select: { id: true, headName: true, idNumber: true },
    });
    const busy = new Set((await tx.creditRating.findMany({
      where: { villageId: village.id, status: { in: [...OPEN_RATING_STATUSES] } }, select: { householdId: true },
    })).map((r) => r.householdId));
    const headers = ratingHeaders(version.sheet);
    const bytes = await writeSheet({
      sheetName: "信用评级采集",
      headers,
      widths: [38, 10, 20, ...version.sheet.items.map(() => 14)],
      rows: households.filter((h) => !busy.has(h.id)).map((h) => [h.id, h.headName, maskIdCard(h.idNumber), ...version.sheet.items.map(() => "")]),
      notes: [
        `${village.name}农户信用评级采集表（评级指标表第 ${version.version} 版，${version.effectiveFrom} 起施行）`,
        "请勿修改“农户编号”列和表头；不评定的农户整行留空即可。",
        "同一行须填写全部指标；任何一行有错误时整份文件都不会导入。导入后的评级提交乡镇审核。",
        ...version.sheet.items.map(itemNote),
      ],
    });
    return {
      bytes,
      fileName: `${village.name}信用评级采集表.xlsx`,
      asciiFileName: "credit-rating-template.xlsx",
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
  },
});
