import "server-only";
import { z } from "zod";
import { D } from "@/lib/domain/decimal";
import { defineQuery } from "../use-case";
import { quarterLabel, RUN_STATUS_LABELS, runScope } from "./subsidy-records";

/** The finance bureau's view (issue 7, step 6): paid per quarter, per bank, per township; claims pending; clawbacks. */
export const subsidyDashboard = defineQuery({
  name: "subsidy.dashboard",
  roles: ["county_officer", "finance_officer", "auditor"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx }) {
    const scope = runScope(actor);
    const runs = await tx.subsidyRun.findMany({ where: scope, select: { id: true, year: true, quarter: true, bankId: true, status: true, total: true } });
    const paid = runs.filter((r) => r.status === "paid");
    const banks = await tx.bank.findMany({ where: { id: { in: [...new Set(runs.map((r) => r.bankId))] } }, select: { id: true, name: true } });
    const bankName = new Map(banks.map((b) => [b.id, b.name]));

    const sumBy = <K extends string>(rows: typeof runs, key: (r: (typeof runs)[number]) => K) => {
      const out = new Map<K, { count: number; amount: InstanceType<typeof D> }>();
      for (const r of rows) {
        const k = key(r);
        const cur = out.get(k) ?? { count: 0, amount: new D(0) };
        out.set(k, { count: cur.count + 1, amount: cur.amount.plus(r.total.toString()) });
      }
      return out;
    };
    const perQuarter = [...sumBy(paid, (r) => `${r.year}-${r.quarter}`)]
      .sort(([a], [b]) => b.localeCompare(a))
      .map(([k, v]) => {
        const [y, q] = k.split("-");
        return { label: quarterLabel(Number(y), Number(q)), count: v.count, amount: v.amount.toFixed(2) };
      });
    const perBank = [...sumBy(paid, (r) => r.bankId)].map(([k, v]) => ({ bank: bankName.get(k) ?? "", count: v.count, amount: v.amount.toFixed(2) }));

    // Lines of paid claims by the loan's township (before clawbacks, which are per borrower).
    const paidIds = paid.map((r) => r.id);
    const townshipRows = paidIds.length === 0 ? [] : await tx.$queryRaw<{ township: string; count: bigint; amount: string }[]>`
      SELECT u.name AS township, COUNT(*)::bigint AS count, SUM(s.amount)::text AS amount
      FROM "SubsidyLine" s JOIN "Loan" l ON l.id = s."loanId" JOIN "OrgUnit" u ON u.id = l."townshipId"
      WHERE s."runId" = ANY(${paidIds}::text[])
      GROUP BY u.name ORDER BY u.name`;
    const perTownship = townshipRows.map((r) => ({ township: r.township, count: Number(r.count), amount: new D(r.amount).toFixed(2) }));

    const pending = (["computed", "reconciled", "certified", "approved"] as const).map((status) => {
      const of = runs.filter((r) => r.status === status);
      return { status, label: RUN_STATUS_LABELS[status], count: of.length, amount: of.reduce((s, r) => s.plus(r.total.toString()), new D(0)).toFixed(2) };
    });

    const clawbackRows = await tx.clawback.groupBy({
      by: ["status"],
      where: scope.countyId ? { countyId: scope.countyId as string } : {},
      _count: { id: true },
      _sum: { amount: true },
    });
    const CLAWBACK_LABELS = { pending: "待复核", active: "待扣减", applied: "已在申报中扣减" } as const;
    const clawbacks = (["pending", "active", "applied"] as const).map((status) => {
      const row = clawbackRows.find((r) => r.status === status);
      return { status, label: CLAWBACK_LABELS[status], count: row?._count.id ?? 0, amount: new D(row?._sum.amount?.toString() ?? "0").toFixed(2) };
    });
    const pendingClawbacks = await tx.clawback.findMany({
      where: { ...(scope.countyId ? { countyId: scope.countyId as string } : {}), status: "pending" },
      orderBy: { createdAt: "asc" },
      take: 50,
    });
    const loans = await tx.loan.findMany({ where: { id: { in: pendingClawbacks.map((c) => c.loanId) } }, select: { id: true, contractNumber: true } });
    const contract = new Map(loans.map((l) => [l.id, l.contractNumber]));

    return {
      paidTotal: paid.reduce((s, r) => s.plus(r.total.toString()), new D(0)).toFixed(2),
      perQuarter,
      perBank,
      perTownship,
      pending,
      clawbacks,
      pendingClawbacks: pendingClawbacks.map((c) => ({
        id: c.id, contractNumber: contract.get(c.loanId) ?? "", amount: c.amount.toFixed(2), reason: c.reason, createdById: c.createdById,
      })),
    };
  },
});
