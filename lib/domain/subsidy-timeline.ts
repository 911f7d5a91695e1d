import { fromDayNumber, toDayNumber } from "./calendar";
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
 *
 * Inside, dates are day numbers and amounts Decimals, each parsed once: the quarter run computes
 * this for every loan of a bank (400,000 in the benchmark) and `loanQuarterTimeline` gives all
 * three facts from one reading of the schedule and the repayments.
 */

export type TimelineRepayment = { paidOn: string; principal: string; interest: string };
export type TimelineInstalment = { dueDate: string; principalDue: string; interestDue: string };
export type TimelineChange = { requestedOn: string; newMaturity: string };

type Repayment = { on: number; paidOn: string; principal: Dec; interest: Dec };
type Instalment = { due: number; principalDue: Dec; interestDue: Dec };
type Change = { requestedOn: number; newMaturity: number };
/** When each part of an instalment was fully paid (a day number; −∞ when nothing was due), and its interest by payment day. */
type Paid = { principalDone: number | null; interestDone: number | null; interestByDay: { day: number; value: Dec }[] };

const ZERO = new D(0);

function amount(value: string, field: string | (() => string)): Dec {
  let d: Dec;
  try {
    d = dec(value);
  } catch {
    d = dec(value, typeof field === "function" ? field() : field);
  }
  if (d.isNegative()) {
    const name = typeof field === "function" ? field() : field;
    throw new DomainError("INVALID_AMOUNT", `${name} 不能为负数：${value}`, name);
  }
  return d;
}

/** A date's day number; the field is named only when the date is invalid. */
function day(value: string, field: () => string): number {
  try {
    return toDayNumber(value);
  } catch {
    return toDayNumber(value, field());
  }
}

/** Repayments by day (stable for one day), each parsed once. */
function parseRepayments(repayments: readonly TimelineRepayment[]): Repayment[] {
  const parsed = repayments.map((r, i) => ({
    on: day(r.paidOn, () => `repayments[${i}].paidOn`),
    paidOn: r.paidOn,
    principal: amount(r.principal, "repayments.principal"),
    interest: amount(r.interest, "repayments.interest"),
    i,
  }));
  return parsed.sort((a, b) => a.on - b.on || a.i - b.i);
}

function parseSchedule(schedule: readonly TimelineInstalment[]): Instalment[] {
  return schedule.map((s, i) => ({
    due: day(s.dueDate, () => `schedule[${i}].dueDate`),
    principalDue: amount(s.principalDue, () => `schedule[${i}].principalDue`),
    interestDue: amount(s.interestDue, () => `schedule[${i}].interestDue`),
  }));
}

function parseChanges(changes: readonly TimelineChange[] | undefined): Change[] {
  return (changes ?? []).map((c, i) => ({
    requestedOn: day(c.requestedOn, () => `changes[${i}].requestedOn`),
    newMaturity: day(c.newMaturity, () => `changes[${i}].newMaturity`),
  }));
}

function segmentsOf(principal: Dec, start: number, until: number, repayments: readonly Repayment[]): BalanceSegment[] {
  let balance = principal;
  const segments: BalanceSegment[] = [];
  let at = start;
  const push = (to: number) => segments.push({ from: fromDayNumber(at), to: fromDayNumber(to), balance: formatMoney(balance) });
  for (const r of repayments) {
    if (r.principal.isZero()) continue;
    const on = r.on < at ? at : r.on;
    const end = on < until ? on : until;
    if (end > at && balance.gt(0)) push(end);
    if (end > at) at = end;
    balance = balance.lte(r.principal) ? ZERO : balance.minus(r.principal);
    if (on >= until) return segments;
  }
  if (balance.gt(0) && until > at) push(until);
  return segments;
}

function credit(p: Paid, on: number, value: Dec) {
  for (const x of p.interestByDay) {
    if (x.day === on) {
      x.value = x.value.plus(value);
      return;
    }
  }
  p.interestByDay.push({ day: on, value });
}

/** Replays the repayments over the schedule (oldest first), noting when each part was fully paid. */
function replay(schedule: readonly Instalment[], repayments: readonly Repayment[]): Paid[] {
  const left = schedule.map((s) => ({ principal: s.principalDue, interest: s.interestDue }));
  const paid: Paid[] = schedule.map(() => ({ principalDone: null, interestDone: null, interestByDay: [] }));
  for (const r of repayments) {
    let interest = r.interest;
    let principal = r.principal;
    for (let i = 0; i < left.length && !(interest.isZero() && principal.isZero()); i++) {
      const it = left[i];
      if (!it.interest.isZero() && !interest.isZero()) {
        // Most repayments pay an instalment exactly: both sides go to zero without arithmetic.
        const order = it.interest.cmp(interest);
        const pi = order <= 0 ? it.interest : interest;
        credit(paid[i], r.on, pi);
        it.interest = order <= 0 ? ZERO : it.interest.minus(pi);
        interest = order >= 0 ? ZERO : interest.minus(pi);
      }
      if (!it.principal.isZero() && !principal.isZero()) {
        const order = it.principal.cmp(principal);
        const pp = order <= 0 ? it.principal : principal;
        it.principal = order <= 0 ? ZERO : it.principal.minus(pp);
        principal = order >= 0 ? ZERO : principal.minus(pp);
      }
    }
    // Interest beyond the schedule (a bank charging accrued interest the schedule does not
    // show) is the last instalment's: it is still interest actually paid on that day.
    if (!interest.isZero() && paid.length > 0) credit(paid[paid.length - 1], r.on, interest);
    for (let i = 0; i < left.length; i++) {
      if (paid[i].interestDone === null && left[i].interest.isZero()) paid[i].interestDone = r.on;
      if (paid[i].principalDone === null && left[i].principal.isZero()) paid[i].principalDone = r.on;
    }
  }
  // Nothing due is paid from the start.
  schedule.forEach((s, i) => {
    if (s.interestDue.isZero()) paid[i].interestDone = -Infinity;
    if (s.principalDue.isZero()) paid[i].principalDone = -Infinity;
  });
  return paid;
}

