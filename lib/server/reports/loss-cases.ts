import "server-only";
import { D } from "@/lib/domain/decimal";
import { SHARING_PARTY_LABELS, type SharingParty } from "@/lib/domain/reference/sharing-schemes";
import { AppError } from "../errors";
import { checkPeriod, defineReport, fen, iso, LoanReportFilters, loanNames, loanWhere, table, tooMany } from "./report-table";

const STATUS_LABELS = { open: "分担中", settled: "已结案" } as const;

/** 风险补偿案件: loss-sharing cases opened in the period, each party's share and the recoveries. */
export const lossCasesReport = defineReport({
  key: "loss-cases",
  title: "风险补偿案件",
  roles: ["county_officer", "bank_officer", "finance_officer", "township_officer", "auditor"],
  input: LoanReportFilters,
  describe: (f) => `立案日期 ${f.from || "不限"} 至 ${f.to || "不限"}；状态 ${STATUS_LABELS[f.status as keyof typeof STATUS_LABELS] ?? "全部"}`,
  async load(tx, actor, f) {
    checkPeriod(f);
    if (f.status && f.status !== "open" && f.status !== "settled") throw AppError.field("status", "案件状态无效");
    const loans = await tx.loan.findMany({ where: loanWhere(actor, f) });
    const byId = new Map(loans.map((l) => [l.id, l]));
    const where = {
      loanId: { in: [...byId.keys()] },
      ...(f.status ? { status: f.status as "open" | "settled" } : {}),
      ...(f.from || f.to
        ? { openedAt: { ...(f.from ? { gte: new Date(`${f.from}T00:00:00+08:00`) } : {}), ...(f.to ? { lt: new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86_400_000) } : {}) } }
        : {}),
    };
    tooMany(await tx.lossCase.count({ where }));
    const cases = await tx.lossCase.findMany({ where, include: { shares: true, recoveries: true }, orderBy: { serial: "asc" } });
    const names = await loanNames(tx, actor, cases.map((c) => byId.get(c.loanId)!));
    const rows = cases.map((c) => {
      const l = byId.get(c.loanId)!;
      const n = names(l);
      const share = (p: (party: string) => boolean) => c.shares.filter((s) => p(s.party)).reduce((s, x) => s.plus(x.amount.toString()), new D(0)).toFixed(2);
      return {
        id: c.id,
        href: `/loans/loss-cases/${c.id}`,
        cells: {
          serial: String(c.serial), contractNumber: l.contractNumber, borrower: n.borrower, township: n.township, bank: n.bank,
          openedOn: iso(new Date(c.openedAt.getTime() + 8 * 3600_000)), status: STATUS_LABELS[c.status],
          parties: c.shares.map((s) => `${SHARING_PARTY_LABELS[s.party as SharingParty] ?? s.party} ${new D(s.ratio.toString()).times(100).toFixed(2)}%`).join("、"),
          unpaidPrincipal: fen(c.unpaidPrincipal), unpaidInterest: fen(c.unpaidInterest), loss: fen(c.loss),
          fundShare: share((p) => p === "county_fund"), bankShare: share((p) => p === "bank"), otherShare: share((p) => p !== "county_fund" && p !== "bank"),
          recovered: c.recoveries.reduce((s, r) => s.plus(r.amount.toString()), new D(0)).toFixed(2),
          recoveryCosts: c.recoveries.reduce((s, r) => s.plus(r.costs.toString()), new D(0)).toFixed(2),
        },
      };
    });
    return table(
      [
        { key: "serial", label: "案件编号", width: 10 }, { key: "contractNumber", label: "合同编号", width: 18 }, { key: "borrower", label: "借款人" },
        { key: "township", label: "乡镇" }, { key: "bank", label: "贷款银行", width: 20 }, { key: "openedOn", label: "立案日期", width: 12 },
        { key: "status", label: "状态", width: 10 }, { key: "parties", label: "分担方与比例", width: 40 },
        { key: "unpaidPrincipal", label: "未还本金（元）", money: true }, { key: "unpaidInterest", label: "未还利息（元）", money: true },
        { key: "loss", label: "损失金额（元）", money: true }, { key: "fundShare", label: "风险补偿金分担（元）", money: true },
        { key: "bankShare", label: "银行分担（元）", money: true }, { key: "otherShare", label: "其他方分担（元）", money: true },
        { key: "recovered", label: "追偿收回（元）", money: true }, { key: "recoveryCosts", label: "追偿费用（元）", money: true },
      ],
      rows,
    );
  },
});

// The use cases themselves, for route handlers and the access checks that find use cases by export.
export const viewLossCases = lossCasesReport.view;
export const exportLossCases = lossCasesReport.exportFile;
