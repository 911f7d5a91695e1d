import "server-only";
import os from "node:os";
import { Prisma } from "@/generated/prisma/client";
import { evaluateBreakerBulk, type BreakerResult } from "@/lib/domain/circuit-breaker";
import { addDays } from "@/lib/domain/calendar";
import type { Tx } from "../db";
import type { ActiveProfile } from "../policy/active-profile";

/** One area as the query returns it: id, level, parent, outstanding and non-performing in fen. */
type Row = [id: string, level: "township" | "village", parentId: string | null, outstandingFen: number, nonPerformingFen: number];

/**
 * NPL ratio and halt status of every township and village of a county, from live loan data
 * (POLICY §15.1): household microcredit outstanding across all banks; non-performing while an
 * instalment is overdue more than N days, or the loan is in buffer, claim or split.
 */
export async function countyBreaker(tx: Tx, countyId: string, today: string, profile: ActiveProfile): Promise<BreakerResult[]> {
  return areasBreaker(tx, countyId, today, profile);
}

/** A county's or a list of counties' areas, each with its sums (see areasBreaker). */
async function areaRows(tx: Tx, scope: (alias: string) => Prisma.Sql, overdueLoan: Prisma.Sql): Promise<Row[]> {
  const [{ areas }] = await tx.$queryRaw<{ areas: string | null }[]>`
    WITH vs AS MATERIALIZED (
      SELECT l."townshipId" AS t, l."villageId" AS v, SUM(l."outstandingPrincipal") AS outstanding,
        SUM(l."outstandingPrincipal") FILTER (WHERE l.status IN ('inBuffer', 'claim', 'split') OR ${overdueLoan}) AS npl
      FROM "Loan" l
      WHERE ${scope("l")} AND l.kind = 'household' AND l.status NOT IN ('repaid', 'writtenOffCaseKept')
      GROUP BY l."countyId", l."townshipId", l."villageId"
    ),
    -- A village's row and its township's: its villages' and the loans without a village.
    a AS (
      SELECT v AS id, outstanding, npl FROM vs WHERE v IS NOT NULL
      UNION ALL
      SELECT t, SUM(outstanding), SUM(npl) FROM vs GROUP BY t
    )
    SELECT '[' || string_agg('[' || to_json(u.id)::text || ',"' || u.level::text || '",' || COALESCE(to_json(u."parentId")::text, 'null')
      || ',' || COALESCE(a.outstanding * 100, 0)::bigint || ',' || COALESCE(a.npl * 100, 0)::bigint || ']', ',') || ']' AS areas
    FROM "OrgUnit" u
    LEFT JOIN a ON a.id = u.id
    WHERE ${scope("u")} AND u.level IN ('township', 'village')`;
  // Balances in fen are integers far below 2^53 (90 trillion yuan), so JSON numbers are exact.
  return areas ? (JSON.parse(areas) as Row[]) : [];
}

/**
 * The outstanding balance of the loans that are non-performing only because an instalment is
 * overdue too long (not in buffer, claim or split), per village (null: the township's own), as
 * [townshipId, villageId, fen]: the few such loans are found from ScheduleItem(dueDate, status)
 * and looked up by key, instead of testing every loan of the province.
 */
async function overdueSums(tx: Tx, overdueItem: Prisma.Sql): Promise<[string, string | null, number][]> {
  const [{ sums }] = await tx.$queryRaw<{ sums: string | null }[]>`
    SELECT '[' || string_agg('[' || to_json(t)::text || ',' || COALESCE(to_json(v)::text, 'null') || ',' || (npl * 100)::bigint || ']', ',') || ']' AS sums
    FROM (
      SELECT l."townshipId" AS t, l."villageId" AS v, SUM(l."outstandingPrincipal") AS npl
      FROM "Loan" l
      WHERE l.id = ANY(ARRAY(SELECT DISTINCT s."loanId" FROM "ScheduleItem" s WHERE ${overdueItem}))
        AND l.kind = 'household' AND l.status NOT IN ('repaid', 'writtenOffCaseKept', 'inBuffer', 'claim', 'split')
      GROUP BY l."townshipId", l."villageId"
    ) x`;
  return sums ? (JSON.parse(sums) as [string, string | null, number][]) : [];
}

