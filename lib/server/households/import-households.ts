import "server-only";
import { z } from "zod";
import type { Actor } from "../actor";
import { lockKey } from "../concurrency";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { orgUnitScope } from "../scope";
import { defineMutation, defineQuery } from "../use-case";
import { readSheet, rowErrorsToFields, writeSheet } from "../xlsx";
import {
  checkHouseholdRows,
  HOUSEHOLD_IMPORT_COLUMNS,
  HOUSEHOLD_IMPORT_HEADERS,
  type HouseholdImportRowError,
  type ImportVillage,
  LABOUR_CHOICES,
  STATUS_CHOICES,
} from "./household-import-rows";
import { insertHouseholds } from "./insert-households";

export { HOUSEHOLD_IMPORT_HEADERS };

const MAX_ROWS = 20_000;
const MAX_BYTES = 8 * 1024 * 1024;
/** ID numbers looked up per query when checking the file against the county's households. */
const LOOKUP_CHUNK = 5000;
const LISTED_ERRORS = 200;

/**
 * Who may import: the cadres who register households (the village cadre, its own village) and the
 * township and county offices that collect household data for their villages (POLICY §1). Not the
 * county's system administrator, who runs users and settings and sees no ID number in full.
 */
export const IMPORT_ROLES = ["village_cadre", "township_officer", "county_officer"] as const;

/** The villages an importer may register households in, with their township's name. */
async function villagesInScope(tx: Tx, actor: Actor): Promise<(ImportVillage & { countyId: string })[]> {
  const scope = actor.role === "village_cadre" ? { id: actor.villageId ?? "" } : orgUnitScope(actor);
  const villages = await tx.orgUnit.findMany({
    where: { AND: [scope, { level: "village", active: true, parentId: { not: null }, countyId: { not: null } }] },
    select: { id: true, code: true, name: true, countyId: true, parent: { select: { id: true, name: true } } },
    orderBy: { code: "asc" },
  });
  return villages.flatMap((v) => (v.parent && v.countyId
    ? [{ id: v.id, code: v.code, name: v.name, townshipId: v.parent.id, townshipName: v.parent.name, countyId: v.countyId }]
    : []));
}

export type HouseholdImportResult = {
  imported: number;
  /** Households registered per village, by village code. */
  villages: { code: string; name: string; townshipName: string; count: number }[];
};

/**
 * Registers many households from the portal's workbook (issue 8: 10,000 rows within 15 s).
 *
 *   importHouseholds(actor, { file, fileName? }): Promise<HouseholdImportResult>
 *
 * - `file`: the .xlsx bytes, a Uint8Array or a Node Buffer (the page's action passes the uploaded
 *   File's bytes, `new Uint8Array(await file.arrayBuffer())`; a bench passes a generated workbook's
 *   Buffer); at most 8 MB and 20,000 rows, first sheet, first row the template's headers.
 * - `fileName`: the uploaded file's name, kept in the audit trail.
 *
 * Every row is checked with the single form's rules (household-import-rows.ts); its village (code
 * or name) must be one the actor may register in; an ID number may appear once in the file and
 * must not be registered in the county yet. Any problem and nothing is written: an AppError
 * VALIDATION whose fieldErrors are keyed `rows.<row>.<column>` (the first 200 problems). Otherwise
 * every household is inserted set-based (insert-households.ts) and one `household.import` audit
 * row records the import: count, file name, households per village and the new households' ids.
 */