/** The principal due date after approved extensions and renewals. */
function principalDueDate(due: number, changes: readonly Change[]): number {
  let moved = due;
  for (const c of changes) {
    if (c.requestedOn <= due && c.newMaturity > moved) moved = c.newMaturity;
  }
  return moved;
}

function overdueOf(schedule: readonly Instalment[], paid: readonly Paid[], changes: readonly Change[], until: number): Period[] {
  const periods: (Period & { start: number })[] = [];
  const push = (due: number, done: number | null) => {
    const from = due + 1;
    const to = done === null || done > until ? until : done;
    if (to > from) periods.push({ from: fromDayNumber(from), to: fromDayNumber(to), start: from });
  };
  schedule.forEach((s, i) => {
    push(s.due, paid[i].interestDone);
    push(principalDueDate(s.due, changes), paid[i].principalDone);
  });
  return periods.sort((a, b) => a.start - b.start).map(({ from, to }) => ({ from, to }));
}

function interestPaidIn(schedule: readonly Instalment[], paid: readonly Paid[], from: number, to: number): string {
  let total = ZERO;
  schedule.forEach((s, i) => {
    const settledHere = s.due > from && s.due <= to;
    const later = s.due > to;
    for (const { day, value } of paid[i].interestByDay) {
      if (settledHere || (later && day >= from && day < to)) total = total.plus(value);
    }
  });
  return formatMoney(total);
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
  const principal = amount(o.principal, "principal");
  const start = toDayNumber(o.disbursedOn, "disbursedOn");
  const until = toDayNumber(o.until, "until");
  return segmentsOf(principal, start, until, parseRepayments(o.repayments));
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
  const until = toDayNumber(o.until, "until");
  const changes = parseChanges(o.changes);
  const schedule = parseSchedule(o.schedule);
  return overdueOf(schedule, replay(schedule, parseRepayments(o.repayments)), changes, until);
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
  const from = toDayNumber(o.quarter.from, "quarter.from");
  const to = toDayNumber(o.quarter.to, "quarter.to");
  const schedule = parseSchedule(o.schedule);
  return interestPaidIn(schedule, replay(schedule, parseRepayments(o.repayments)), from, to);
}

/**
 * The three facts above for one loan and one quarter, from one reading of its schedule and
 * repayments: the balance segments up to `balanceUntil`, the overdue periods up to the quarter's
 * end, and the interest paid for the quarter.
 */
export function loanQuarterTimeline(o: {
  principal: string;
  disbursedOn: string;
  schedule: readonly TimelineInstalment[];
  repayments: readonly TimelineRepayment[];
  changes?: readonly TimelineChange[];
  balanceUntil: string;
  quarter: Period;
}): { balanceSegments: BalanceSegment[]; overduePeriods: Period[]; interestPaid: string } {
  const principal = amount(o.principal, "principal");
  const start = toDayNumber(o.disbursedOn, "disbursedOn");
  const balanceUntil = toDayNumber(o.balanceUntil, "balanceUntil");
  const from = toDayNumber(o.quarter.from, "quarter.from");
  const to = toDayNumber(o.quarter.to, "quarter.to");
  const changes = parseChanges(o.changes);
  const schedule = parseSchedule(o.schedule);
  const repayments = parseRepayments(o.repayments);
  const paid = replay(schedule, repayments);
  return {
    balanceSegments: segmentsOf(principal, start, balanceUntil, repayments),
    overduePeriods: overdueOf(schedule, paid, changes, to),
    interestPaid: interestPaidIn(schedule, paid, from, to),
  };
}

/** The last day (exclusive) the loan may be subsidised: its maturity, or the latest approved extension/renewal. */
export function subsidyEnd(o: { maturityDate: string; changes: readonly TimelineChange[]; includeChanges: boolean }): string {
  let end = o.maturityDate;
  let endDay = toDayNumber(end, "maturityDate");
  if (o.includeChanges) {
    o.changes.forEach((c, i) => {
      const day = toDayNumber(c.newMaturity, `changes[${i}].newMaturity`);
      if (day > endDay) {
        endDay = day;
        end = c.newMaturity;
      }
    });
  }
  return end;
}
