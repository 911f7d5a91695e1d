import { fromDayNumber, toDayNumber } from "./calendar";
import { DEFAULT_DAY_COUNT_BASIS, type BalanceSegment, type Period } from "./subsidy";
import type { TimelineInstalment, TimelineRepayment } from "./subsidy-timeline";

/**
 * The quarter run's fast path for the common loan (a household loan without approved changes,
 * amounts in whole fen as the database stores them, rates with at most 6 decimals): the same
 * readings and the same results as loanQuarterTimeline + loanQuarterSubsidy +
 * guaranteeFeeSubsidy, computed in integers — fen, days and millionths of a rate — instead of
 * Decimals, which took most of a 400,000-loan run's time in this process.
 *
 * Exact, not approximate: every sum is an integer (fen × days stays far below 2^53 for any loan
 * under 10^9 元 and a quarter), and the one division per amount (× rate ÷ basis, rounded half-up
 * to the fen) is done in BigInt. Anything it cannot represent exactly (an amount with more than
 * two decimals, a negative one, a longer rate) returns null and the Decimal path computes the
 * loan. tests/unit/domain/subsidy-fast.test.ts checks it against the Decimal path.
 */

export type FastQuarterInput = {
  principal: string;
  disbursedOn: string;
  schedule: readonly TimelineInstalment[];
  repayments: readonly TimelineRepayment[];
  /** Exclusive end of the balance (the loan's subsidy end or the quarter's end, whichever is first). */
  balanceUntil: string;
  quarter: Period;
  contractRate: string;
  capRate: string;
  eligible: boolean;
  /** §15.6's 360 when not set, as in loanQuarterSubsidy. */
  dayCountBasis?: number;
  /** Whether the interest actually paid limits the subsidy (据实: the portal holds repayments). */
  limitByInterestPaid: boolean;
  /** Guarantee-fee subsidy rate, or null when the county has none. */
  feeRate: string | null;
};

export type FastAccrual = { days: number; subsidisedDays: number; rate: string; amount: string };

export type FastQuarterResult = {
  balanceSegments: BalanceSegment[];
  overduePeriods: Period[];
  interestPaid: string;
  interest: FastAccrual & { computed: string; limitedByInterestPaid: boolean };
  fee: FastAccrual | null;
};

const MAX_FEN = 100_000_000_000; // 10^9 元: fen × days over any quarter stays a safe integer
const MAX_MICROS = 1_000_000_000_000;

/**
 * A plain non-negative decimal ("12", "12.5", "0.0435") as an integer count of 10^-scale units;
 * null for anything else: more decimals than `scale`, a sign, an exponent, a bare "." or a value
 * above `max` units.
 */
function scaledInteger(value: string, scale: number, max: number): number | null {
  let units = 0;
  let decimals = -1;
  if (value.length === 0) return null;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 46 /* . */) {
      if (decimals >= 0 || i === 0) return null;
      decimals = 0;
      continue;
    }
    if (c < 48 || c > 57) return null;
    if (decimals >= 0 && ++decimals > scale) return null;
    units = units * 10 + (c - 48);
    if (units > max) return null;
  }
  if (decimals === 0) return null;
  for (let d = decimals < 0 ? 0 : decimals; d < scale; d++) units *= 10;
  return units > max ? null : units;
}

/** "1234.5" / "1234.56" / "1234" → 123450 / 123456 / 123400 fen; null when not exactly fen. */
export function toFen(value: string): number | null {
  return scaledInteger(value, 2, MAX_FEN);
}

/** "0.0435" → 43500 millionths; null when longer than 6 decimals or not a plain non-negative decimal. */
export function toMicros(value: string): number | null {
  return scaledInteger(value, 6, MAX_MICROS);
}

/** Fen as money text: 123450 → "1234.50". */
export function formatFen(fen: number | bigint): string {
  const f = BigInt(fen);
  const rest = f % 100n;
  return `${f / 100n}.${rest < 10n ? "0" : ""}${rest}`;
}

/** Millionths as formatRatio writes a rate: at least four decimals, no trailing zero beyond them. */
export function formatMicros(micros: number): string {
  const whole = Math.floor(micros / 1_000_000);
  let frac = `${micros - whole * 1_000_000}`.padStart(6, "0");
  while (frac.length > 4 && frac.endsWith("0")) frac = frac.slice(0, -1);
  return `${whole}.${frac}`;
}

/** fen·days × micros ÷ (basis × 10^6), rounded half-up to the fen. */
function roundedAmount(fenDays: number, micros: number, basis: number): bigint {
  if (fenDays === 0 || micros === 0) return 0n;
  const num = BigInt(fenDays) * BigInt(micros);
  const den = BigInt(basis) * 1_000_000n;
  return num / den + (2n * (num % den) >= den ? 1n : 0n);
}

