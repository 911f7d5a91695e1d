import "server-only";
import type { SubsidyKind, SubsidyRun } from "@/generated/prisma/client";
import { D, type Dec } from "@/lib/domain/decimal";
import type { Tx } from "../db";
import { KIND_LABELS } from "./subsidy-records";

export type RunLineView = {
  id: string;
  loanId: string;
  contractNumber: string;
  borrower: string;
  township: string;
  kind: SubsidyKind;
  kindLabel: string;
  days: number;
  subsidisedDays: number;
  rate: string;
  amount: string;
  eligible: boolean;
  reason: string | null;
  clawedBack: boolean;
  /** How the amount was reached, from the line's stored detail (balances, overdue days, rates, 据实). */
  explanation: string;
};

export type ClawbackView = { id: string; contractNumber: string; borrower: string; amount: string; reason: string; status: string };

export type RunTotals = {
  lines: string;
  byKind: { kind: SubsidyKind; label: string; count: number; amount: string }[];
  byTownship: { township: string; count: number; amount: string }[];
  clawbacks: string;
  /** lines − clawbacks: what the finance bureau pays; equals the run's stored total. */
  net: string;
};

const KIND_ORDER = { interest: 0, enterprise: 1, guaranteeFee: 2 } as const satisfies Record<SubsidyKind, number>;

type Detail = {
  balanceSegments?: { from: string; to: string; balance: string }[];
  overduePeriods?: { from: string; to: string }[];
  contractRate?: string;
  capRate?: string;
  regime?: string;
  computed?: string;
  actualInterestPaid?: string | null;
  householdsDriven?: number;
  quotaPerHousehold?: string;
  subsidyEnd?: string;
};

/** "余额 04-01～06-10 20000.00；逾期 04-21～05-05；…" from a line's detail. */
function explain(raw: unknown): string {
  const d = (raw ?? {}) as Detail;
  const parts: string[] = [];
  if (d.balanceSegments?.length) parts.push(`余额 ${d.balanceSegments.map((s) => `${s.from}～${s.to} ${s.balance}`).join("，")}`);
  if (d.overduePeriods?.length) parts.push(`逾期 ${d.overduePeriods.map((p) => `${p.from}～${p.to}`).join("，")}`);
  if (d.contractRate && d.capRate) parts.push(`合同利率 ${d.contractRate}，贴息上限 ${d.capRate}（${d.regime === "lpr" ? "LPR" : "基准利率"}）`);
  if (d.householdsDriven !== undefined) parts.push(`带动 ${d.householdsDriven} 户 × ${d.quotaPerHousehold}`);
  if (d.subsidyEnd) parts.push(`贴息期限至 ${d.subsidyEnd}`);
  if (d.computed) parts.push(`计算额 ${d.computed}`);
  if (d.actualInterestPaid) parts.push(`本季实付利息 ${d.actualInterestPaid}`);
  return parts.join("；");
}

const sum = (values: readonly string[]): Dec => values.reduce((acc, v) => acc.plus(v), new D(0));

