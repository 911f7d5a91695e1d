import "server-only";
import { z } from "zod";
import ExcelJS from "exceljs";
import { AppError } from "../errors";
import { cellText, writeSheet } from "../xlsx";
import { defineQuery } from "../use-case";
import { BANK_KINDS, loadRunInScope, quarterLabel, runNumber } from "./subsidy-records";

/** The columns of the bank's interest statement (银行贴息对账单); found by header name. */
export const STATEMENT_COLUMNS = { contractNumber: "合同编号", amount: "贴息金额（元）", borrower: "借款人" } as const;
export const STATEMENT_HEADERS = [STATEMENT_COLUMNS.contractNumber, STATEMENT_COLUMNS.amount] as const;

export type StatementRow = { row: number; contractNumber: string; amount: string };

/**
 * A bank's statement lists its whole book in the county, which may be tens of thousands of loans:
 * larger than the general workbook limits of lib/server/xlsx.ts (2 MB, 5,000 rows), within the
 * server actions' 12 MB request limit.
 */
const MAX_STATEMENT_BYTES = 12 * 1024 * 1024;
const MAX_STATEMENT_ROWS = 200_000;

/** The statement's rows (first sheet, header row 1); file-level problems at the `file` field. */
export async function readStatement(bytes: Uint8Array): Promise<StatementRow[]> {
  if (bytes.byteLength === 0) throw AppError.field("file", "请选择银行贴息对账单文件");
  if (bytes.byteLength > MAX_STATEMENT_BYTES) throw AppError.field("file", "文件过大（不能超过 12 MB）");
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw AppError.field("file", "请上传 .xlsx 格式的 Excel 工作簿（可先下载对账单模板）");
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
    const name = cellText(cell.value).replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");
    if (name && !columnOf.has(name)) columnOf.set(name, col);
  });
  const missing = STATEMENT_HEADERS.filter((h) => !columnOf.has(h));
  if (missing.length > 0) throw AppError.field("file", `第 1 行须为表头，缺少列：${missing.join("、")}（请使用下载的模板）`);
  const contractCol = columnOf.get(STATEMENT_COLUMNS.contractNumber)!;
  const amountCol = columnOf.get(STATEMENT_COLUMNS.amount)!;
  const rows: StatementRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const contractNumber = cellText(row.getCell(contractCol).value);
    const amount = cellText(row.getCell(amountCol).value);
    if (contractNumber === "" && amount === "") continue;
    rows.push({ row: r, contractNumber, amount });
    if (rows.length > MAX_STATEMENT_ROWS) throw AppError.field("file", `数据行过多（不能超过 ${MAX_STATEMENT_ROWS} 行）`);
  }
  if (rows.length === 0) throw AppError.field("file", "对账单中没有数据行");
  return rows;
}

/**
 * The template the bank fills in: the run's loans (contract number and borrower) with the
 * amount column empty. Borrower names are for the bank's reference; only 合同编号 and
 * 贴息金额（元） are read back.
 */
export const statementTemplate = defineQuery({
  name: "subsidy.statementTemplate",
  roles: ["county_officer", "bank_officer"],
  input: z.object({ id: z.string() }),
  async run({ actor, input, tx }) {
    const run = await loadRunInScope(tx, actor, input.id);
    const lines = await tx.subsidyLine.findMany({ where: { runId: run.id, kind: { in: [...BANK_KINDS] } }, select: { loanId: true } });
    const loans = await tx.loan.findMany({
      where: { id: { in: [...new Set(lines.map((l) => l.loanId))] } },
      select: { contractNumber: true, householdId: true, enterpriseId: true },
      orderBy: { contractNumber: "asc" },
    });
    const [households, enterprises] = await Promise.all([
      tx.household.findMany({ where: { id: { in: loans.flatMap((l) => (l.householdId ? [l.householdId] : [])) } }, select: { id: true, headName: true } }),
      tx.enterprise.findMany({ where: { id: { in: loans.flatMap((l) => (l.enterpriseId ? [l.enterpriseId] : [])) } }, select: { id: true, name: true } }),
    ]);
    const name = new Map([...households.map((h) => [h.id, h.headName] as const), ...enterprises.map((e) => [e.id, e.name] as const)]);
    const bytes = await writeSheet({
      sheetName: "贴息对账单",
      headers: [STATEMENT_COLUMNS.contractNumber, STATEMENT_COLUMNS.borrower, STATEMENT_COLUMNS.amount],
      widths: [22, 16, 16],
      rows: loans.map((l) => [l.contractNumber, name.get(l.householdId ?? l.enterpriseId ?? "") ?? "", ""]),
      notes: [
        `贴息申报 ${runNumber(run)}：${quarterLabel(run.year, run.quarter)}（${run.periodFrom.toISOString().slice(0, 10)} 至 ${run.periodTo.toISOString().slice(0, 10)}，算头不算尾）`,
        "请在“贴息金额（元）”列填写银行计算的本季度应贴息金额（保留两位小数），然后在平台的贴息申报页面上传本文件。",
        "“合同编号”须与放款时登记的合同编号一致；平台没有的贷款可以加行填写，平台将列为差异。",
        "任何一行有错误时，整份文件都不会写入，请按提示改正后重新上传。",
      ],
    });
    return { bytes, fileName: `贴息对账单模板-${runNumber(run)}.xlsx`, number: runNumber(run) };
  },
});
