import { HOUSEHOLD_STATUS_LABELS, LABOUR_CAPACITY_LABELS } from "@/lib/labels";
import type { SheetRow } from "../xlsx";
import { type HouseholdFields, householdFields, HOUSEHOLD_STATUSES, LABOUR_CAPACITIES } from "./household-input";

/**
 * The household import workbook's columns (issue 8): what the single registration form asks
 * for, one household a row. The pure part of the import lives here (no database, no file):
 * a bench or a unit test can check rows without either.
 */
export const HOUSEHOLD_IMPORT_COLUMNS = {
  headName: "户主姓名",
  idNumber: "身份证号",
  village: "村",
  status: "户类型",
  membersCount: "家庭人口",
  labourCapacity: "劳动能力",
  phone: "联系电话",
  address: "住址",
  notes: "备注",
} as const;

type Column = (typeof HOUSEHOLD_IMPORT_COLUMNS)[keyof typeof HOUSEHOLD_IMPORT_COLUMNS];

export const HOUSEHOLD_IMPORT_HEADERS: readonly Column[] = Object.values(HOUSEHOLD_IMPORT_COLUMNS);

/** A village an importer may register households in. */
export type ImportVillage = { id: string; code: string; name: string; townshipId: string; townshipName: string };

export type HouseholdImportRowError = { row: number; column: string; message: string };

export type CheckedHousehold = { row: number; village: ImportVillage; data: HouseholdFields };

/** Words people write for a status besides the portal's own labels (2023 wording: 脱贫户, 监测户). */
const STATUS_ALIASES: Record<string, (typeof HOUSEHOLD_STATUSES)[number]> = { 脱贫户: "exitedPoverty", 监测户: "monitored" };

function byLabel<K extends string>(labels: Record<K, string>, keys: readonly K[], aliases: Record<string, K> = {}): Map<string, K> {
  return new Map<string, K>([...keys.map((k) => [k, k] as const), ...Object.entries(labels).map(([k, v]) => [v as string, k as K] as const), ...Object.entries(aliases)]);
}

const STATUS_OF = byLabel(HOUSEHOLD_STATUS_LABELS, HOUSEHOLD_STATUSES, STATUS_ALIASES);
const LABOUR_OF = byLabel(LABOUR_CAPACITY_LABELS, LABOUR_CAPACITIES);
export const STATUS_CHOICES = Object.values(HOUSEHOLD_STATUS_LABELS);
export const LABOUR_CHOICES = Object.values(LABOUR_CAPACITY_LABELS);

const FIELD_COLUMN: Record<keyof HouseholdFields, Column> = {
  headName: HOUSEHOLD_IMPORT_COLUMNS.headName,
  idNumber: HOUSEHOLD_IMPORT_COLUMNS.idNumber,
  phone: HOUSEHOLD_IMPORT_COLUMNS.phone,
  address: HOUSEHOLD_IMPORT_COLUMNS.address,
  status: HOUSEHOLD_IMPORT_COLUMNS.status,
  membersCount: HOUSEHOLD_IMPORT_COLUMNS.membersCount,
  labourCapacity: HOUSEHOLD_IMPORT_COLUMNS.labourCapacity,
  notes: HOUSEHOLD_IMPORT_COLUMNS.notes,
};

const VILLAGE_CODE = /^\d{12}$/;

/**
 * Finds a row's village among the importer's: by its 12-digit code or by its name; blank means
 * `ownVillage` (a village cadre's own). A name two villages in scope share must be given as a code.
 */
