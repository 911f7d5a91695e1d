import "server-only";
import type pg from "pg";
import type { HouseholdStatus } from "@/lib/domain/eligibility";
import type { Period } from "@/lib/domain/subsidy";
import type { TimelineInstalment, TimelineRepayment } from "@/lib/domain/subsidy-timeline";
import type { ApprovedChange, QuarterLoan } from "./compute-quarter";

/**
 * A bank's loans with everything their subsidy is computed from, a chunk at a time in contract
 * order: one query per chunk, the schedule, repayments and approved changes of each loan folded
 * into one text column each. Those texts hold only dates, numbers and enum values, so spaces,
 * semicolons and bars are safe separators. Numbers come without trailing zeros, as Prisma
 * returns them (the stored detail shows "0.05", not "0.050000").
 */
const CHUNK_SQL = `
  SELECT l.id, l.kind::text, l."contractNumber", l."householdId", l."enterpriseId", trim_scale(l.principal)::text, trim_scale(l.rate)::text,
    l."termMonths", to_char(l."disbursedOn", 'YYYY-MM-DD'), to_char(l."maturityDate", 'YYYY-MM-DD'),
    (SELECT h.status::text FROM "Household" h WHERE h.id = l."householdId"),
    CASE WHEN l.kind = 'enterprise' THEN (SELECT count(*)::int FROM "ApplicationHousehold" a WHERE a."applicationId" = l."applicationId") ELSE 0 END,
    (SELECT string_agg(to_char(s."dueDate", 'YYYY-MM-DD') || ' ' || trim_scale(s."principalDue")::text || ' ' || trim_scale(s."interestDue")::text, ';' ORDER BY s.seq)
       FROM "ScheduleItem" s WHERE s."loanId" = l.id),
    (SELECT string_agg(to_char(r."paidOn", 'YYYY-MM-DD') || ' ' || r.principal::text || ' ' || r.interest::text, ';' ORDER BY r."paidOn", r."createdAt")
       FROM "Repayment" r WHERE r."loanId" = l.id),
    (SELECT string_agg(c.kind::text || ' ' || to_char(c."createdAt", 'YYYY-MM-DD') || ' ' || coalesce(to_char(c."decidedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '-')
         || ' ' || coalesce(to_char(c."newMaturity", 'YYYY-MM-DD'), '-'), ';' ORDER BY c."decidedAt")
       FROM "LoanChange" c WHERE c."loanId" = l.id AND c.status = 'approved' AND c.kind IN ('extension', 'renewal', 'instalmentPlan'))
  FROM "Loan" l
  WHERE l."bankId" = $1 AND l."countyId" = $2 AND l."disbursedOn" < $3::date AND l."contractNumber" > $4
  ORDER BY l."contractNumber"
  LIMIT $5`;

type Row = [
  id: string, kind: string, contractNumber: string, householdId: string | null, enterpriseId: string | null, principal: string, rate: string,
  termMonths: number, disbursedOn: string, maturityDate: string, householdStatus: string | null, householdsDriven: number,
  schedule: string | null, repayments: string | null, changes: string | null,
];

function schedule(text: string | null): TimelineInstalment[] {
  if (!text) return [];
  return text.split(";").map((item) => {
    const [dueDate, principalDue, interestDue] = item.split(" ");
    return { dueDate, principalDue, interestDue };
  });
}

function repayments(text: string | null): TimelineRepayment[] {
  if (!text) return [];
  return text.split(";").map((item) => {
    const [paidOn, principal, interest] = item.split(" ");
    return { paidOn, principal, interest };
  });
}

function changes(text: string | null): ApprovedChange[] {
  if (!text) return [];
  return text.split(";").map((item) => {
    const [kind, requestedOn, decidedAt, newMaturity] = item.split(" ");
    return { kind, requestedOn, decidedAt: decidedAt === "-" ? null : decidedAt, newMaturity: newMaturity === "-" ? null : newMaturity };
  });
}

function loanOf(r: Row): QuarterLoan {
  return {
    id: r[0], kind: r[1] as QuarterLoan["kind"], contractNumber: r[2], householdId: r[3], enterpriseId: r[4], principal: r[5], rate: r[6],
    termMonths: r[7], disbursedOn: r[8], maturityDate: r[9], householdStatus: r[10] as HouseholdStatus | null, householdsDriven: r[11],
    schedule: schedule(r[12]), repayments: repayments(r[13]), changes: changes(r[14]),
  };
}

/**
 * Reads the loans of `bankId` in `countyId` disbursed before the quarter ends, `size` at a time,
 * on `client` (the run's own transaction connection). Each call of the returned function sends
 * the query for the next chunk at once and resolves to it ([] when done), so the database reads
 * while the caller computes the chunk before.
 */
export function quarterLoanReader(client: pg.ClientBase, o: { countyId: string; bankId: string; period: Period; size: number }) {
  let after = "";
  let done = false;
  return async function next(): Promise<QuarterLoan[]> {
    if (done) return [];
    const result = await client.query<Row>({ text: CHUNK_SQL, values: [o.bankId, o.countyId, o.period.to, after, o.size], rowMode: "array" });
    const rows = result.rows;
    if (rows.length < o.size) done = true;
    if (rows.length > 0) after = rows[rows.length - 1][2];
    return rows.map(loanOf);
  };
}
