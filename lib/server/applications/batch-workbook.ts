import "server-only";
import ExcelJS from "exceljs";
import { D } from "@/lib/domain/decimal";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";

/**
 * The layout of the workbook a batch is sent to its bank in, and that the bank sends back with
 * its decisions filled in (issue 4, steps 6–7). The import finds columns by their header names,
 * so a bank may reorder columns or delete the ones it does not need.
 */
export const BATCH_COLUMNS = {
  batch: "批次号",
  number: "申请编号",
  name: "户主姓名",
  idNumber: "身份证号",
  township: "乡镇",
  village: "村",
  amount: "申请金额（元）",
  termMonths: "期限（月）",
  purpose: "贷款用途",
  recommendedBy: "推荐单位",
  outcome: "审批结果（同意/不同意）",
  declineReason: "不同意原因",
  contractNumber: "合同编号",
  approvedAmount: "批准金额（元）",
  rate: "年利率",
  // Named apart from the application's 期限（月）: columns are found by name, so names are unique.
  approvedTermMonths: "批准期限（月）",
  disbursementDate: "放款日期（YYYY-MM-DD）",
} as const;

type ColumnKey = keyof typeof BATCH_COLUMNS;

const C = BATCH_COLUMNS;
const APPLICATION_KEYS = ["batch", "number", "name", "idNumber", "township", "village", "amount", "termMonths", "purpose", "recommendedBy"] as const;
const BANK_KEYS = ["outcome", "declineReason", "contractNumber", "approvedAmount", "rate", "approvedTermMonths", "disbursementDate"] as const;

export const OUTCOME_APPROVED = "同意";
export const OUTCOME_DECLINED = "不同意";

export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
const MAX_RESPONSE_ROWS = 2000;
const SHEET_NAME = "申请清单";

/** A batch the actor may work on: county staff of its county, or an officer of its bank; otherwise "not found". */
export async function loadBatchInScope(tx: Tx, actor: Actor, batchId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(batchId)) throw AppError.notFound("批次");
  const batch = await tx.batch.findUnique({ where: { id: batchId } });
  const allowed =
    batch &&
    ((actor.role === "county_officer" && !!actor.countyId && batch.countyId === actor.countyId) ||
      (actor.role === "bank_officer" && !!actor.bankId && batch.bankId === actor.bankId && batch.countyId === actor.countyId));
  if (!batch || !allowed) throw AppError.notFound("批次");
  return batch;
}

export type BatchWorkbookRow = {
  number: string;
  name: string;
  /** In full: the bank needs it to identify the borrower. */
  idNumber: string;
  township: string;
  village: string;
  /** Decimal string, e.g. "50000.00". */
  amount: string;
  termMonths: number;
  purpose: string;
  recommendedBy: string;
  /** The decision already recorded, written into the bank's columns so the sheet shows where the batch stands. */
  decision?: RecordedDecision | null;
};

export type RecordedDecision = {
  outcome: "approved" | "declined";
  declineReason: string | null;
  contractNumber: string | null;
  approvedAmount: string | null;
  rate: string | null;
  termMonths: number | null;
  disbursementDate: string | null;
};

const WIDTHS: Record<ColumnKey, number> = {
  batch: 11, number: 11, name: 12, idNumber: 21, township: 14, village: 14, amount: 15, termMonths: 9, purpose: 14, recommendedBy: 24,
  outcome: 14, declineReason: 22, contractNumber: 18, approvedAmount: 15, rate: 10, approvedTermMonths: 10, disbursementDate: 16,
};

const MONEY_FORMAT = "#,##0.00";

