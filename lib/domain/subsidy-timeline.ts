import { addDays, compareDates, parseDate } from "./calendar";
import { D, dec, formatMoney, type Dec } from "./decimal";
import { DomainError } from "./errors";
import type { BalanceSegment, Period } from "./subsidy";

/**
 * The facts a quarter's subsidy is computed from (POLICY §6, §15.6), drawn from what the bank
 * reports: the disbursement, the repayment schedule and the repayments. Pure: dates are
 * YYYY-MM-DD strings, money decimal strings.
 *
 * Readings taken here (the documents are silent on the mechanics):
 * - Balance: the principal accrues from the disbursement day; a principal repayment lowers the
 *   balance from its own day on (算头不算尾, like the interest the bank charges).
 * - Repayments are applied to the schedule the way the bank's ledger does (lib/server/loans):
 *   interest to the oldest unpaid interest, principal to the oldest unpaid principal.
 * - Overdue: an instalment's interest is overdue from the day after its due date until the day
 *   it is fully paid (that day no longer overdue); its principal likewise, except that an
 *   approved extension or renewal moves the principal's due date to the new maturity when the
 *   change was requested on or before the original due date (展期 is asked for before maturity).
 *   (The post-loan workflow moves the last instalment itself when it approves an extension; then
 *   this rule changes nothing.)
 * - Subsidy period: up to the loan's maturity, or the latest approved extension/renewal
 *   maturity when the profile says the period includes them (G 二(四)).
 * - 据实: the interest paid for a quarter is the interest allocated to the instalments settled in
 *   it (due in (from, to]) plus interest paid during the quarter ahead of a later instalment (an
 *   early payoff's accrued interest).
 */

export type TimelineRepayment = { paidOn: string; principal: string; interest: string };
export type TimelineInstalment = { dueDate: string; principalDue: string; interestDue: string };
export type TimelineChange = { requestedOn: string; newMaturity: string };

type Paid = { principalDone: string | null; interestDone: string | null; interestByDay: Map<string, Dec> };

function amount(value: string, field: string): Dec {
  const d = dec(value, field);
  if (d.isNegative()) throw new DomainError("INVALID_AMOUNT", `${field} 不能为负数：${value}`, field);
  return d;
}

function sortedRepayments(repayments: readonly TimelineRepayment[]): TimelineRepayment[] {
  return repayments
    .map((r, i) => ({ r: { ...r, paidOn: parseDate(r.paidOn, `repayments[${i}].paidOn`) }, i }))
    .sort((a, b) => compareDates(a.r.paidOn, b.r.paidOn) || a.i - b.i)
    .map((x) => x.r);
}

/**
 * Daily principal balance as segments [from, to): from the disbursement day, lowered by each
 * principal repayment on its day, up to `until` (exclusive) or until nothing is owed.
 */
export function balanceSegmentsOf(o: {
  principal: string;
  disbursedOn: string;
  repayments: readonly TimelineRepayment[];
  until: string;
}): BalanceSegment[] {
  let balance = amount(o.principal, "principal");
  const start = parseDate(o.disbursedOn, "disbursedOn");
  const until = parseDate(o.until, "until");
  const segments: BalanceSegment[] = [];
  let at = start;
  for (const r of sortedRepayments(o.repayments)) {
    const p = amount(r.principal, "repayments.principal");
    if (p.isZero()) continue;
    const on = compareDates(r.paidOn, at) < 0 ? at : r.paidOn;
    const end = compareDates(on, until) < 0 ? on : until;
    if (compareDates(end, at) > 0 && balance.gt(0)) segments.push({ from: at, to: end, balance: formatMoney(balance) });
    if (compareDates(end, at) > 0) at = end;
    balance = D.max(balance.minus(p), 0);
    if (compareDates(on, until) >= 0) return segments;
  }
  if (balance.gt(0) && compareDates(until, at) > 0) segments.push({ from: at, to: until, balance: formatMoney(balance) });
  return segments;
}

