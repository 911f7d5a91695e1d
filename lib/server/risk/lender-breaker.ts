import "server-only";
import { addDays } from "@/lib/domain/calendar";
import { lenderBreaker } from "@/lib/domain/circuit-breaker";
import type { Tx } from "../db";
import type { ActiveProfile } from "../policy/active-profile";

export type LenderBreakerResult = { id: string; name: string; nplRatio: string; tripped: boolean; outstanding: string; nonPerforming: string };

type Row = { id: string; name: string; outstanding: string; npl: string };

/**
 * Guizhou's per-lender rule (POLICY §9, G 二(二)): each partner bank's household microcredit NPL
 * ratio in the county, non-performing by the same test as the area breaker (§15.1). Empty when
 * the profile sets no lender threshold.
 */
export async function countyLenderBreaker(tx: Tx, countyId: string, today: string, profile: ActiveProfile): Promise<LenderBreakerResult[]> {
  const { breaker } = profile.settings;
  if (breaker.lender === null) return [];
  const overdueBefore = addDays(today, -breaker.nonPerformingOverdueDays);
  const rows = await tx.$queryRaw<Row[]>`
    WITH loan_npl AS (
      SELECT l."bankId", l."outstandingPrincipal" AS outstanding,
        (l.status IN ('inBuffer', 'claim', 'split') OR EXISTS (
          SELECT 1 FROM "ScheduleItem" s
          WHERE s."loanId" = l.id AND s.status IN ('overdue', 'partial', 'due') AND s."dueDate" < ${overdueBefore}::date
            AND (s."principalPaid" < s."principalDue" OR s."interestPaid" < s."interestDue")
        )) AS npl
      FROM "Loan" l
      WHERE l."countyId" = ${countyId} AND l.kind = 'household' AND l.status NOT IN ('repaid', 'writtenOffCaseKept')
    )
    SELECT b.id, b.name,
      COALESCE(SUM(n.outstanding), 0)::text AS outstanding,
      COALESCE(SUM(n.outstanding) FILTER (WHERE n.npl), 0)::text AS npl
    FROM "Bank" b LEFT JOIN loan_npl n ON n."bankId" = b.id
    WHERE b."countyId" = ${countyId}
    GROUP BY b.id, b.name
    ORDER BY b.name`;
  return rows.map((r) => {
    const result = lenderBreaker({ threshold: breaker.lender!, comparison: breaker.comparison, outstanding: r.outstanding, nonPerforming: r.npl });
    return { id: r.id, name: r.name, ...result, outstanding: r.outstanding, nonPerforming: r.npl };
  });
}

/**
 * Whether a partner bank's own new microcredit is halted by the lender rule (§15.1: "a tripped
 * lender halts its own new microcredit"), with its ratio. For the approval and disbursement
 * steps (AREA_HALTED) beside villageHalt; never halted where the profile sets no lender rule.
 */
export async function lenderHalt(tx: Tx, countyId: string, bankId: string, today: string, profile: ActiveProfile) {
  const lender = (await countyLenderBreaker(tx, countyId, today, profile)).find((l) => l.id === bankId);
  return { halted: lender?.tripped ?? false, nplRatio: lender?.nplRatio ?? "0.0000" };
}
