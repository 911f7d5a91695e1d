import "server-only";
import { z } from "zod";
import { toChineseCapitalAmount } from "@/lib/domain/chinese-amount";
import { defineQuery } from "../use-case";
import { runLines, totalsOf } from "./run-lines";
import { iso, loadRunInScope, quarterLabel, RUN_STATUS_LABELS, runNumber, STATEMENT_STATUS_LABELS } from "./subsidy-records";

/**
 * One claim with its lines, the bank statement's reconciliation and the totals, as the detail
 * page and the printable payment list (拨付清单) show them. The net total is checked against the
 * stored total: a printed list whose total is not the sum of its lines would be a bug.
 */
export const getSubsidyRun = defineQuery({
  name: "subsidy.get",
  roles: ["county_officer", "finance_officer", "bank_officer", "auditor"],
  input: z.object({ id: z.string() }),
  async run({ actor, input, tx }) {
    const run = await loadRunInScope(tx, actor, input.id);
    const [bank, county, statement, users, view] = await Promise.all([
      tx.bank.findUniqueOrThrow({ where: { id: run.bankId } }),
      tx.orgUnit.findUnique({ where: { id: run.countyId }, select: { name: true } }),
      tx.bankStatementLine.findMany({ where: { runId: run.id }, orderBy: [{ status: "asc" }, { contractNumber: "asc" }] }),
      tx.user.findMany({
        where: { id: { in: [run.computedById, run.certifiedById, run.approvedById].filter((x): x is string => !!x) } },
        select: { id: true, displayName: true },
      }),
      runLines(tx, [run]),
    ]);
    const userName = new Map(users.map((u) => [u.id, u.displayName]));
    const totals = totalsOf(view.lines, view.clawbacks);
    if (totals.net !== run.total.toFixed(2)) {
      throw new Error(`subsidy run ${run.id}: stored total ${run.total.toFixed(2)} is not the sum of its lines ${totals.net}`);
    }
    return {
      id: run.id,
      number: runNumber(run),
      county: county?.name ?? "",
      bank: bank.name,
      bankId: run.bankId,
      year: run.year,
      quarter: run.quarter,
      quarterLabel: quarterLabel(run.year, run.quarter),
      periodFrom: iso(run.periodFrom),
      periodTo: iso(run.periodTo),
      status: run.status,
      statusLabel: RUN_STATUS_LABELS[run.status],
      profileVersion: run.profileVersion,
      computedBy: run.computedById ? (userName.get(run.computedById) ?? "") : "",
      computedById: run.computedById,
      computedAt: run.computedAt.toISOString(),
      certifiedBy: run.certifiedById ? (userName.get(run.certifiedById) ?? "") : null,
      approvedBy: run.approvedById ? (userName.get(run.approvedById) ?? "") : null,
      paidOn: run.paidOn ? iso(run.paidOn) : null,
      voucherNumber: run.voucherNumber,
      total: run.total.toFixed(2),
      totalInWords: toChineseCapitalAmount(run.total.toFixed(2)),
      totals,
      lines: view.lines,
      clawbacks: view.clawbacks,
      statement: statement.map((s) => ({
        id: s.id,
        contractNumber: s.contractNumber,
        bankAmount: s.bankAmount?.toFixed(2) ?? null,
        portalAmount: s.portalAmount?.toFixed(2) ?? null,
        status: s.status,
        statusLabel: STATEMENT_STATUS_LABELS[s.status],
        resolution: s.resolution,
      })),
      openDifferences: statement.filter((s) => s.status === "differs" || s.status === "missingInPortal" || s.status === "missingInStatement").length,
    };
  },
});

export type SubsidyRunView = Awaited<ReturnType<typeof getSubsidyRun>>;