/** The lines of runs with borrower, township and contract, in contract order, and their totals. */
export async function runLines(tx: Tx, runs: readonly Pick<SubsidyRun, "id">[]) {
  const runIds = runs.map((r) => r.id);
  const lines = await tx.subsidyLine.findMany({ where: { runId: { in: runIds } }, orderBy: [{ kind: "asc" }] });
  const loans = await tx.loan.findMany({
    where: { id: { in: [...new Set(lines.map((l) => l.loanId))] } },
    select: { id: true, contractNumber: true, householdId: true, enterpriseId: true, townshipId: true, bankId: true },
  });
  const clawbacks = await tx.clawback.findMany({ where: { OR: [{ appliedInRunId: { in: runIds } }, { subsidyLineId: { in: lines.map((l) => l.id) } }] } });
  const clawbackLoans = await tx.loan.findMany({
    where: { id: { in: clawbacks.map((c) => c.loanId).filter((id) => !loans.some((l) => l.id === id)) } },
    select: { id: true, contractNumber: true, householdId: true, enterpriseId: true, townshipId: true, bankId: true },
  });
  const allLoans = [...loans, ...clawbackLoans];
  const [households, enterprises, townships] = await Promise.all([
    tx.household.findMany({ where: { id: { in: allLoans.flatMap((l) => (l.householdId ? [l.householdId] : [])) } }, select: { id: true, headName: true } }),
    tx.enterprise.findMany({ where: { id: { in: allLoans.flatMap((l) => (l.enterpriseId ? [l.enterpriseId] : [])) } }, select: { id: true, name: true } }),
    tx.orgUnit.findMany({ where: { id: { in: [...new Set(allLoans.map((l) => l.townshipId))] } }, select: { id: true, name: true } }),
  ]);
  const nameOf = new Map([...households.map((h) => [h.id, h.headName] as const), ...enterprises.map((e) => [e.id, e.name] as const)]);
  const townshipOf = new Map(townships.map((t) => [t.id, t.name]));
  const loanOf = new Map(allLoans.map((l) => [l.id, l]));
  const clawedLines = new Set(clawbacks.map((c) => c.subsidyLineId));

  const views = lines
    .map((l): RunLineView & { runId: string; bankId: string } => {
      const loan = loanOf.get(l.loanId)!;
      return {
        id: l.id, runId: l.runId, bankId: loan.bankId, loanId: l.loanId, contractNumber: loan.contractNumber,
        borrower: nameOf.get(loan.householdId ?? loan.enterpriseId ?? "") ?? "", township: townshipOf.get(loan.townshipId) ?? "",
        kind: l.kind, kindLabel: KIND_LABELS[l.kind], days: l.days, subsidisedDays: l.subsidisedDays, rate: l.rate.toString(),
        amount: l.amount.toFixed(2), eligible: l.eligible, reason: l.reason, clawedBack: clawedLines.has(l.id), explanation: explain(l.detail),
      };
    })
    .sort((a, b) => a.township.localeCompare(b.township, "zh") || a.contractNumber.localeCompare(b.contractNumber) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const applied = clawbacks.filter((c) => c.appliedInRunId && runIds.includes(c.appliedInRunId));
  const clawbackViews: (ClawbackView & { runId: string })[] = applied.map((c) => {
    const loan = loanOf.get(c.loanId);
    return {
      id: c.id, runId: c.appliedInRunId!, contractNumber: loan?.contractNumber ?? "", borrower: nameOf.get(loan?.householdId ?? loan?.enterpriseId ?? "") ?? "",
      amount: c.amount.toFixed(2), reason: c.reason, status: c.status,
    };
  });
  return { lines: views, clawbacks: clawbackViews };
}

export function totalsOf(lines: readonly RunLineView[], clawbacks: readonly ClawbackView[]): RunTotals {
  const lineTotal = sum(lines.map((l) => l.amount));
  const clawbackTotal = sum(clawbacks.map((c) => c.amount));
  const kinds: SubsidyKind[] = ["interest", "enterprise", "guaranteeFee"];
  const townships = [...new Set(lines.map((l) => l.township))];
  return {
    lines: lineTotal.toFixed(2),
    byKind: kinds
      .map((kind) => {
        const of = lines.filter((l) => l.kind === kind);
        return { kind, label: kind === "guaranteeFee" ? `${KIND_LABELS[kind]}（拨付担保机构）` : KIND_LABELS[kind], count: of.length, amount: sum(of.map((l) => l.amount)).toFixed(2) };
      })
      .filter((k) => k.count > 0),
    byTownship: townships.map((township) => {
      const of = lines.filter((l) => l.township === township);
      return { township, count: of.length, amount: sum(of.map((l) => l.amount)).toFixed(2) };
    }),
    clawbacks: clawbackTotal.toFixed(2),
    net: lineTotal.minus(clawbackTotal).toFixed(2),
  };
}
