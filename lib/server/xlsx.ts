import "server-only";
import ExcelJS from "exceljs";
import { AppError } from "./errors";

export const MAX_WORKBOOK_BYTES = 2 * 1024 * 1024;
export const MAX_WORKBOOK_ROWS = 5000;

export type SheetRow = { row: number; cells: Record<string, string> };

function dateText(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A cell as the text a person sees: numbers without exponent, dates as YYYY-MM-DD. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return dateText(value);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("").trim();
    if ("result" in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ("text" in value) return String(value.text).trim();
    if ("error" in value) return "";
  }
  return String(value).trim();
}

/**
 * The first worksheet's data rows keyed by the header names (first row). Missing headers, a file
 * that is not an .xlsx workbook, or too many rows are reported at the `file` field.
 */
export async function readSheet(
  bytes: Uint8Array,
  headers: readonly string[],
  limits: { maxBytes?: number; maxRows?: number } = {},
): Promise<SheetRow[]> {
  const maxBytes = limits.maxBytes ?? MAX_WORKBOOK_BYTES;
  const maxRows = limits.maxRows ?? MAX_WORKBOOK_ROWS;
  if (bytes.byteLength === 0) throw AppError.field("file", "请选择要导入的工作簿文件");
  if (bytes.byteLength > maxBytes) throw AppError.field("file", `文件过大（不能超过 ${maxBytes / 1024 / 1024} MB）`);
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw AppError.field("file", "请上传 .xlsx 格式的 Excel 工作簿");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw AppError.field("file", "无法读取该文件，请确认是 .xlsx 格式的 Excel 工作簿");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw AppError.field("file", "工作簿中没有工作表");
  const columnOf = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const name = cellText(cell.value);
    if (name && !columnOf.has(name)) columnOf.set(name, col);
  });
  const missing = headers.filter((h) => !columnOf.has(h));
  if (missing.length > 0) {
    throw AppError.field("file", `第 1 行须为表头，缺少列：${missing.join("、")}（请使用下载的模板）`);
  }
  const rows: SheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = Object.fromEntries(headers.map((h) => [h, cellText(row.getCell(columnOf.get(h)!).value)]));
    if (Object.values(cells).every((v) => v === "")) continue;
    rows.push({ row: r, cells });
    if (rows.length > maxRows) throw AppError.field("file", `数据行过多（不能超过 ${maxRows} 行）`);
  }
  if (rows.length === 0) throw AppError.field("file", "工作簿中没有数据行");
  return rows;
}

/** An .xlsx with one sheet: a bold header row and the given rows, every cell as text. */
export async function writeSheet(o: {
  sheetName: string;
  headers: readonly string[];
  widths?: readonly number[];
  rows: readonly (readonly string[])[];
  notes?: readonly string[];
  /** Drop-down lists for some columns (by header; short lists), on data rows 2 to `choiceRows` + 1. */
  choices?: Readonly<Record<string, readonly string[]>>;
  choiceRows?: number;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(o.sheetName);
  sheet.columns = o.headers.map((h, i) => ({ header: h, key: h, width: o.widths?.[i] ?? 16, style: { numFmt: "@" } }));
  sheet.getRow(1).font = { bold: true };
  for (const r of o.rows) sheet.addRow([...r]);
  for (const [header, values] of Object.entries(o.choices ?? {})) {
    const letter = sheet.getColumn(o.headers.indexOf(header) + 1).letter;
    // A range of cells shares one rule (ExcelJS supports it; its typings omit `dataValidations`).
    (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${(o.choiceRows ?? MAX_WORKBOOK_ROWS) + 1}`, {
      type: "list",
      allowBlank: true,
      formulae: [`"${values.join(",")}"`],
      showErrorMessage: true,
      errorTitle: "请从列表中选择",
      error: `应为：${values.join("、")}`,
    });
  }
  if (o.notes?.length) {
    const notes = workbook.addWorksheet("说明");
    notes.getColumn(1).width = 90;
    for (const line of o.notes) notes.addRow([line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Rows of a per-row error report as field errors keyed `rows.<row>.<column>`, shown as a table. */
export function rowErrorsToFields(errors: readonly { row: number; column: string; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) (out[`rows.${e.row}.${e.column}`] ??= []).push(e.message);
  return out;
}