function villageResolver(villages: readonly ImportVillage[], ownVillage: ImportVillage | undefined) {
  const byCode = new Map(villages.map((v) => [v.code, v]));
  const byName = new Map<string, ImportVillage[]>();
  for (const v of villages) byName.set(v.name, [...(byName.get(v.name) ?? []), v]);
  return (text: string): ImportVillage | string => {
    if (text === "") return ownVillage ?? "请填写村（12 位村代码或村名）";
    if (VILLAGE_CODE.test(text)) return byCode.get(text) ?? `不是您可登记的村：您的辖区内没有代码为 ${text} 的村`;
    const named = byName.get(text) ?? [];
    if (named.length === 1) return named[0];
    if (named.length > 1) return `您的辖区内有 ${named.length} 个“${text}”（${named.map((v) => v.townshipName).join("、")}），请改填 12 位村代码`;
    return `不是您可登记的村：您的辖区内没有名为“${text}”的村（可填村名或 12 位村代码，见模板“说明”表）`;
  };
}

/**
 * Checks every row of the workbook with the single registration form's rules (householdFields:
 * GB 11643 ID numbers, required fields, ranges), resolves its village among `villages` (the
 * importer's scope) and refuses an ID number a second time within the file. Every problem is
 * returned by row and column (Chinese); the rows without any are returned checked. Duplicates
 * against households already stored are the caller's (they need the database).
 */
export function checkHouseholdRows(
  rows: readonly SheetRow[],
  o: { villages: readonly ImportVillage[]; ownVillage?: ImportVillage },
): { households: CheckedHousehold[]; errors: HouseholdImportRowError[] } {
  const villageOf = villageResolver(o.villages, o.ownVillage);
  const errors: HouseholdImportRowError[] = [];
  const households: CheckedHousehold[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of rows) {
    const cell = (column: Column) => r.cells[column] ?? "";
    const fail = (column: string, message: string) => errors.push({ row: r.row, column, message });
    const village = villageOf(cell(HOUSEHOLD_IMPORT_COLUMNS.village));
    if (typeof village === "string") fail(HOUSEHOLD_IMPORT_COLUMNS.village, village);
    const status = cell(HOUSEHOLD_IMPORT_COLUMNS.status);
    const labour = cell(HOUSEHOLD_IMPORT_COLUMNS.labourCapacity);
    const parsed = householdFields.safeParse({
      headName: cell(HOUSEHOLD_IMPORT_COLUMNS.headName),
      idNumber: cell(HOUSEHOLD_IMPORT_COLUMNS.idNumber),
      phone: cell(HOUSEHOLD_IMPORT_COLUMNS.phone),
      address: cell(HOUSEHOLD_IMPORT_COLUMNS.address),
      status: STATUS_OF.get(status) ?? status,
      membersCount: cell(HOUSEHOLD_IMPORT_COLUMNS.membersCount),
      labourCapacity: LABOUR_OF.get(labour) ?? labour,
      notes: cell(HOUSEHOLD_IMPORT_COLUMNS.notes),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = FIELD_COLUMN[issue.path[0] as keyof HouseholdFields] ?? String(issue.path[0]);
        if (column === HOUSEHOLD_IMPORT_COLUMNS.status) fail(column, status ? `“${status}”不是有效的户类型，应为：${STATUS_CHOICES.join("、")}` : "请填写户类型");
        else if (column === HOUSEHOLD_IMPORT_COLUMNS.labourCapacity) fail(column, labour ? `“${labour}”不是有效的劳动能力，应为：${LABOUR_CHOICES.join("、")}` : "请填写劳动能力");
        else fail(column, issue.message);
      }
      continue;
    }
    const earlier = firstRowOf.get(parsed.data.idNumber);
    if (earlier !== undefined) {
      fail(HOUSEHOLD_IMPORT_COLUMNS.idNumber, `与第 ${earlier} 行的身份证号重复（同一身份证号只能登记一户）`);
      continue;
    }
    firstRowOf.set(parsed.data.idNumber, r.row);
    if (typeof village !== "string") households.push({ row: r.row, village, data: parsed.data });
  }
  return { households, errors: errors.sort((a, b) => a.row - b.row) };
}

/** One line of the error list, for text outside the page's table (logs, a bench). */
export function formatHouseholdRowError(e: HouseholdImportRowError): string {
  return `第 ${e.row} 行「${e.column}」：${e.message}`;
}