/** A date's day number, or null (the Decimal path then words the error with the field's name). */
function dayOf(value: string): number | null {
  try {
    return toDayNumber(value);
  } catch {
    return null;
  }
}

type Segment = { from: number; to: number; fen: number };
type Span = { from: number; to: number };

// Module-level helpers, not closures: the quarter run calls fastQuarter for every loan.

function credit(byDay: { day: number; fen: number }[], day: number, fen: number) {
  for (const x of byDay) {
    if (x.day === day) {
      x.fen += fen;
      return;
    }
  }
  byDay.push({ day, fen });
}

/** An instalment part overdue from the day after it fell due until the day it was paid (as overdueOf). */
function pushOverdue(overdue: (Span & { k: number })[], due: number, doneOn: number | null, qTo: number) {
  const from = due + 1;
  const to = doneOn === null || doneOn > qTo ? qTo : doneOn;
  if (to > from) overdue.push({ from, to, k: overdue.length });
}

const byDayThenOrder = (a: { on: number; i: number }, b: { on: number; i: number }) => a.on - b.on || a.i - b.i;
const byStart = (a: Span & { k: number }, b: Span & { k: number }) => a.from - b.from || a.k - b.k;

/** The quarter's days, subsidised days and Σ balance × days (fen), leaving out `excluded` (as accrue). */
function accrue(segments: readonly Segment[], qFrom: number, qTo: number, excluded: readonly Span[], everythingExcluded: boolean) {
  let days = 0;
  let subsidisedDays = 0;
  let fenDays = 0;
  for (const s of segments) {
    const from = s.from > qFrom ? s.from : qFrom;
    const to = s.to < qTo ? s.to : qTo;
    if (to <= from || s.fen === 0) continue;
    let at = from;
    for (const e of excluded) {
      if (e.to <= at || e.from >= to) continue;
      if (e.from > at) {
        days += e.from - at;
        if (!everythingExcluded) {
          subsidisedDays += e.from - at;
          fenDays += s.fen * (e.from - at);
        }
      }
      const end = Math.min(e.to, to);
      days += end - Math.max(e.from, at);
      at = end;
    }
    if (at < to) {
      days += to - at;
      if (!everythingExcluded) {
        subsidisedDays += to - at;
        fenDays += s.fen * (to - at);
      }
    }
  }
  return { days, subsidisedDays, fenDays };
}

