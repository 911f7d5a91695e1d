import "server-only";
import type pg from "pg";
import type { HouseholdStatus } from "@/lib/domain/eligibility";
import type { Period } from "@/lib/domain/subsidy";
import type { ApprovedChange, QuarterLoan } from "./compute-quarter";

/**
 * A bank's loans with everything their subsidy is computed from, read in chunks in contract
 * order on the run's own connection: one query for the chunk's loans, one for their schedules
 * and one for their repayments, each row as PostgreSQL prints it. Building text or JSON per loan
 * in SQL cost the database twice as much as the reading itself.
 *
 * Dates are read as text (YYYY-MM-DD, the server's ISO DateStyle; the domain refuses anything
 * else) and amounts as the database prints them; the loan's rate without trailing zeros, as
 * Prisma returns it, because the stored detail shows it ("0.05", not "0.050000").
 */
const LOANS = `
  SELECT l.id, l.kind::text, l."householdId", l."enterpriseId", l.principal::text, trim_scale(l.rate)::text, l."termMonths",
    l."disbursedOn"::text, l."maturityDate"::text, l."contractNumber",
    (SELECT h.status::text FROM "Household" h WHERE h.id = l."householdId"),
    CASE WHEN l.kind = 'enterprise' THEN (SELECT count(*)::int FROM "ApplicationHousehold" a WHERE a."applicationId" = l."applicationId") ELSE 0 END
  FROM "Loan" l
  WHERE l."bankId" = $1 AND l."countyId" = $2 AND l."disbursedOn" < $3::date AND l."contractNumber" > $4
    AND (l."maturityDate" > $6::date OR l.id = ANY($7::text[]))
  ORDER BY l."contractNumber"
  LIMIT $5`;

// In no particular order: sorting by the text loan id cost more than the query (and spilled to
// disk); each loan's instalments are put in order here.
const SCHEDULES = `
  SELECT s."loanId", s."dueDate"::text, s."principalDue"::text, s."interestDue"::text, s.seq
  FROM "ScheduleItem" s WHERE s."loanId" = ANY($1::text[])`;

// In the order they were recorded; the domain orders a loan's repayments by day, keeping that order within a day.
const REPAYMENTS = `
  SELECT r."loanId", r."paidOn"::text, r.principal::text, r.interest::text
  FROM "Repayment" r WHERE r."loanId" = ANY($1::text[])
  ORDER BY r."createdAt"`;

/** Approved changes are few: the bank's are read once. */
const CHANGES = `
  SELECT c."loanId", c.kind::text, c."createdAt"::date::text, to_char(c."decidedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), c."newMaturity"::text
  FROM "LoanChange" c JOIN "Loan" l ON l.id = c."loanId"
  WHERE l."bankId" = $1 AND l."countyId" = $2 AND c.status = 'approved' AND c.kind IN ('extension', 'renewal', 'instalmentPlan')
  ORDER BY c."decidedAt"`;

type LoanRow = [
  id: string, kind: string, householdId: string | null, enterpriseId: string | null, principal: string, rate: string, termMonths: number,
  disbursedOn: string, maturityDate: string, contractNumber: string, householdStatus: string | null, householdsDriven: number,
];
type ItemRow = [loanId: string, day: string, principal: string, interest: string];
type InstalmentRow = [loanId: string, dueDate: string, principalDue: string, interestDue: string, seq: number];
type ChangeRow = [loanId: string, kind: string, requestedOn: string, decidedAt: string | null, newMaturity: string | null];

async function rows<R>(client: pg.ClientBase, text: string, values: unknown[]): Promise<R[]> {
  return (await client.query<R extends unknown[] ? R : never>({ text, values, rowMode: "array" })).rows as R[];
}

/**
 * Reads the loans of `bankId` in `countyId` disbursed before the quarter ends and not ended before
 * it began, `size` at a time, on `client` (the run's own transaction connection). Each call reads
 * the next chunk ([] when done); the caller must not send anything else on `client` until it
 * resolves.
 */
export function quarterLoanReader(client: pg.ClientBase, o: { countyId: string; bankId: string; period: Period; size: number }) {
  let after = "";
  let done = false;
  let changes: Map<string, ApprovedChange[]> | undefined;
  // A loan's subsidy ends at its maturity, or at the latest new maturity of an approved change
  // (subsidyEnd): a loan that ended by the quarter's first day has nothing to compute.
  const extendedIntoQuarter: string[] = [];

  return async function next(): Promise<QuarterLoan[]> {
    if (done) return [];
    if (!changes) {
      changes = new Map();
      for (const [loanId, kind, requestedOn, decidedAt, newMaturity] of await rows<ChangeRow>(client, CHANGES, [o.bankId, o.countyId])) {
        const list = changes.get(loanId) ?? [];
        list.push({ kind, requestedOn, decidedAt, newMaturity });
        changes.set(loanId, list);
        if (newMaturity !== null && newMaturity > o.period.from) extendedIntoQuarter.push(loanId);
      }
    }
    const loanRows = await rows<LoanRow>(client, LOANS, [o.bankId, o.countyId, o.period.to, after, o.size, o.period.from, extendedIntoQuarter]);
    if (loanRows.length < o.size) done = true;
    if (loanRows.length === 0) return [];
    after = loanRows[loanRows.length - 1][9];
    const ids = loanRows.map((r) => r[0]);
    const loans = loanRows.map(
      (r): QuarterLoan => ({
        id: r[0], kind: r[1] as QuarterLoan["kind"], householdId: r[2], enterpriseId: r[3], principal: r[4], rate: r[5], termMonths: r[6],
        disbursedOn: r[7], maturityDate: r[8], householdStatus: r[10] as HouseholdStatus | null, householdsDriven: r[11],
        schedule: [], repayments: [], changes: changes!.get(r[0]) ?? [],
      }),
    );
    const byId = new Map(loans.map((l) => [l.id, l]));
    const seqs = new Map<string, number[]>();
    for (const [loanId, dueDate, principalDue, interestDue, seq] of await rows<InstalmentRow>(client, SCHEDULES, [ids])) {
      byId.get(loanId)!.schedule.push({ dueDate, principalDue, interestDue });
      const list = seqs.get(loanId);
      if (list) list.push(seq);
      else seqs.set(loanId, [seq]);
    }
    for (const [loanId, list] of seqs) {
      if (list.every((seq, i) => i === 0 || list[i - 1] < seq)) continue;
      const loan = byId.get(loanId)!;
      const order = list.map((seq, i) => ({ seq, item: loan.schedule[i] })).sort((a, b) => a.seq - b.seq);
      loan.schedule = order.map((x) => x.item);
    }
    for (const [loanId, paidOn, principal, interest] of await rows<ItemRow>(client, REPAYMENTS, [ids])) {
      byId.get(loanId)!.repayments.push({ paidOn, principal, interest });
    }
    return loans;
  };
}
