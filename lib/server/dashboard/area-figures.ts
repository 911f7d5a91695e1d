import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { D } from "@/lib/domain/decimal";
import type { Tx } from "../db";

/** The columns an area is filtered or grouped by; whitelisted because they go into SQL as identifiers. */
export type AreaColumn = "countyId" | "townshipId" | "villageId";
const COLUMNS: readonly AreaColumn[] = ["countyId", "townshipId", "villageId"];

function col(alias: string, c: AreaColumn): Prisma.Sql {
  if (!COLUMNS.includes(c)) throw new Error(`bad area column ${c}`);
  return Prisma.raw(`${alias}."${c}"`);
}

/** Households whose status makes them eligible (POLICY §2): the uptake denominator. */
export const REGISTERED_STATUSES = ["registeredPoor", "exitedPoverty", "monitored"] as const;

export type AreaFigures = {
  registered: number;
  borrowers: number;
  loans: number;
  outstanding: string;
  householdOutstanding: string;
  npl: string;
  buckets: { d1to30: Bucket; d31to70: Bucket; over70: Bucket; inBuffer: Bucket; claim: Bucket };
  subsidyQuarter: string;
  subsidyYear: string;
};
export type Bucket = { count: number; amount: string };

const zero = (): AreaFigures => ({
  registered: 0, borrowers: 0, loans: 0, outstanding: "0.00", householdOutstanding: "0.00", npl: "0.00",
  buckets: { d1to30: b0(), d31to70: b0(), over70: b0(), inBuffer: b0(), claim: b0() },
  subsidyQuarter: "0.00", subsidyYear: "0.00",
});
const b0 = (): Bucket => ({ count: 0, amount: "0.00" });
const money = (v: Prisma.Decimal | string | null | undefined) => new D(v?.toString() ?? "0").toFixed(2);

/**
 * The dashboard's figures of an area (`filter` = one county, township or village, or null for
 * everything), grouped by `group` (its children) or, with group null, as one total under the key
 * "". Every sum is taken in PostgreSQL's numeric and handed on as a string.
 *
 * - registered: households of an eligible status; borrowers: those of them with any household loan
 *   ever (累计获贷户数), so uptake = borrowers ÷ registered.
 * - loans / outstanding: live loans (not repaid, not written off), every kind.
 * - npl: the circuit breaker's definition (POLICY §15.1, area-breaker.ts) on household loans —
 *   an instalment unpaid more than `nplDays` days after its due date, or in buffer, claim or split.
 * - buckets: live loans by the days since their oldest unpaid instalment fell due (1–30, 31–70,
 *   over 70 not yet in buffer), and those in buffer and in claim/split.
 * - subsidies: eligible lines of runs paid (paidOn) since `quarterStart` / `yearStart`.
 */
