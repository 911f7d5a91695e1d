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
 * everything), grouped by `group` (its children), together with the area's total under the key
 * "" (with group null, only the total). Every sum is taken in PostgreSQL's numeric and handed on
 * as a string. `countyId`, when the area lies in one county, lets the subsidy sums start from
 * that county's runs.
 *
 * - registered: households of an eligible status; borrowers: those of them with any household loan
 *   ever (累计获贷户数), so uptake = borrowers ÷ registered.
 * - loans / outstanding: live loans (not repaid, not written off), every kind.
 * - npl: the circuit breaker's definition (POLICY §15.1, area-breaker.ts) on household loans —
 *   an instalment unpaid more than `nplDays` days after its due date, or in buffer, claim or split.
 * - buckets: live loans by the days since their oldest unpaid instalment fell due (1–30, 31–70,
 *   over 70 not yet in buffer), and those in buffer and in claim/split.
 * - subsidies: eligible lines of runs paid (paidOn) since `quarterStart` / `yearStart`.
 *
 * Each figure is one pass: the child rows and the total come from the same scan (GROUPING SETS),
 * and loans are joined to their unpaid instalments and households to their loans, so that the
 * planner looks each one up by index inside a county and hashes the whole set across counties.
 */
export async function areaFigures(
  tx: Tx,
  o: {
    filter: { column: AreaColumn; id: string } | null;
    group: AreaColumn | null;
    countyId?: string | null;
    today: string;
    nplDays: number;
    quarterStart: string;
    yearStart: string;
  },
): Promise<Map<string, AreaFigures>> {
  const where = (alias: string) => (o.filter ? Prisma.sql`${col(alias, o.filter.column)} = ${o.filter.id}` : Prisma.sql`TRUE`);
  // The grouping column, and the key of a row: "" for the total, "-" for loans without that area.
  const key = (alias: string) => (o.group ? col(alias, o.group) : Prisma.sql`NULL::text`);
  const groupBy = (k: Prisma.Sql) => (o.group ? Prisma.sql`GROUP BY GROUPING SETS ((${k}), ())` : Prisma.empty);
  const rowKey = (k: Prisma.Sql) => (o.group ? Prisma.sql`CASE WHEN GROUPING(${k}) = 1 THEN '' ELSE COALESCE(${k}, '-') END` : Prisma.sql`''`);
  const today = o.today;

  const [households, loans, subsidies] = await Promise.all([
    // Only household loans carry a householdId, and they are in the household's county: inside a
    // county, its loans' households come from Loan(countyId, householdId, …) alone.
    tx.$queryRaw<{ k: string; registered: bigint; borrowers: bigint }[]>`
      WITH h AS (
        SELECT ${key("h")} AS k, COUNT(l."householdId") > 0 AS borrower
        FROM "Household" h
        LEFT JOIN "Loan" l ON l."householdId" = h.id AND l."countyId" = h."countyId"
        WHERE ${where("h")} AND h.status::text IN (${Prisma.join([...REGISTERED_STATUSES])})
        GROUP BY h.id
      )
      SELECT ${rowKey(Prisma.sql`k`)} AS k, COUNT(*) AS registered, COUNT(*) FILTER (WHERE borrower) AS borrowers
      FROM h ${groupBy(Prisma.sql`k`)}`,
    tx.$queryRaw<{
      k: string; loans: bigint; outstanding: Prisma.Decimal | null; household_outstanding: Prisma.Decimal | null; npl: Prisma.Decimal | null;
      c1: bigint; a1: Prisma.Decimal | null; c2: bigint; a2: Prisma.Decimal | null; c3: bigint; a3: Prisma.Decimal | null;
      cb: bigint; ab: Prisma.Decimal | null; cc: bigint; ac: Prisma.Decimal | null;
    }[]>`
      WITH live AS (
        SELECT ${key("l")} AS k, l.kind, l.status, l."outstandingPrincipal",
          ${today}::date - MIN(s."dueDate") AS days
        FROM "Loan" l
        LEFT JOIN "ScheduleItem" s ON s."loanId" = l.id AND s.status IN ('overdue', 'partial', 'due') AND s."dueDate" < ${today}::date
          AND (s."principalPaid" < s."principalDue" OR s."interestPaid" < s."interestDue")
        WHERE ${where("l")} AND l.status NOT IN ('repaid', 'writtenOffCaseKept')
        GROUP BY l.id
      ),
      marked AS (
        SELECT *, status IN ('inBuffer', 'claim', 'split') AS closed_out,
          (kind = 'household' AND (status IN ('inBuffer', 'claim', 'split') OR days > ${o.nplDays})) AS is_npl
        FROM live
      )
      SELECT ${rowKey(Prisma.sql`k`)} AS k, COUNT(*) AS loans, SUM("outstandingPrincipal") AS outstanding,
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
      FROM marked ${groupBy(Prisma.sql`k`)}`,
    tx.$queryRaw<{ k: string; quarter: Prisma.Decimal | null; year: Prisma.Decimal | null }[]>`
      WITH lines AS (
        SELECT ${key("l")} AS k, sl.amount, r."paidOn"
        FROM "SubsidyRun" r
        JOIN "SubsidyLine" sl ON sl."runId" = r.id
        JOIN "Loan" l ON l.id = sl."loanId"
        WHERE ${where("l")} AND ${o.countyId ? Prisma.sql`r."countyId" = ${o.countyId}` : Prisma.sql`TRUE`}
          AND r.status = 'paid' AND sl.eligible AND r."paidOn" >= ${o.yearStart}::date AND r."paidOn" <= ${today}::date
      )
      SELECT ${rowKey(Prisma.sql`k`)} AS k, SUM(amount) FILTER (WHERE "paidOn" >= ${o.quarterStart}::date) AS quarter, SUM(amount) AS year
      FROM lines ${groupBy(Prisma.sql`k`)}`,
  ]);

  const out = new Map<string, AreaFigures>();
  const get = (k: string) => {
    let f = out.get(k);
    if (!f) out.set(k, (f = zero()));
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

/**
 * Disbursements per month and outstanding principal at each month's end, for `months` (YYYY-MM,
 * ascending, ending with today's): every disbursement and principal repayment up to today summed
 * per month in one pass (Repayment(loanId, paidOn, principal) answers a loan's repayments from the
 * index alone), those before the first month as the opening balance, then added up month by month.
 */
export async function monthlyTrend(
  tx: Tx,
  o: { filter: { column: AreaColumn; id: string } | null; months: string[]; today: string },
): Promise<{ month: string; disbursed: string; outstanding: string }[]> {
  const where = o.filter ? Prisma.sql`${col("l", o.filter.column)} = ${o.filter.id}` : Prisma.sql`TRUE`;
  const first = `${o.months[0]}-01`;
  const rows = await tx.$queryRaw<{ month: string; disbursed: Prisma.Decimal | null; repaid: Prisma.Decimal | null }[]>`
    WITH loans AS (SELECT l.id, l.principal, l."disbursedOn" FROM "Loan" l WHERE ${where}),
    flows AS (
      SELECT "disbursedOn" AS day, principal AS disbursed, 0 AS repaid FROM loans WHERE "disbursedOn" <= ${o.today}::date
      UNION ALL
      SELECT r."paidOn", 0, r.principal FROM loans JOIN "Repayment" r ON r."loanId" = loans.id WHERE r."paidOn" <= ${o.today}::date
    )
    SELECT CASE WHEN day < ${first}::date THEN '' ELSE to_char(day, 'YYYY-MM') END AS month, SUM(disbursed) AS disbursed, SUM(repaid) AS repaid
    FROM flows GROUP BY 1`;
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const amount = (v: Prisma.Decimal | null | undefined) => new D(v?.toString() ?? "0");
  const opening = byMonth.get("");
  let balance = amount(opening?.disbursed).minus(amount(opening?.repaid));
  return o.months.map((month) => {
    const r = byMonth.get(month);
    balance = balance.plus(amount(r?.disbursed)).minus(amount(r?.repaid));
    return { month, disbursed: money(r?.disbursed), outstanding: balance.toFixed(2) };
  });
}
