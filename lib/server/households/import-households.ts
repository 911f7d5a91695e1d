import "server-only";
import { z } from "zod";
import { HOUSEHOLD_STATUS_LABELS, LABOUR_CAPACITY_LABELS } from "@/lib/labels";
import type { Actor } from "../actor";
import { lockKey } from "../concurrency";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { orgUnitScope } from "../scope";
import { defineMutation, defineQuery } from "../use-case";
import { readSheet, rowErrorsToFields, writeSheet } from "../xlsx";
import { type HouseholdFields, householdFields } from "./household-input";

export const HOUSEHOLD_IMPORT_HEADERS = ["村代码", "户主姓名", "身份证号", "联系电话", "户类型", "家庭人口", "劳动能力", "住址", "备注"] as const;
const MAX_ROWS = 20_000;
const MAX_BYTES = 8 * 1024 * 1024;
const CHUNK = 1000;
const LISTED_ERRORS = 200;

const FIELD_COLUMN: Record<keyof HouseholdFields, (typeof HOUSEHOLD_IMPORT_HEADERS)[number]> = {
  headName: "户主姓名",
  idNumber: "身份证号",
  phone: "联系电话",
  address: "住址",
  status: "户类型",
  membersCount: "家庭人口",
  labourCapacity: "劳动能力",
  notes: "备注",
};

const byLabel = <K extends string>(labels: Record<K, string>) => new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));
const STATUS_OF = byLabel(HOUSEHOLD_STATUS_LABELS);
const LABOUR_OF = byLabel(LABOUR_CAPACITY_LABELS);

export const IMPORT_ROLES = ["village_cadre", "township_officer", "county_officer"] as const;

/** The villages an importer may register households in, by their 12-digit code. */
async function villagesInScope(tx: Tx, actor: Actor) {
  const scope = actor.role === "village_cadre" ? { id: actor.villageId ?? "" } : orgUnitScope(actor);
  return tx.orgUnit.findMany({
    where: { AND: [scope, { level: "village", active: true }] },
    select: { id: true, code: true, name: true, parentId: true, countyId: true },
    orderBy: { code: "asc" },
  });
}

/**
 * Registers many households from the portal's workbook (issue 8's 10,000-row import): every row
 * checked with the single form's rules, ID numbers unique within the file and the county; any
 * wrong row and nothing is written, every problem listed by row and column. Called as
 * `importHouseholds(actor, { file: Uint8Array })` with the .xlsx bytes (the page's action passes
 * the uploaded File's bytes; the bench passes a generated workbook).
 */