export async function areaFigures(
  tx: Tx,
  o: { filter: { column: AreaColumn; id: string } | null; group: AreaColumn | null; today: string; nplDays: number; quarterStart: string; yearStart: string },
): Promise<Map<string, AreaFigures>> {
  const where = (alias: string) => (o.filter ? Prisma.sql`${col(alias, o.filter.column)} = ${o.filter.id}` : Prisma.sql`TRUE`);
  const key = (alias: string) => (o.group ? Prisma.sql`${col(alias, o.group)}` : Prisma.sql`''`);
  const today = o.today;

  const [households, loans, subsidies] = await Promise.all([
    tx.$queryRaw<{ k: string | null; registered: bigint; borrowers: bigint }[]>`
      SELECT ${key("h")} AS k,
        COUNT(*) AS registered,
        COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Loan" l WHERE l."householdId" = h.id AND l.kind = 'household')) AS borrowers
      FROM "Household" h
      WHERE ${where("h")} AND h.status::text IN (${Prisma.join([...REGISTERED_STATUSES])})
      GROUP BY 1`,
    tx.$queryRaw<{
      k: string | null; loans: bigint; outstanding: Prisma.Decimal | null; household_outstanding: Prisma.Decimal | null; npl: Prisma.Decimal | null;
      c1: bigint; a1: Prisma.Decimal | null; c2: bigint; a2: Prisma.Decimal | null; c3: bigint; a3: Prisma.Decimal | null;
      cb: bigint; ab: Prisma.Decimal | null; cc: bigint; ac: Prisma.Decimal | null;
    }[]>`
      WITH live AS (
        SELECT l.*, ${key("l")} AS k,
          (${today}::date - (
            SELECT MIN(s."dueDate") FROM "ScheduleItem" s
            WHERE s."loanId" = l.id AND s.status IN ('overdue', 'partial', 'due') AND s."dueDate" < ${today}::date
              AND (s."principalPaid" < s."principalDue" OR s."interestPaid" < s."interestDue")
          )) AS days
        FROM "Loan" l
        WHERE ${where("l")} AND l.status NOT IN ('repaid', 'writtenOffCaseKept')
      ),
      marked AS (
        SELECT *, status IN ('inBuffer', 'claim', 'split') AS closed_out,
          (kind = 'household' AND (status IN ('inBuffer', 'claim', 'split') OR days > ${o.nplDays})) AS is_npl
        FROM live
      )
      SELECT k, COUNT(*) AS loans, SUM("outstandingPrincipal") AS outstanding,
        SUM("outstandingPrincipal") FILTER (WHERE kind = 'household') AS household_outstanding,
        SUM("outstandingPrincipal") FILTER (WHERE is_npl) AS npl,
        COUNT(*) FILTER (WHERE NOT closed_out AND days BETWEEN 1 AND 30) AS c1,
        SUM("outstandingPrincipal") FILTER (WHERE NOT closed_out AND days BETWEEN 1 AND 30) AS a1,
        COUNT(*) FILTER (WHERE NOT closed_out AND days BETWEEN 31 AND 70) AS c2,
        SUM("outstandingPrincipal") FILTER (WHERE NOT closed_out AND days BETWEEN 31 AND 70) AS a2,
        COUNT(*) FILTER (WHERE NOT closed_out AND days > 70) AS c3,
        SUM("outstandingPrincipal") FILTER (WHERE NOT closed_out AND days > 70) AS a3,
        COUNT(*) FILTER (WHERE status = 'inBuffer') AS cb,
        SUM("outstandingPrincipal") FILTER (WHERE status = 'inBuffer') AS ab,
        COUNT(*) FILTER (WHERE status IN ('claim', 'split')) AS cc,
        SUM("outstandingPrincipal") FILTER (WHERE status IN ('claim', 'split')) AS ac
      FROM marked GROUP BY k`,
    tx.$queryRaw<{ k: string | null; quarter: Prisma.Decimal | null; year: Prisma.Decimal | null }[]>`
      SELECT ${key("l")} AS k,
        SUM(sl.amount) FILTER (WHERE r."paidOn" >= ${o.quarterStart}::date) AS quarter,
        SUM(sl.amount) AS year
      FROM "SubsidyLine" sl
      JOIN "SubsidyRun" r ON r.id = sl."runId"
      JOIN "Loan" l ON l.id = sl."loanId"
      WHERE ${where("l")} AND r.status = 'paid' AND sl.eligible AND r."paidOn" >= ${o.yearStart}::date AND r."paidOn" <= ${today}::date
      GROUP BY 1`,
  ]);

  const out = new Map<string, AreaFigures>();
  const get = (k: string | null) => {
    const id = k ?? "";
    let f = out.get(id);
    if (!f) out.set(id, (f = zero()));
    return f;
  };
  for (const h of households) Object.assign(get(h.k), { registered: Number(h.registered), borrowers: Number(h.borrowers) });
  for (const l of loans) {
    Object.assign(get(l.k), {
      loans: Number(l.loans),
      outstanding: money(l.outstanding),
      householdOutstanding: money(l.household_outstanding),
      npl: money(l.npl),
      buckets: {
        d1to30: { count: Number(l.c1), amount: money(l.a1) },
        d31to70: { count: Number(l.c2), amount: money(l.a2) },
        over70: { count: Number(l.c3), amount: money(l.a3) },
        inBuffer: { count: Number(l.cb), amount: money(l.ab) },
        claim: { count: Number(l.cc), amount: money(l.ac) },
      },
    });
  }
  for (const s of subsidies) Object.assign(get(s.k), { subsidyQuarter: money(s.quarter), subsidyYear: money(s.year) });
  return out;
}

export function emptyFigures(): AreaFigures {
  return zero();
}

/** numerator ÷ denominator to 4 places (a ratio, not a percentage), or null when the denominator is 0. */
export function ratio(numerator: string | number, denominator: string | number): string | null {
  const d = new D(String(denominator));
  if (d.isZero()) return null;
  return new D(String(numerator)).dividedBy(d).toDecimalPlaces(4, D.ROUND_HALF_UP).toFixed(4);
}

/** Disbursements per month and outstanding principal at each month's end, for `months` (YYYY-MM, ascending). */
export async function monthlyTrend(
  tx: Tx,
  o: { filter: { column: AreaColumn; id: string } | null; months: string[]; today: string },
): Promise<{ month: string; disbursed: string; outstanding: string }[]> {
  const where = o.filter ? Prisma.sql`${col("l", o.filter.column)} = ${o.filter.id}` : Prisma.sql`TRUE`;
  const first = `${o.months[0]}-01`;
  const rows = await tx.$queryRaw<{ month: string; disbursed: Prisma.Decimal | null; outstanding: Prisma.Decimal | null }[]>`
    WITH m AS (
      SELECT to_char(d, 'YYYY-MM') AS month, d::date AS start,
        LEAST((d + interval '1 month' - interval '1 day')::date, ${o.today}::date) AS finish
      FROM generate_series(${first}::date, ${o.today}::date, interval '1 month') d
    ),
    loans AS (SELECT l.id, l.principal, l."disbursedOn" FROM "Loan" l WHERE ${where})
    SELECT m.month,
      (SELECT SUM(principal) FROM loans WHERE "disbursedOn" BETWEEN m.start AND m.finish) AS disbursed,
      (SELECT SUM(principal) FROM loans WHERE "disbursedOn" <= m.finish)
        - COALESCE((SELECT SUM(r.principal) FROM "Repayment" r JOIN loans ON loans.id = r."loanId" WHERE r."paidOn" <= m.finish), 0) AS outstanding
    FROM m ORDER BY m.month`;
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return o.months.map((month) => {
    const r = byMonth.get(month);
    return { month, disbursed: money(r?.disbursed), outstanding: money(r?.outstanding) };
  });
}
