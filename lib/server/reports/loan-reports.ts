import "server-only";
import { D } from "@/lib/domain/decimal";
import { LOAN_STATE_LABELS, LOAN_STATES, type LoanState } from "@/lib/domain/loan-workflow";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { checkPeriod, dateRange, defineReport, fen, iso, LOAN_REPORT_ROLES, LoanReportFilters, loanNames, loanWhere, table, tooMany, type LoanReportFilters as F } from "./report-table";

const period = (f: F) => `${f.from || "不限"} 至 ${f.to || "不限"}`;
function loanStatus(f: F): LoanState | undefined {
  if (!f.status || f.status === "all") return undefined;
  if (!(LOAN_STATES as readonly string[]).includes(f.status)) throw AppError.field("status", "贷款状态无效");
  return f.status as LoanState;
}

/** The status filter as the export's description shows it. */
const statusLabel = (f: { status?: string }, none: string) => (f.status ? (LOAN_STATE_LABELS[f.status as LoanState] ?? f.status) : none);

/** 还款明细: every repayment recorded in the period on a loan the actor may see. */
export const repaymentsReport = defineReport({
  key: "repayments",
  title: "还款明细",
  roles: LOAN_REPORT_ROLES,
  input: LoanReportFilters,
  describe: (f) => `还款日期 ${period(f)}；贷款状态 ${statusLabel(f, "全部")}`,
  async load(tx, actor, f) {
    checkPeriod(f);
    const status = loanStatus(f);
    const loans = await tx.loan.findMany({ where: loanWhere(actor, f, status ? { status } : {}) });
    const byId = new Map(loans.map((l) => [l.id, l]));
    const where = { loanId: { in: [...byId.keys()] }, ...(dateRange(f) ? { paidOn: dateRange(f) } : {}) };
    tooMany(await tx.repayment.count({ where }));
    const repayments = await tx.repayment.findMany({ where, orderBy: [{ paidOn: "asc" }, { reference: "asc" }] });
    const names = await loanNames(tx, actor, loans);
    const rows = repayments.map((r) => {
      const l = byId.get(r.loanId)!;
      const n = names(l);
      return {
        id: r.id,
        href: `/loans/${l.id}`,
        cells: {
          paidOn: iso(r.paidOn), contractNumber: l.contractNumber, borrower: n.borrower, township: n.township, village: n.village, bank: n.bank,
          reference: r.reference, principal: fen(r.principal), interest: fen(r.interest), penalty: fen(r.penalty),
          amount: new D(r.principal.toString()).plus(r.interest.toString()).plus(r.penalty.toString()).toFixed(2),
        },
      };
    });
    return table(
      [
        { key: "paidOn", label: "还款日期", width: 12 }, { key: "contractNumber", label: "合同编号", width: 18 }, { key: "borrower", label: "借款人" },
        { key: "township", label: "乡镇" }, { key: "village", label: "村" }, { key: "bank", label: "贷款银行", width: 20 }, { key: "reference", label: "银行流水号", width: 20 },
        { key: "principal", label: "本金（元）", money: true }, { key: "interest", label: "利息（元）", money: true },
        { key: "penalty", label: "罚息（元）", money: true }, { key: "amount", label: "合计（元）", money: true },
      ],
      rows,
    );
  },
});

/** 放款明细: loans disbursed in the period. */
export const disbursementsReport = defineReport({
  key: "disbursements",
  title: "放款明细",
  roles: LOAN_REPORT_ROLES,
  input: LoanReportFilters,
  describe: (f) => `放款日期 ${period(f)}；贷款状态 ${statusLabel(f, "全部")}`,
  async load(tx, actor, f) {
    checkPeriod(f);
    const status = loanStatus(f);
    const range = dateRange(f);
    const where = loanWhere(actor, f, { ...(status ? { status } : {}), ...(range ? { disbursedOn: range } : {}) });
    tooMany(await tx.loan.count({ where }));
    const loans = await tx.loan.findMany({ where, orderBy: [{ disbursedOn: "asc" }, { contractNumber: "asc" }] });
    const names = await loanNames(tx, actor, loans);
    const rows = loans.map((l) => {
      const n = names(l);
      return {
        id: l.id,
        href: `/loans/${l.id}`,
        cells: {
          disbursedOn: iso(l.disbursedOn), contractNumber: l.contractNumber, borrower: n.borrower, idNumber: n.idNumber, township: n.township,
          village: n.village, bank: n.bank, maturityDate: iso(l.maturityDate), termMonths: String(l.termMonths),
          rate: new D(l.rate.toString()).times(100).toFixed(2), principal: fen(l.principal), outstanding: fen(l.outstandingPrincipal),
          status: LOAN_STATE_LABELS[l.status],
        },
      };
    });
    return table(
      [
        { key: "disbursedOn", label: "放款日期", width: 12 }, { key: "contractNumber", label: "合同编号", width: 18 }, { key: "borrower", label: "借款人" },
        { key: "idNumber", label: "身份证号/信用代码", width: 22 }, { key: "township", label: "乡镇" }, { key: "village", label: "村" },
        { key: "bank", label: "贷款银行", width: 20 }, { key: "maturityDate", label: "到期日期", width: 12 }, { key: "termMonths", label: "期限（月）", width: 10 },
        { key: "rate", label: "年利率（%）", width: 10 }, { key: "principal", label: "放款金额（元）", money: true }, { key: "outstanding", label: "贷款余额（元）", money: true },
        { key: "status", label: "状态" },
      ],
      rows,
      ["身份证号按角色脱敏。"],
    );
  },
});