export function fastQuarter(o: FastQuarterInput): FastQuarterResult | null {
  const principal = toFen(o.principal);
  const contract = toMicros(o.contractRate);
  const cap = toMicros(o.capRate);
  const fee = o.feeRate === null ? null : toMicros(o.feeRate);
  const basis = o.dayCountBasis ?? DEFAULT_DAY_COUNT_BASIS;
  if (principal === null || contract === null || cap === null || (o.feeRate !== null && fee === null)) return null;
  if (!Number.isInteger(basis) || basis <= 0) return null;

  const n = o.schedule.length;
  const dueDay: number[] = new Array(n);
  const leftInterest: number[] = new Array(n);
  const leftPrincipal: number[] = new Array(n);
  const nothingDue: { interest: boolean; principal: boolean }[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = o.schedule[i];
    const p = toFen(s.principalDue);
    const it = toFen(s.interestDue);
    const due = dayOf(s.dueDate);
    if (p === null || it === null || due === null) return null;
    dueDay[i] = due;
    leftPrincipal[i] = p;
    leftInterest[i] = it;
    nothingDue[i] = { interest: it === 0, principal: p === 0 };
  }
  const reps: { on: number; principal: number; interest: number; i: number }[] = new Array(o.repayments.length);
  let sorted = true;
  for (let i = 0; i < o.repayments.length; i++) {
    const r = o.repayments[i];
    const p = toFen(r.principal);
    const it = toFen(r.interest);
    const on = dayOf(r.paidOn);
    if (p === null || it === null || on === null) return null;
    reps[i] = { on, principal: p, interest: it, i };
    if (i > 0 && reps[i].on < reps[i - 1].on) sorted = false;
  }
  if (!sorted) reps.sort(byDayThenOrder);

  const start = dayOf(o.disbursedOn);
  const until = dayOf(o.balanceUntil);
  const qFrom = dayOf(o.quarter.from);
  const qTo = dayOf(o.quarter.to);
  if (start === null || until === null || qFrom === null || qTo === null || qTo < qFrom) return null;

  // Balance segments [from, to), as segmentsOf.
  const segments: Segment[] = [];
  {
    let balance = principal;
    let at = start;
    let done = false;
    for (const r of reps) {
      if (r.principal === 0) continue;
      const on = r.on < at ? at : r.on;
      const end = on < until ? on : until;
      if (end > at && balance > 0) segments.push({ from: at, to: end, fen: balance });
      if (end > at) at = end;
      balance = balance <= r.principal ? 0 : balance - r.principal;
      if (on >= until) {
        done = true;
        break;
      }
    }
    if (!done && balance > 0 && until > at) segments.push({ from: at, to: until, fen: balance });
  }

  // Replay (oldest instalment first), as replay(): when each part was fully paid, interest by day.
  const interestDone: (number | null)[] = new Array(n).fill(null);
  const principalDone: (number | null)[] = new Array(n).fill(null);
  const interestByDay: { day: number; fen: number }[][] = new Array(n);
  for (let i = 0; i < n; i++) interestByDay[i] = [];
  for (const r of reps) {
    let interest = r.interest;
    let principalPaid = r.principal;
    for (let i = 0; i < n && !(interest === 0 && principalPaid === 0); i++) {
      if (leftInterest[i] !== 0 && interest !== 0) {
        const pi = leftInterest[i] <= interest ? leftInterest[i] : interest;
        credit(interestByDay[i], r.on, pi);
        leftInterest[i] -= pi;
        interest -= pi;
      }
      if (leftPrincipal[i] !== 0 && principalPaid !== 0) {
        const pp = leftPrincipal[i] <= principalPaid ? leftPrincipal[i] : principalPaid;
        leftPrincipal[i] -= pp;
        principalPaid -= pp;
      }
    }
    if (interest !== 0 && n > 0) credit(interestByDay[n - 1], r.on, interest);
    for (let i = 0; i < n; i++) {
      if (interestDone[i] === null && leftInterest[i] === 0) interestDone[i] = r.on;
      if (principalDone[i] === null && leftPrincipal[i] === 0) principalDone[i] = r.on;
    }
  }
  for (let i = 0; i < n; i++) {
    if (nothingDue[i].interest) interestDone[i] = -Infinity;
    if (nothingDue[i].principal) principalDone[i] = -Infinity;
  }

  // Overdue periods up to the quarter's end, as overdueOf() without changes.
  const overdue: (Span & { k: number })[] = [];
  for (let i = 0; i < n; i++) {
    pushOverdue(overdue, dueDay[i], interestDone[i], qTo);
    pushOverdue(overdue, dueDay[i], principalDone[i], qTo);
  }
  if (overdue.length > 1) overdue.sort(byStart);

  // 据实: interest allocated to instalments due in (from, to], or paid in [from, to) ahead of a later one.
  let interestPaid = 0;
  for (let i = 0; i < n; i++) {
    const settledHere = dueDay[i] > qFrom && dueDay[i] <= qTo;
    const later = dueDay[i] > qTo;
    for (const x of interestByDay[i]) if (settledHere || (later && x.day >= qFrom && x.day < qTo)) interestPaid += x.fen;
  }

  // Overdue days merged (as mergePeriods); the quarter's accruals (as accrue).
  const merged: Span[] = [];
  for (const s of overdue) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ from: s.from, to: s.to });
  }
  const rate = contract <= cap ? contract : cap;
  const a = accrue(segments, qFrom, qTo, merged, !o.eligible);
  const computed = a.subsidisedDays === 0 ? 0n : roundedAmount(a.fenDays, rate, basis);
  const limited = o.limitByInterestPaid && BigInt(interestPaid) < computed;
  const amount = !o.eligible ? 0n : limited ? BigInt(interestPaid) : computed;

  let feeLine: FastAccrual | null = null;
  if (fee !== null) {
    const g = accrue(segments, qFrom, qTo, [], false);
    const feeAmount = g.subsidisedDays === 0 ? 0n : roundedAmount(g.fenDays, fee, basis);
    feeLine = { days: g.days, subsidisedDays: g.subsidisedDays, rate: formatMicros(fee), amount: formatFen(feeAmount) };
  }

  return {
    balanceSegments: segments.map((s) => ({ from: fromDayNumber(s.from), to: fromDayNumber(s.to), balance: formatFen(s.fen) })),
    overduePeriods: overdue.map((s) => ({ from: fromDayNumber(s.from), to: fromDayNumber(s.to) })),
    interestPaid: formatFen(interestPaid),
    interest: {
      days: a.days, subsidisedDays: a.subsidisedDays, rate: formatMicros(rate), amount: formatFen(amount), computed: formatFen(computed),
      limitedByInterestPaid: o.eligible && limited,
    },
    fee: feeLine,
  };
}
