import "server-only";
import { AppError } from "../errors";
import { readSheet, type SheetRow, writeSheet } from "../xlsx";

/** The columns of the repayment file the portal offers (CSV or .xlsx); found by header name. */
export const REPAYMENT_COLUMNS = {
  contractNumber: "合同编号",
  borrower: "借款人",
  reference: "银行流水号",
  paidOn: "还款日期（YYYY-MM-DD）",
  principal: "本金（元）",
  interest: "利息（元）",
  penalty: "罚息（元）",
} as const;

const C = REPAYMENT_COLUMNS;
const REQUIRED = [C.contractNumber, C.reference, C.paidOn, C.principal, C.interest, C.penalty] as const;
const MAX_CSV_BYTES = 2 * 1024 * 1024;
const MAX_ROWS = 5000;

/** RFC 4180 fields: quotes, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Excel in China saves CSV as GB18030 (GBK); others as UTF-8 with or without a BOM. A NUL
 * character means the file is not text (and PostgreSQL could not store it): refused at the file.
 */
function decode(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    text = new TextDecoder("gb18030").decode(bytes);
  }
  if (text.includes("\u0000")) throw AppError.field("file", "文件含有无法识别的字符（空字符），请上传模板格式的 .xlsx 或 CSV 文本文件");
  return text;
}

function readCsv(bytes: Uint8Array): SheetRow[] {
  if (bytes.byteLength > MAX_CSV_BYTES) throw AppError.field("file", "文件过大（不能超过 2 MB）");
  const [header, ...body] = parseCsv(decode(bytes));
  const names = (header ?? []).map((h) => h.trim());
  const missing = REQUIRED.filter((h) => !names.includes(h));
  if (missing.length > 0) throw AppError.field("file", `第 1 行须为表头，缺少列：${missing.join("、")}（请使用下载的模板）`);
  const rows: SheetRow[] = [];
  body.forEach((cells, i) => {
    const row = Object.fromEntries(Object.values(C).map((h) => [h, (cells[names.indexOf(h)] ?? "").trim()]));
    if (Object.values(row).every((v) => v === "")) return;
    rows.push({ row: i + 2, cells: row });
  });
  if (rows.length > MAX_ROWS) throw AppError.field("file", `数据行过多（不能超过 ${MAX_ROWS} 行）`);
  if (rows.length === 0) throw AppError.field("file", "文件中没有数据行");
  return rows;
}

/** The rows of an uploaded repayment file: .xlsx (a zip, "PK") or CSV. */
export async function readRepaymentFile(bytes: Uint8Array): Promise<SheetRow[]> {
  if (bytes.byteLength === 0) throw AppError.field("file", "请选择还款数据文件（.xlsx 或 .csv）");
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const rows = await readSheet(bytes, [...REQUIRED]);
    // 借款人 is optional in a workbook; read only for the bank's own reference.
    return rows.map((r) => ({ row: r.row, cells: { [C.borrower]: "", ...r.cells } }));
  }
  return readCsv(bytes);
}

/** The template: one row per loan still being repaid (amounts left for the bank to fill in). */
export async function writeRepaymentTemplate(loans: readonly { contractNumber: string; borrower: string }[]): Promise<Buffer> {
  return writeSheet({
    sheetName: "还款明细",
    headers: Object.values(C),
    widths: [20, 12, 24, 18, 14, 14, 12],
    rows: loans.map((l) => [l.contractNumber, l.borrower, "", "", "", "", ""]),
    notes: [
      "每行一笔还款：填写银行流水号、还款日期（YYYY-MM-DD）、本金、利息和罚息（没有填 0），金额以元为单位，最多两位小数。",
      "只有合同编号和借款人、其余各列为空的行会被跳过；同一笔贷款有多笔还款时，每笔一行。",
      "银行流水号在本行内唯一：重复上传同一文件不会重复入账；已登记的流水号若金额或日期不同，会被报错。",
      "任何一行有错误时整份文件都不会写入，请按提示改正后重新上传。也可另存为 CSV（UTF-8 或 GBK 编码）上传。",
    ],
  });
}
