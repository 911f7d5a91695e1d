import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { evaluateBreakerBulk, type BreakerResult } from "@/lib/domain/circuit-breaker";
import { addDays } from "@/lib/domain/calendar";
import type { Tx } from "../db";
import type { ActiveProfile } from "../policy/active-profile";

type Row = { id: string; level: "township" | "village"; parentId: string | null; outstanding_fen: bigint; npl_fen: bigint };

/**
 * NPL ratio and halt status of every township and village of a county, from live loan data
 * (POLICY §15.1): household microcredit outstanding across all banks; non-performing while an
 * instalment is overdue more than N days, or the loan is in buffer, claim or split.
 */
export async function countyBreaker(tx: Tx, countyId: string, today: string, profile: ActiveProfile): Promise<BreakerResult[]> {
  return areasBreaker(tx, countyId, today, profile);
}

/**
 * The same for a county, or — countyId null — every area of every county in one pass (the
 * province-wide figure of the benchmark), all under one profile's rule.
 */
export async function areasBreaker(tx: Tx, countyId: string | null, today: string, profile: ActiveProfile): Promise<BreakerResult[]> {
  const { breaker } = profile.settings;
  const overdueBefore = addDays(today, -breaker.nonPerformingOverdueDays);
  const rows = await tx.$queryRaw<Row[]>`
    WITH loan_npl AS (
      SELECT l."villageId", l."townshipId", l."outstandingPrincipal" AS outstanding,
        (l.status IN ('inBuffer', 'claim', 'split') OR EXISTS (
          SELECT 1 FROM "ScheduleItem" s
          WHERE s."loanId" = l.id AND s.status IN ('overdue', 'partial', 'due') AND s."dueDate" < ${overdueBefore}::date
            AND (s."principalPaid" < s."principalDue" OR s."interestPaid" < s."interestDue")
        )) AS npl
      FROM "Loan" l
      WHERE ${countyId ? Prisma.sql`l."countyId" = ${countyId}` : Prisma.sql`TRUE`} AND l.kind = 'household'
        AND l.status NOT IN ('repaid', 'writtenOffCaseKept')
    ),
    -- Summed per village and per township first, then joined to the units: one pass over the
    -- loans instead of a join of every unit with every loan.
    by_area AS (
      SELECT "villageId" AS id, SUM(outstanding) AS outstanding, SUM(outstanding) FILTER (WHERE npl) AS npl
      FROM loan_npl WHERE "villageId" IS NOT NULL GROUP BY "villageId"
      UNION ALL
      SELECT "townshipId" AS id, SUM(outstanding), SUM(outstanding) FILTER (WHERE npl)
      FROM loan_npl GROUP BY "townshipId"
    )
    SELECT u.id, u.level::text AS level, u."parentId",
      COALESCE(a.outstanding * 100, 0)::bigint AS outstanding_fen,
      COALESCE(a.npl * 100, 0)::bigint AS npl_fen
    FROM "OrgUnit" u
    LEFT JOIN by_area a ON a.id = u.id
    WHERE ${countyId ? Prisma.sql`u."countyId" = ${countyId}` : Prisma.sql`TRUE`} AND u.level IN ('township', 'village')`;
  // A level without a threshold (e.g. Guizhou, which has only the lender rule) never trips:
  // no NPL ratio can exceed 2.
  const rule = {
    township: breaker.township ?? "2",
    village: breaker.village ?? "2",
    comparison: breaker.comparison,
  };
  return evaluateBreakerBulk(
    rule,
    rows.map((r) => ({
      id: r.id,
      level: r.level,
      parentId: r.level === "village" ? (r.parentId ?? undefined) : undefined,
      outstandingFen: BigInt(r.outstanding_fen),
      nonPerformingFen: BigInt(r.npl_fen),
    })),
  );
}

/** Whether new lending is halted in a village (itself or its township tripped), with the ratio. */
export async function villageHalt(tx: Tx, countyId: string, villageId: string, today: string, profile: ActiveProfile) {
  const results = await countyBreaker(tx, countyId, today, profile);
  const village = results.find((r) => r.id === villageId);
  return { halted: village?.lendingHalted ?? false, results };
}

/**
 * Whether new lending is halted where an application's borrower is: its village (itself or its
 * township tripped) or, for an enterprise without a village, its township.
 */
export async function applicationHalt(
  tx: Tx,
  app: { countyId: string; townshipId: string; villageId: string | null },
  today: string,
  profile: ActiveProfile,
) {
  const results = await countyBreaker(tx, app.countyId, today, profile);
  const area = results.find((r) => r.id === (app.villageId ?? app.townshipId));
  return { halted: area?.lendingHalted ?? false, results };
}