/**
 * The same for a county, or — countyId null — every area of every county (the province-wide
 * figure of the benchmark), all under one profile's rule.
 *
 * How it stays fast (a province: 400,000 loans, 42,000 areas):
 * - one sorted pass over the covering index Loan(countyId, townshipId, villageId, kind, status,
 *   outstandingPrincipal, id), an index-only scan, sums each village; townships are summed from
 *   their villages' rows;
 * - in that pass a loan in buffer, claim or split is non-performing from the index alone; any
 *   other is non-performing when it has an instalment overdue too long: inside a county, a
 *   look-up per loan in ScheduleItem(loanId, status, dueDate), which finds nothing without reading
 *   a healthy loan's instalments; across the province, the few loans that have such an
 *   instalment are summed apart (overdueSums) and added to their village and township;
 * - across the province, the counties are split into as many parts as the machine has cores,
 *   summed side by side on separate connections, next to the overdue sums (inside a transaction
 *   they simply run in turn);
 * - the rows come back as one JSON document per part, written as text (cheaper than json_agg):
 *   decoding 42,000 rows one by one costs more than the query.
 */
export async function areasBreaker(tx: Tx, countyId: string | null, today: string, profile: ActiveProfile): Promise<BreakerResult[]> {
  const { breaker } = profile.settings;
  const overdueBefore = addDays(today, -breaker.nonPerformingOverdueDays);
  const overdueItem = Prisma.sql`s.status IN ('overdue', 'partial', 'due') AND s."dueDate" < ${overdueBefore}::date
    AND (s."principalPaid" < s."principalDue" OR s."interestPaid" < s."interestDue")`;
  let rows: Row[];
  if (countyId) {
    rows = await areaRows(
      tx,
      (alias) => Prisma.sql`${Prisma.raw(alias)}."countyId" = ${countyId}`,
      Prisma.sql`EXISTS (SELECT 1 FROM "ScheduleItem" s WHERE s."loanId" = l.id AND ${overdueItem})`,
    );
  } else {
    const counties = await tx.orgUnit.findMany({ where: { level: "county" }, select: { id: true }, orderBy: { id: "asc" } });
    const parts = Math.max(1, Math.min(4, os.availableParallelism(), counties.length));
    const size = Math.ceil(counties.length / parts);
    const [overdue, ...results] = await Promise.all([
      overdueSums(tx, overdueItem),
      ...Array.from({ length: parts }, (_, i) => {
        const part = counties.slice(i * size, (i + 1) * size).map((c) => c.id);
        return areaRows(tx, (alias) => Prisma.sql`${Prisma.raw(alias)}."countyId" = ANY(${part}::text[])`, Prisma.sql`FALSE`);
      }),
    ]);
    rows = results.flat();
    const byId = new Map(rows.map((r) => [r[0], r]));
    for (const [townshipId, villageId, fen] of overdue) {
      for (const id of villageId === null ? [townshipId] : [villageId, townshipId]) {
        const row = byId.get(id);
        if (row) row[4] += fen;
      }
    }
  }
  // A level without a threshold (e.g. Guizhou, which has only the lender rule) never trips.
  const rule = {
    township: breaker.township,
    village: breaker.village,
    comparison: breaker.comparison,
  };
  return evaluateBreakerBulk(
    rule,
    rows.map(([id, level, parentId, outstandingFen, nonPerformingFen]) => ({
      id,
      level,
      parentId: level === "village" ? (parentId ?? undefined) : undefined,
      outstandingFen: BigInt(outstandingFen),
      nonPerformingFen: BigInt(nonPerformingFen),
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