/** Replays the repayments over the schedule (oldest first), noting when each part was fully paid. */
function replay(schedule: readonly TimelineInstalment[], repayments: readonly TimelineRepayment[]): Paid[] {
  const items = schedule.map((s, i) => ({
    principalLeft: amount(s.principalDue, `schedule[${i}].principalDue`),
    interestLeft: amount(s.interestDue, `schedule[${i}].interestDue`),
  }));
  const paid: Paid[] = items.map(() => ({ principalDone: null, interestDone: null, interestByDay: new Map() }));
  for (const r of sortedRepayments(repayments)) {
    let interest = amount(r.interest, "repayments.interest");
    let principal = amount(r.principal, "repayments.principal");
    items.forEach((it, i) => {
      const pi = D.min(it.interestLeft, interest);
      if (pi.gt(0)) {
        it.interestLeft = it.interestLeft.minus(pi);
        interest = interest.minus(pi);
        paid[i].interestByDay.set(r.paidOn, (paid[i].interestByDay.get(r.paidOn) ?? new D(0)).plus(pi));
      }
      const pp = D.min(it.principalLeft, principal);
      if (pp.gt(0)) {
        it.principalLeft = it.principalLeft.minus(pp);
        principal = principal.minus(pp);
      }
    });
    // Interest beyond the schedule (a bank charging accrued interest the schedule does not
    // show) is the last instalment's: it is still interest actually paid on that day.
    if (interest.gt(0) && paid.length > 0) {
      const last = paid[paid.length - 1];
      last.interestByDay.set(r.paidOn, (last.interestByDay.get(r.paidOn) ?? new D(0)).plus(interest));
    }
    items.forEach((it, i) => {
      if (paid[i].interestDone === null && it.interestLeft.isZero()) paid[i].interestDone = r.paidOn;
      if (paid[i].principalDone === null && it.principalLeft.isZero()) paid[i].principalDone = r.paidOn;
    });
  }
  // Nothing due is paid from the start.
  schedule.forEach((s, i) => {
    if (amount(s.interestDue, "interestDue").isZero()) paid[i].interestDone = "0001-01-01";
    if (amount(s.principalDue, "principalDue").isZero()) paid[i].principalDone = "0001-01-01";
  });
  return paid;
}

/** The principal due date after approved extensions and renewals. */
function principalDueDate(dueDate: string, changes: readonly TimelineChange[]): string {
  let due = dueDate;
  for (const c of changes) {
    if (compareDates(c.requestedOn, dueDate) <= 0 && compareDates(c.newMaturity, due) > 0) due = c.newMaturity;
  }
  return due;
}

/**
 * The days on which some instalment was overdue, up to `until` (exclusive): interest from the
 * day after its due date, principal from the day after its (possibly extended) due date, each
 * until the day it was fully paid.
 */
export function overduePeriodsOf(o: {
  schedule: readonly TimelineInstalment[];
  repayments: readonly TimelineRepayment[];
  changes?: readonly TimelineChange[];
  until: string;
}): Period[] {
  const until = parseDate(o.until, "until");
  const changes = (o.changes ?? []).map((c, i) => ({
    requestedOn: parseDate(c.requestedOn, `changes[${i}].requestedOn`),
    newMaturity: parseDate(c.newMaturity, `changes[${i}].newMaturity`),
  }));
  const paid = replay(o.schedule, o.repayments);
  const periods: Period[] = [];
  const push = (due: string, done: string | null) => {
    const from = addDays(due, 1);
    const to = done === null || compareDates(done, until) > 0 ? until : done;
    if (compareDates(to, from) > 0) periods.push({ from, to });
  };
  o.schedule.forEach((s, i) => {
    const due = parseDate(s.dueDate, `schedule[${i}].dueDate`);
    push(due, paid[i].interestDone);
    push(principalDueDate(due, changes), paid[i].principalDone);
  });
  return periods.sort((a, b) => compareDates(a.from, b.from));
}

/**
 * 据实: the contractual interest paid for the quarter [from, to) — allocated to instalments due
 * in (from, to], plus interest paid on a day in [from, to) toward an instalment due after `to`.
 * Penalty interest is never part of it.
 */
export function interestPaidForQuarter(o: {
  schedule: readonly TimelineInstalment[];
  repayments: readonly TimelineRepayment[];
  quarter: Period;
}): string {
  const from = parseDate(o.quarter.from, "quarter.from");
  const to = parseDate(o.quarter.to, "quarter.to");
  const paid = replay(o.schedule, o.repayments);
  let total = new D(0);
  o.schedule.forEach((s, i) => {
    const due = s.dueDate;
    const settledHere = compareDates(due, from) > 0 && compareDates(due, to) <= 0;
    const later = compareDates(due, to) > 0;
    for (const [day, value] of paid[i].interestByDay) {
      if (settledHere || (later && compareDates(day, from) >= 0 && compareDates(day, to) < 0)) total = total.plus(value);
    }
  });
  return formatMoney(total);
}

/** The last day (exclusive) the loan may be subsidised: its maturity, or the latest approved extension/renewal. */
export function subsidyEnd(o: { maturityDate: string; changes: readonly TimelineChange[]; includeChanges: boolean }): string {
  let end = parseDate(o.maturityDate, "maturityDate");
  if (o.includeChanges) {
    for (const c of o.changes) if (compareDates(c.newMaturity, end) > 0) end = c.newMaturity;
  }
  return end;
}