export const importHouseholds = defineMutation({
  name: "household.import",
  roles: IMPORT_ROLES,
  input: z.object({ file: z.instanceof(Uint8Array, { error: "请选择填好的农户登记表" }) }),
  timeoutMs: 120_000,
  async run({ actor, input: { file }, tx, audit }) {
    const villages = await villagesInScope(tx, actor);
    if (villages.length === 0) throw new AppError("FORBIDDEN", "您的账户没有可登记农户的村。");
    const countyId = villages[0].countyId!;
    await lockKey(tx, `householdImport:${countyId}`);
    const villageOf = new Map(villages.map((v) => [v.code, v]));
    const rows = await readSheet(file, HOUSEHOLD_IMPORT_HEADERS, { maxBytes: MAX_BYTES, maxRows: MAX_ROWS });

    const errors: { row: number; column: string; message: string }[] = [];
    const seen = new Map<string, number>();
    const valid: { row: number; village: (typeof villages)[number]; data: HouseholdFields }[] = [];
    for (const r of rows) {
      const fail = (column: string, message: string) => errors.push({ row: r.row, column, message });
      const code = r.cells["村代码"];
      const village = code ? villageOf.get(code) : actor.role === "village_cadre" ? villages[0] : undefined;
      if (!village) fail("村代码", code ? "不是您可登记的村（请填写本辖区村的 12 位代码）" : "请填写村代码");
      const statusText = r.cells["户类型"];
      const labourText = r.cells["劳动能力"];
      const parsed = householdFields.safeParse({
        headName: r.cells["户主姓名"],
        idNumber: r.cells["身份证号"],
        phone: r.cells["联系电话"],
        address: r.cells["住址"],
        status: STATUS_OF.get(statusText) ?? statusText,
        membersCount: r.cells["家庭人口"],
        labourCapacity: LABOUR_OF.get(labourText) ?? labourText,
        notes: r.cells["备注"],
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const column = FIELD_COLUMN[issue.path[0] as keyof HouseholdFields] ?? String(issue.path[0]);
          const message = column === "户类型" ? `应为：${Object.values(HOUSEHOLD_STATUS_LABELS).join("、")}`
            : column === "劳动能力" ? `应为：${Object.values(LABOUR_CAPACITY_LABELS).join("、")}` : issue.message;
          fail(column, message);
        }
        continue;
      }
      const earlier = seen.get(parsed.data.idNumber);
      if (earlier) {
        fail("身份证号", `与第 ${earlier} 行重复`);
        continue;
      }
      seen.set(parsed.data.idNumber, r.row);
      if (village) valid.push({ row: r.row, village, data: parsed.data });
    }
    // Already registered in the county: matched through the keyed hash (numbers are encrypted).
    for (let i = 0; i < valid.length; i += CHUNK) {
      const ids = valid.slice(i, i + CHUNK).map((v) => v.data.idNumber);
      const existing = await tx.household.findMany({ where: { countyId, idNumber: { in: ids } }, select: { idNumber: true } });
      for (const e of existing) errors.push({ row: seen.get(e.idNumber)!, column: "身份证号", message: "本县已登记该身份证号的农户" });
    }
    if (errors.length > 0) {
      errors.sort((a, b) => a.row - b.row);
      const badRows = new Set(errors.map((e) => e.row)).size;
      const listed = errors.slice(0, LISTED_ERRORS);
      const more = errors.length > LISTED_ERRORS ? `（仅列出前 ${LISTED_ERRORS} 处）` : "";
      throw new AppError("VALIDATION", `导入失败：${badRows} 行有误，未写入任何数据。请按下表修改后重新导入${more}。`, rowErrorsToFields(listed));
    }

    for (let i = 0; i < valid.length; i += CHUNK) {
      await tx.household.createMany({
        data: valid.slice(i, i + CHUNK).map((v) => ({ ...v.data, villageId: v.village.id, townshipId: v.village.parentId!, countyId })),
      });
    }
    const perVillage: Record<string, number> = {};
    for (const v of valid) perVillage[v.village.code] = (perVillage[v.village.code] ?? 0) + 1;
    // One row for the import: who, how many, into which villages (the file itself holds ID numbers).
    await audit({ action: "household.import", entity: "OrgUnit", entityId: actor.villageId ?? actor.townshipId ?? countyId, countyId, after: { imported: valid.length, perVillage } });
    return { imported: valid.length };
  },
});

/** The import workbook with the importer's villages listed on the notes sheet. */
export const householdImportTemplate = defineQuery({
  name: "household.importTemplate",
  roles: IMPORT_ROLES,
  input: z.object({}),
  async run({ actor, tx }) {
    const villages = await villagesInScope(tx, actor);
    const bytes = await writeSheet({
      sheetName: "农户登记",
      headers: HOUSEHOLD_IMPORT_HEADERS,
      widths: [16, 12, 22, 14, 16, 10, 12, 24, 24],
      rows: [],
      notes: [
        "每行一户。村代码为 12 位统计用区划代码；村级用户可留空（即本村）。",
        `户类型：${Object.values(HOUSEHOLD_STATUS_LABELS).join("、")}`,
        `劳动能力：${Object.values(LABOUR_CAPACITY_LABELS).join("、")}`,
        "身份证号须为 18 位有效号码；同一身份证号在本县只能登记一户。任何一行有误时整份文件都不会写入。",
        "可登记的村：",
        ...villages.map((v) => `${v.code}  ${v.name}`),
      ],
    });
    return { bytes, fileName: "农户登记导入模板.xlsx", asciiFileName: "household-import.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
  },
});