/** The dashboard's overdue buckets (area-figures.ts): days since the oldest unpaid instalment fell due. */
export function overdueBucket(status: LoanState, days: number): string {
  if (status === "inBuffer") return "缓冲期";
  if (status === "claim" || status === "split") return "代偿/分担";
  if (days > 70) return "70 天以上";
  if (days > 30) return "31–70 天";
  if (days >= 1) return "1–30 天";
  return "未逾期";
}
const OVERDUE_STATES = ["overdue", "inBuffer", "claim", "split"] as const satisfies readonly LoanState[];

/** 逾期与宽限期: live loans overdue, in buffer or in claim, with days overdue and bucket as of today. */
export const overdueReport = defineReport({
  key: "overdue",
  title: "逾期与缓冲期",
  roles: LOAN_REPORT_ROLES,
  input: LoanReportFilters,
  describe: (f) => `贷款状态 ${statusLabel(f, "逾期、缓冲期、代偿")}；放款日期 ${period(f)}`,
  async load(tx, actor, f) {
    checkPeriod(f);
    const status = loanStatus(f);
    if (status && !(OVERDUE_STATES as readonly string[]).includes(status)) throw AppError.field("status", "本报表只含逾期、缓冲期和代偿/分担中的贷款");
    const range = dateRange(f);
    const where = loanWhere(actor, f, { status: status ? status : { in: [...OVERDUE_STATES] }, ...(range ? { disbursedOn: range } : {}) });
    tooMany(await tx.loan.count({ where }));
    const loans = await tx.loan.findMany({ where, orderBy: [{ contractNumber: "asc" }] });
    const today = shanghaiToday();
    const items = await tx.scheduleItem.findMany({
      where: { loanId: { in: loans.map((l) => l.id) }, status: { in: ["overdue", "partial", "due"] }, dueDate: { lt: new Date(`${today}T00:00:00Z`) } },
      select: { loanId: true, dueDate: true, principalDue: true, principalPaid: true, interestDue: true, interestPaid: true },
    });
    const oldest = new Map<string, Date>();
    for (const s of items) {
      const unpaid = new D(s.principalPaid.toString()).lt(s.principalDue.toString()) || new D(s.interestPaid.toString()).lt(s.interestDue.toString());
      if (!unpaid) continue;
      const o = oldest.get(s.loanId);
      if (!o || s.dueDate < o) oldest.set(s.loanId, s.dueDate);
    }
    const names = await loanNames(tx, actor, loans);
    const rows = loans.map((l) => {
      const n = names(l);
      const due = oldest.get(l.id);
      const days = due ? Math.round((Date.parse(`${today}T00:00:00Z`) - due.getTime()) / 86_400_000) : 0;
      return {
        id: l.id,
        href: `/loans/${l.id}`,
        cells: {
          contractNumber: l.contractNumber, borrower: n.borrower, township: n.township, village: n.village, bank: n.bank,
          oldestDue: due ? iso(due) : "", days: String(days), bucket: overdueBucket(l.status, days), status: LOAN_STATE_LABELS[l.status],
          principal: fen(l.principal), outstanding: fen(l.outstandingPrincipal),
        },
      };
    });
    // Most days overdue first.
    rows.sort((a, b) => Number(b.cells.days) - Number(a.cells.days) || a.cells.contractNumber.localeCompare(b.cells.contractNumber));
    return table(
      [
        { key: "contractNumber", label: "合同编号", width: 18 }, { key: "borrower", label: "借款人" }, { key: "township", label: "乡镇" }, { key: "village", label: "村" },
        { key: "bank", label: "贷款银行", width: 20 }, { key: "oldestDue", label: "最早未还到期日", width: 14 }, { key: "days", label: "逾期天数", width: 10 },
        { key: "bucket", label: "逾期分段", width: 12 }, { key: "status", label: "状态" }, { key: "principal", label: "贷款金额（元）", money: true },
        { key: "outstanding", label: "贷款余额（元）", money: true },
      ],
      rows,
      [`逾期天数按 ${today} 计算，自最早一期未还清的应还日起。`],
    );
  },
});

// The use cases themselves, for route handlers and the access checks that find use cases by export.
export const viewRepayments = repaymentsReport.view;
export const exportRepayments = repaymentsReport.exportFile;
export const viewDisbursements = disbursementsReport.view;
export const exportDisbursements = disbursementsReport.exportFile;
export const viewOverdue = overdueReport.view;
export const exportOverdue = overdueReport.exportFile;
