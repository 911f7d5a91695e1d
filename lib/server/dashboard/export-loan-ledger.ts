import "server-only";
import ExcelJS from "exceljs";
import { defineMutation } from "../use-case";
import { LEDGER_ROLES, LedgerFilters, loadLedger } from "./ledger-rows";

const HEADERS = ["序号", "合同编号", "借款人", "身份证号/统一社会信用代码", "类型", "乡镇", "村", "贷款银行", "放款日期", "到期日期", "期限（月）", "年利率（%）", "贷款金额（元）", "贷款余额（元）", "状态"] as const;
const WIDTHS = [6, 18, 14, 22, 8, 14, 14, 20, 12, 12, 10, 10, 16, 16, 14];

/**
 * The loan ledger as an Excel workbook: the same rows as on screen and a 合计 row whose amounts
 * are the Decimal sums of those rows (written as numbers with two decimals). ID numbers are
 * masked unless the actor is a county officer. Personal data leaves the system, so every export
 * is audited: that is why this read is a mutation.
 */
export const exportLoanLedger = defineMutation({
  name: "report.ledger.export",
  roles: LEDGER_ROLES,
  input: LedgerFilters,
  timeoutMs: 30_000,
  async run({ actor, input, tx, audit, now }) {
    const ledger = await loadLedger(tx, actor, input);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("贷款台账");
    sheet.columns = HEADERS.map((h, i) => ({ header: h, key: h, width: WIDTHS[i] }));
    sheet.getRow(1).font = { bold: true };
    ledger.rows.forEach((r, i) => {
      const row = sheet.addRow([
        i + 1, r.contractNumber, r.borrower, r.idNumber, r.kind === "household" ? "户贷" : "带贫主体", r.township, r.village, r.bank,
        r.disbursedOn, r.maturityDate, r.termMonths, Number(r.rate), Number(r.principal), Number(r.outstanding), r.statusLabel,
      ]);
      row.getCell(13).numFmt = "#,##0.00";
      row.getCell(14).numFmt = "#,##0.00";
    });
    const total = sheet.addRow(["合计", `${ledger.total.count} 笔`, "", "", "", "", "", "", "", "", "", "", Number(ledger.total.principal), Number(ledger.total.outstanding), ""]);
    total.font = { bold: true };
    total.getCell(13).numFmt = "#,##0.00";
    total.getCell(14).numFmt = "#,##0.00";
    const notes = workbook.addWorksheet("说明");
    notes.getColumn(1).width = 90;
    notes.addRow([`导出时间：${now.toISOString()}；导出人：${actor.displayName}`]);
    notes.addRow([`筛选条件：放款日期 ${input.from || "不限"} 至 ${input.to || "不限"}；状态 ${input.status}`]);
    notes.addRow([ledger.fullIdNumbers ? "身份证号为完整号码，请妥善保管。" : "身份证号已脱敏（仅显示前 6 位和后 4 位）。"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    await audit({
      action: "report.ledger.export",
      entity: "Report",
      entityId: "loan-ledger",
      countyId: actor.countyId,
      after: { filters: input, rows: ledger.total.count, principal: ledger.total.principal, outstanding: ledger.total.outstanding, fullIdNumbers: ledger.fullIdNumbers },
    });
    const stamp = now.toISOString().slice(0, 10);
    return { ...ledger.total, bytes, fileName: `贷款台账-${stamp}.xlsx`, asciiFileName: `loan-ledger-${stamp}.xlsx` };
  },
});
