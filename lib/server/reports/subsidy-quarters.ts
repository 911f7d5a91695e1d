import "server-only";
import { D } from "@/lib/domain/decimal";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "../errors";
import { areaScope } from "../scope";
import { checkPeriod, defineReport, fen, iso, LoanReportFilters, table, tooMany } from "./report-table";

const RUN_STATUS = { computed: "已计算", reconciled: "已对账", certified: "已审核", approved: "已批准", paid: "已拨付" } as const;
type RunStatus = keyof typeof RUN_STATUS;

/**
 * 贴息按季度: per quarter run (county × bank × quarter) and township, the eligible subsidy lines
 * by kind, the clawbacks deducted in that run, and the net. Summed in the database; scoped by the
 * loans' area (a bank officer: its own bank's runs).
 */
export const subsidyQuartersReport = defineReport({
  key: "subsidy",
  title: "贴息按季度",
  roles: ["county_officer", "finance_officer", "bank_officer", "auditor"],
  input: LoanReportFilters,
  describe: (f) => `季度起始日 ${f.from || "不限"} 至 ${f.to || "不限"}；状态 ${RUN_STATUS[f.status as RunStatus] ?? "全部"}`,
  async load(tx, actor, f) {
    checkPeriod(f);
    if (f.status && !Object.hasOwn(RUN_STATUS, f.status)) throw AppError.field("status", "贴息申报状态无效");
    const scope = areaScope(actor);
    const conds: Prisma.Sql[] = [Prisma.sql`TRUE`];
    if (scope.countyId) conds.push(Prisma.sql`l."countyId" = ${scope.countyId}`);
    if (scope.townshipId) conds.push(Prisma.sql`l."townshipId" = ${scope.townshipId}`);
    if (scope.villageId) conds.push(Prisma.sql`l."villageId" = ${scope.villageId}`);
    if (actor.role === "bank_officer") {
      if (!actor.bankId) throw new AppError("FORBIDDEN", "账户未关联合作银行，请联系系统管理员。");
      conds.push(Prisma.sql`r."bankId" = ${actor.bankId}`);
    }
    if (f.townshipId) conds.push(Prisma.sql`l."townshipId" = ${f.townshipId}`);
    if (f.bankId) conds.push(Prisma.sql`r."bankId" = ${f.bankId}`);
    if (f.status) conds.push(Prisma.sql`r.status::text = ${f.status}`);
    if (f.from) conds.push(Prisma.sql`r."periodFrom" >= ${f.from}::date`);
    if (f.to) conds.push(Prisma.sql`r."periodFrom" <= ${f.to}::date`);
    const where = Prisma.join(conds, " AND ");
    const groups = await tx.$queryRaw<{
      run_id: string; year: number; quarter: number; status: RunStatus; period_from: Date; period_to: Date; bank: string; township: string;
      loans: bigint; interest: Prisma.Decimal | null; enterprise: Prisma.Decimal | null; guarantee: Prisma.Decimal | null; clawback: Prisma.Decimal | null;
    }[]>`
      WITH lines AS (
        SELECT r.id AS run_id, l."townshipId" AS township_id, sl."loanId", sl.kind, sl.amount
        FROM "SubsidyRun" r JOIN "SubsidyLine" sl ON sl."runId" = r.id JOIN "Loan" l ON l.id = sl."loanId"
        WHERE ${where} AND sl.eligible
      ), claws AS (
        SELECT r.id AS run_id, l."townshipId" AS township_id, SUM(cb.amount) AS amount
        FROM "SubsidyRun" r JOIN "Clawback" cb ON cb."appliedInRunId" = r.id JOIN "Loan" l ON l.id = cb."loanId"
        WHERE ${where}
        GROUP BY 1, 2
      ), keys AS (SELECT run_id, township_id FROM lines UNION SELECT run_id, township_id FROM claws)
      SELECT k.run_id, r.year, r.quarter, r.status, r."periodFrom" AS period_from, r."periodTo" AS period_to, b.name AS bank, t.name AS township,
        (SELECT COUNT(DISTINCT x."loanId") FROM lines x WHERE x.run_id = k.run_id AND x.township_id = k.township_id) AS loans,
        (SELECT SUM(x.amount) FROM lines x WHERE x.run_id = k.run_id AND x.township_id = k.township_id AND x.kind = 'interest') AS interest,
        (SELECT SUM(x.amount) FROM lines x WHERE x.run_id = k.run_id AND x.township_id = k.township_id AND x.kind = 'enterprise') AS enterprise,
        (SELECT SUM(x.amount) FROM lines x WHERE x.run_id = k.run_id AND x.township_id = k.township_id AND x.kind = 'guaranteeFee') AS guarantee,
        c.amount AS clawback
      FROM keys k JOIN "SubsidyRun" r ON r.id = k.run_id JOIN "Bank" b ON b.id = r."bankId" JOIN "OrgUnit" t ON t.id = k.township_id
      LEFT JOIN claws c ON c.run_id = k.run_id AND c.township_id = k.township_id
      ORDER BY r.year, r.quarter, b.name, t.code`;
    tooMany(groups.length);
    const m = (v: Prisma.Decimal | null) => fen(v ?? "0");
    const rows = groups.map((g) => {
      const gross = new D(m(g.interest)).plus(m(g.enterprise)).plus(m(g.guarantee));
      return {
        id: `${g.run_id}:${g.township}`,
        href: `/subsidy/${g.run_id}`,
        cells: {
          quarter: `${g.year} 年第 ${g.quarter} 季度`, period: `${iso(g.period_from)} 至 ${iso(g.period_to)}`, bank: g.bank, township: g.township,
          status: RUN_STATUS[g.status], loans: String(g.loans), interest: m(g.interest), enterprise: m(g.enterprise), guarantee: m(g.guarantee),
          gross: gross.toFixed(2), clawback: m(g.clawback), net: gross.minus(m(g.clawback)).toFixed(2),
        },
      };
    });
    return table(
      [
        { key: "quarter", label: "季度", width: 16 }, { key: "period", label: "计息期间", width: 26 }, { key: "bank", label: "贷款银行", width: 20 },
        { key: "township", label: "乡镇" }, { key: "status", label: "申报状态", width: 10 }, { key: "loans", label: "贷款笔数", width: 10 },
        { key: "interest", label: "农户贴息（元）", money: true }, { key: "enterprise", label: "带贫主体贴息（元）", money: true },
        { key: "guarantee", label: "担保费补贴（元）", money: true }, { key: "gross", label: "应贴合计（元）", money: true },
        { key: "clawback", label: "追回扣减（元）", money: true }, { key: "net", label: "净额（元）", money: true },
      ],
      rows,
      ["只计符合条件的贴息明细；追回扣减为在该季度申报中扣回的金额。"],
    );
  },
});

// The use cases themselves, for route handlers and the access checks that find use cases by export.
export const viewSubsidyQuarters = subsidyQuartersReport.view;
export const exportSubsidyQuarters = subsidyQuartersReport.exportFile;