/** The batch as an .xlsx: one row per application, the bank's columns left empty for it to fill in. */
export async function writeBatchWorkbook(o: {
  batchNumber: string;
  bankName: string;
  sentOn: string;
  deadline: string;
  rows: readonly BatchWorkbookRow[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "扶贫小额信贷管理平台";
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: "frozen", ySplit: 1, xSplit: 2 }] });
  const keys = [...APPLICATION_KEYS, ...BANK_KEYS];
  sheet.columns = keys.map((key) => ({ header: C[key], key, width: WIDTHS[key] }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  BANK_KEYS.forEach((key) => {
    header.getCell(key).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
  });

  for (const r of o.rows) {
    const row = sheet.addRow({
      batch: o.batchNumber,
      number: r.number,
      name: r.name,
      idNumber: r.idNumber,
      township: r.township,
      village: r.village,
      // A numeric cell, so the bank can sum it; the value comes from the Decimal string.
      amount: Number(new D(r.amount).toFixed(2)),
      termMonths: r.termMonths,
      purpose: r.purpose,
      recommendedBy: r.recommendedBy,
      ...(r.decision ? decisionCells(r.decision) : {}),
    });
    row.getCell("idNumber").numFmt = "@";
    row.getCell("number").numFmt = "@";
    row.getCell("amount").numFmt = MONEY_FORMAT;
    row.getCell("outcome").dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [`"${OUTCOME_APPROVED},${OUTCOME_DECLINED}"`],
      showErrorMessage: true,
      errorTitle: "审批结果",
      error: `请填写“${OUTCOME_APPROVED}”或“${OUTCOME_DECLINED}”`,
    };
    row.getCell("contractNumber").numFmt = "@";
    row.getCell("approvedAmount").numFmt = MONEY_FORMAT;
    row.getCell("rate").numFmt = "0.0000##";
    row.getCell("disbursementDate").numFmt = "@";
  }

  const notes = workbook.addWorksheet("填写说明");
  notes.getColumn(1).width = 100;
  for (const line of [
    `批次号：${o.batchNumber}　合作银行：${o.bankName}　批转日期：${o.sentOn}　办结时限：${o.deadline}`,
    "",
    "请在“申请清单”表中黄色表头的各列填写审批结果，然后在平台的批次页面上传本文件：",
    `审批结果：填写“${OUTCOME_APPROVED}”或“${OUTCOME_DECLINED}”；暂未审批的申请留空，上传时跳过。`,
    `${C.declineReason}：审批结果为“${OUTCOME_DECLINED}”时必填。`,
    `${C.contractNumber}、${C.approvedAmount}、${C.rate}、${C.approvedTermMonths}：审批结果为“${OUTCOME_APPROVED}”时必填。`,
    `${C.approvedAmount}不能超过申请金额；${C.rate}填小数，例如 0.0435（即 4.35%）；期限填整月数。`,
    `${C.disbursementDate}：已放款的填写放款日期（YYYY-MM-DD），平台随即生成贷款和还款计划；尚未放款的留空。`,
    "请勿修改“申请编号”和表头名称；列的顺序可以调整。任何一行有错误时，整份文件都不会写入，请按提示改正后重新上传。",
    "本表含完整身份证号，请妥善保管，用后及时删除。",
  ]) {
    notes.addRow([line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function decisionCells(d: RecordedDecision) {
  if (d.outcome === "declined") return { outcome: OUTCOME_DECLINED, declineReason: d.declineReason ?? "" };
  return {
    outcome: OUTCOME_APPROVED,
    contractNumber: d.contractNumber ?? "",
    approvedAmount: d.approvedAmount === null ? null : Number(new D(d.approvedAmount).toFixed(2)),
    rate: d.rate === null ? null : Number(new D(d.rate).toFixed()),
    approvedTermMonths: d.termMonths,
    disbursementDate: d.disbursementDate ?? "",
  };
}

// ——— Reading the bank's response ———

/** The bank's columns of one row, as text; `row` is the Excel row number. */
export type ResponseRow = {
  row: number;
  batch: string;
  number: string;
  outcome: string;
  declineReason: string;
  contractNumber: string;
  approvedAmount: string;
  rate: string;
  approvedTermMonths: string;
  disbursementDate: string;
};

const READ_KEYS = ["batch", "number", ...BANK_KEYS] as const;
const REQUIRED_HEADERS = [C.number, C.outcome] as const;

/** Header text compared loosely: spaces ignored, ASCII brackets and slashes as their full-width forms. */
function normaliseHeader(text: string): string {
  return text.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）").replace(/／/g, "/").toUpperCase();
}

/** A number as the text a person typed: no exponent, no binary-fraction noise (0.043500000000000004 → 0.0435). */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return "";
  const text = String(Number(n.toPrecision(15)));
  return /e/i.test(text) ? new D(n).toFixed() : text;
}

/** A cell as text: numbers without exponent, dates as YYYY-MM-DD, formulas by their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("").trim();
    if ("result" in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ("text" in value) return String(value.text).trim();
    if ("error" in value) return "";
  }
  return String(value).trim();
}

/**
 * The response rows of the first sheet whose first row names the 申请编号 column. Problems with
 * the file as a whole are reported at the `file` field; rows that are entirely empty are left out.
 */
export async function readBankResponse(bytes: Uint8Array): Promise<ResponseRow[]> {
  if (bytes.byteLength === 0) throw AppError.field("file", "请选择银行返回的审批结果文件");
  if (bytes.byteLength > MAX_RESPONSE_BYTES) throw AppError.field("file", "文件过大（不能超过 5 MB）");
  // An .xlsx is a zip file: "PK".
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw AppError.field("file", "请上传 .xlsx 格式的 Excel 工作簿（可先下载本批次的模板）");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw AppError.field("file", "无法读取该文件，请确认是 .xlsx 格式的 Excel 工作簿");
  }
  const wanted = new Map(READ_KEYS.map((key) => [normaliseHeader(C[key]), key]));
  let sheet: ExcelJS.Worksheet | undefined;
  let columnOf = new Map<(typeof READ_KEYS)[number], number>();
  for (const candidate of workbook.worksheets) {
    const found = new Map<(typeof READ_KEYS)[number], number>();
    candidate.getRow(1).eachCell((cell, col) => {
      const key = wanted.get(normaliseHeader(cellText(cell.value)));
      if (key && !found.has(key)) found.set(key, col);
    });
    if (found.has("number")) {
      sheet = candidate;
      columnOf = found;
      break;
    }
  }
  if (!sheet) throw AppError.field("file", `未找到“${C.number}”列：第 1 行须为表头（请使用本批次下载的模板）`);
  const missing = REQUIRED_HEADERS.filter((h) => !columnOf.has(wanted.get(normaliseHeader(h))!));
  if (missing.length > 0) throw AppError.field("file", `缺少列：${missing.join("、")}（请使用本批次下载的模板）`);

  const rows: ResponseRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const excelRow = sheet.getRow(r);
    const text = (key: (typeof READ_KEYS)[number]) => {
      const col = columnOf.get(key);
      return col ? cellText(excelRow.getCell(col).value) : "";
    };
    const row: ResponseRow = {
      row: r,
      batch: text("batch"),
      number: text("number"),
      outcome: text("outcome"),
      declineReason: text("declineReason"),
      contractNumber: text("contractNumber"),
      approvedAmount: text("approvedAmount"),
      rate: text("rate"),
      approvedTermMonths: text("approvedTermMonths"),
      disbursementDate: text("disbursementDate"),
    };
    if (READ_KEYS.every((key) => row[key] === "")) continue;
    rows.push(row);
    if (rows.length > MAX_RESPONSE_ROWS) throw AppError.field("file", `数据行过多（不能超过 ${MAX_RESPONSE_ROWS} 行）`);
  }
  return rows;
}