export const importHouseholds = defineMutation({
  name: "household.import",
  roles: IMPORT_ROLES,
  input: z.object({
    file: z.instanceof(Uint8Array, { error: "请选择填好的农户登记表" }),
    fileName: z.string().trim().max(200, "文件名过长").optional(),
  }),
  timeoutMs: 120_000,
  async run({ actor, input, tx, audit }): Promise<HouseholdImportResult> {
    const villages = await villagesInScope(tx, actor);
    if (villages.length === 0) throw new AppError("FORBIDDEN", "您的账户没有可登记农户的村。");
    const countyId = villages[0].countyId;
    // One import at a time per county: the duplicate check below stays true until commit.
    await lockKey(tx, `householdImport:${countyId}`);
    const rows = await readSheet(input.file, HOUSEHOLD_IMPORT_HEADERS, { maxBytes: MAX_BYTES, maxRows: MAX_ROWS });
    const ownVillage = actor.role === "village_cadre" ? villages[0] : undefined;
    const { households, errors } = checkHouseholdRows(rows, { villages, ownVillage });

    // Already registered in the county: exact lookups, which the Prisma extension matches on the keyed hash.
    const rowOf = new Map(households.map((h) => [h.data.idNumber, h.row]));
    const taken: HouseholdImportRowError[] = [];
    for (let i = 0; i < households.length; i += LOOKUP_CHUNK) {
      const idNumbers = households.slice(i, i + LOOKUP_CHUNK).map((h) => h.data.idNumber);
      const existing = await tx.household.findMany({ where: { countyId, idNumber: { in: idNumbers } }, select: { idNumber: true } });
      for (const e of existing) taken.push({ row: rowOf.get(e.idNumber)!, column: HOUSEHOLD_IMPORT_COLUMNS.idNumber, message: "本县已登记该身份证号的农户，不能重复登记" });
    }
    if (errors.length > 0 || taken.length > 0) {
      const all = [...errors, ...taken].sort((a, b) => a.row - b.row);
      const badRows = new Set(all.map((e) => e.row)).size;
      const more = all.length > LISTED_ERRORS ? `（共 ${all.length} 处，仅列出前 ${LISTED_ERRORS} 处）` : "";
      throw new AppError("VALIDATION", `导入失败：${badRows} 行有误，未写入任何数据。请按下表修改后重新导入${more}。`, rowErrorsToFields(all.slice(0, LISTED_ERRORS)));
    }

    const householdIds = await insertHouseholds(
      tx,
      households.map((h) => ({ ...h.data, countyId, townshipId: h.village.townshipId, villageId: h.village.id })),
    );
    const perVillage = new Map<string, HouseholdImportResult["villages"][number]>();
    for (const { village } of households) {
      const entry = perVillage.get(village.code) ?? { code: village.code, name: village.name, townshipName: village.townshipName, count: 0 };
      entry.count++;
      perVillage.set(village.code, entry);
    }
    const summary = [...perVillage.values()].sort((a, b) => a.code.localeCompare(b.code));
    // One row for the whole import (its actor is who imported): the count, the file's name, the
    // households per village and every new household's id, so each household's origin is in the
    // trail. Not one household.create row each as the single form writes: the chain trigger makes
    // those cost ~1 ms apiece, growing with the import (10,000 rows: 9–16 s on this machine).
    // No ID numbers: the file itself is not kept.
    await audit({
      action: "household.import",
      entity: "OrgUnit",
      entityId: actor.villageId ?? actor.townshipId ?? countyId,
      countyId,
      after: {
        imported: households.length,
        fileName: input.fileName || null,
        perVillage: Object.fromEntries(summary.map((v) => [v.code, v.count])),
        householdIds,
      },
    });
    return { imported: households.length, villages: summary };
  },
});

/** The import workbook: the columns, drop-down lists, and the villages the importer may use. */
export const householdImportTemplate = defineQuery({
  name: "household.importTemplate",
  roles: IMPORT_ROLES,
  input: z.object({}),
  async run({ actor, tx }) {
    const villages = await villagesInScope(tx, actor);
    const bytes = await writeSheet({
      sheetName: "农户登记",
      headers: HOUSEHOLD_IMPORT_HEADERS,
      widths: [12, 22, 16, 16, 10, 12, 14, 24, 24],
      rows: [],
      choices: { [HOUSEHOLD_IMPORT_COLUMNS.status]: STATUS_CHOICES, [HOUSEHOLD_IMPORT_COLUMNS.labourCapacity]: LABOUR_CHOICES },
      choiceRows: MAX_ROWS,
      notes: [
        "每行一户，从第 2 行起填写；第 1 行表头请勿修改。单次最多 20000 行。",
        "户主姓名、身份证号、户类型、家庭人口、劳动能力必填；联系电话、住址、备注可空。",
        "身份证号：18 位有效号码（末位可为 X），请保持单元格为文本格式；同一身份证号在本县只能登记一户。",
        actor.role === "village_cadre"
          ? "村：可留空（即本村），或填本村村名、12 位村代码。"
          : "村：填下列可登记的村的村名或 12 位村代码；辖区内有同名村时须填代码。",
        `户类型：${STATUS_CHOICES.join("、")}`,
        `劳动能力：${LABOUR_CHOICES.join("、")}`,
        "家庭人口：1–30 的整数。联系电话：11 位手机号码。",
        "任何一行有误时整份文件都不会写入，页面会列出每行每列的问题。",
        "",
        "可登记的村（代码  乡镇  村名）：",
        ...villages.map((v) => `${v.code}  ${v.townshipName}  ${v.name}`),
      ],
    });
    return { bytes, fileName: "农户登记导入模板.xlsx", asciiFileName: "household-import.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
  },
});
