import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromDayNumber, toDayNumber } from "@/lib/domain/calendar";
import { guaranteeFeeSubsidy, loanQuarterSubsidy } from "@/lib/domain/subsidy";
import { fastQuarter, formatFen, formatMicros, toFen, toMicros, type FastQuarterInput } from "@/lib/domain/subsidy-fast";
import { loanQuarterTimeline } from "@/lib/domain/subsidy-timeline";
import { scaled } from "./arbitraries";

/** What the quarter run computed for a loan before the integer path: the Decimal functions, chained. */
function decimalPath(o: FastQuarterInput) {
  const timeline = loanQuarterTimeline({
    principal: o.principal, disbursedOn: o.disbursedOn, schedule: o.schedule, repayments: o.repayments, balanceUntil: o.balanceUntil, quarter: o.quarter,
  });
  const q = loanQuarterSubsidy({
    quarter: o.quarter, balanceSegments: timeline.balanceSegments, overduePeriods: timeline.overduePeriods, contractRate: o.contractRate,
    capRate: o.capRate, actualInterestPaid: o.limitByInterestPaid ? timeline.interestPaid : undefined, eligible: o.eligible, reason: "不符合",
    dayCountBasis: o.dayCountBasis, withLines: false,
  });
  const g = o.feeRate === null
    ? null
    : guaranteeFeeSubsidy({ quarter: o.quarter, balanceSegments: timeline.balanceSegments, rate: o.feeRate, dayCountBasis: o.dayCountBasis, withLines: false });
  return {
    balanceSegments: timeline.balanceSegments,
    overduePeriods: timeline.overduePeriods,
    interestPaid: timeline.interestPaid,
    interest: { days: q.days, subsidisedDays: q.subsidisedDays, rate: q.rate, amount: q.amount, computed: q.computed, limitedByInterestPaid: q.limitedByInterestPaid },
    fee: g && { days: g.days, subsidisedDays: g.subsidisedDays, rate: g.rate, amount: g.amount },
  };
}

const BASE = toDayNumber("2024-01-01");
const day = (offset: number) => fromDayNumber(BASE + offset);
/** Fen amounts written the ways the database and the bank print them: "12", "12.5", "12.50". */
const fenText = (max: bigint) =>
  fc.tuple(fc.bigInt({ min: 0n, max }), fc.constantFrom(0, 1, 2)).map(([fen, style]) => {
    if (style === 2 || fen % 10n !== 0n) return scaled(fen, 2);
    if (style === 1 || fen % 100n !== 0n) return scaled(fen / 10n, 1);
    return (fen / 100n).toString();
  });
const rateText = fc.tuple(fc.integer({ min: 0, max: 150_000 }), fc.constantFrom(4, 5, 6)).map(([micros, scale]) => {
  const cut = 10 ** (6 - scale);
  return scaled(BigInt(Math.floor(micros / cut)), scale);
});

const loanArb = fc
  .record({
    principal: fenText(10_000_000n),
    start: fc.integer({ min: 0, max: 700 }),
    instalments: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 120 }), principal: fenText(3_000_000n), interest: fenText(300_000n) }), { maxLength: 12 }),
    repayments: fc.array(fc.record({ at: fc.integer({ min: -30, max: 1200 }), principal: fenText(4_000_000n), interest: fenText(400_000n) }), { maxLength: 16 }),
    quarterStart: fc.integer({ min: 0, max: 1000 }),
    quarterDays: fc.integer({ min: 0, max: 95 }),
    untilBack: fc.integer({ min: 0, max: 200 }),
    contractRate: rateText,
    capRate: rateText,
    eligible: fc.boolean(),
    basis: fc.constantFrom(360, 365, undefined),
    limit: fc.boolean(),
    feeRate: fc.option(rateText, { nil: null }),
  })
  .map((r): FastQuarterInput => {
    let due = r.start;
    const schedule = r.instalments.map((s) => {
      due += s.gap;
      return { dueDate: day(due), principalDue: s.principal, interestDue: s.interest };
    });
    return {
      principal: r.principal,
      disbursedOn: day(r.start),
      schedule,
      repayments: r.repayments.map((p) => ({ paidOn: day(Math.max(0, r.start + p.at)), principal: p.principal, interest: p.interest })),
      balanceUntil: day(Math.max(r.start, r.quarterStart + r.quarterDays - r.untilBack)),
      quarter: { from: day(r.quarterStart), to: day(r.quarterStart + r.quarterDays) },
      contractRate: r.contractRate,
      capRate: r.capRate,
      eligible: r.eligible,
      dayCountBasis: r.basis,
      limitByInterestPaid: r.limit,
      feeRate: r.feeRate,
    };
  });

describe("the quarter run's integer path", () => {
  it("gives exactly what the Decimal path gives: segments, overdue days, interest paid, both amounts, to the fen", () => {
    fc.assert(
      fc.property(loanArb, (loan) => {
        expect(fastQuarter(loan)).toEqual(decimalPath(loan));
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees on a loan paid as scheduled, one overdue for part of the quarter, and one limited by the interest paid (据实)", () => {
    const quarter = { from: "2026-09-20", to: "2026-12-20" };
    const common = { principal: "30000.00", disbursedOn: "2026-01-10", balanceUntil: "2026-12-20", quarter, contractRate: "0.0435", capRate: "0.0475", eligible: true, limitByInterestPaid: true, feeRate: "0.015" };
    const regular: FastQuarterInput = {
      ...common,
      schedule: [{ dueDate: "2026-12-10", principalDue: "0.00", interestDue: "326.25" }, { dueDate: "2027-01-10", principalDue: "30000.00", interestDue: "108.75" }],
      repayments: [{ paidOn: "2026-12-10", principal: "0.00", interest: "326.25" }],
    };
    const late: FastQuarterInput = { ...regular, repayments: [{ paidOn: "2026-12-15", principal: "0.00", interest: "326.25" }] };
    const short: FastQuarterInput = { ...regular, repayments: [{ paidOn: "2026-12-10", principal: "0.00", interest: "100.00" }] };
    for (const loan of [regular, late, short]) expect(fastQuarter(loan)).toEqual(decimalPath(loan));
    // 30,000 × 91 days × 4.35% ÷ 360 = 329.875 → 329.88; late: overdue 12-11 … 12-14 (paid on the 15th) → 87 days → 315.375 → 315.38.
    expect(fastQuarter(regular)!.interest).toMatchObject({ days: 91, subsidisedDays: 91, computed: "329.88", amount: "326.25", limitedByInterestPaid: true });
    expect(fastQuarter(late)!.interest).toMatchObject({ subsidisedDays: 87, computed: "315.38" });
    expect(fastQuarter(short)!.interest).toMatchObject({ amount: "100.00", limitedByInterestPaid: true });
  });

  it("leaves to the Decimal path what it cannot represent exactly", () => {
    const loan: FastQuarterInput = {
      principal: "10000.00", disbursedOn: "2026-01-10", schedule: [], repayments: [], balanceUntil: "2026-12-20",
      quarter: { from: "2026-09-20", to: "2026-12-20" }, contractRate: "0.0435", capRate: "0.0475", eligible: true, limitByInterestPaid: false, feeRate: null,
    };
    expect(fastQuarter(loan)).not.toBeNull();
    expect(fastQuarter({ ...loan, principal: "10000.001" })).toBeNull();
    expect(fastQuarter({ ...loan, principal: "-1.00" })).toBeNull();
    expect(fastQuarter({ ...loan, contractRate: "0.04350001" })).toBeNull();
    expect(fastQuarter({ ...loan, feeRate: "abc" })).toBeNull();
    expect(fastQuarter({ ...loan, disbursedOn: "2026-02-30" })).toBeNull();
    expect(fastQuarter({ ...loan, repayments: [{ paidOn: "2026-10-01", principal: "1e3", interest: "0" }] })).toBeNull();
    expect(fastQuarter({ ...loan, dayCountBasis: 0 })).toBeNull();
  });

  it("reads and writes fen and rates exactly", () => {
    expect([toFen("0"), toFen("12"), toFen("12.5"), toFen("12.05"), toFen("1234567.89")]).toEqual([0, 1200, 1250, 1205, 123456789]);
    expect([toFen(""), toFen("."), toFen(".5"), toFen("5."), toFen("1.234"), toFen("1,000"), toFen("+1")]).toEqual([null, null, null, null, null, null, null]);
    expect([toMicros("0.0435"), toMicros("0.043500"), toMicros("1"), toMicros("0.000001")]).toEqual([43_500, 43_500, 1_000_000, 1]);
    expect(toMicros("0.0000001")).toBeNull();
    // Beyond 10^9 元 (and its fen × days no longer certainly a safe integer): the Decimal path.
    expect([toFen("1000000000"), toFen("1000000000.01"), toFen("99999999999")]).toEqual([100_000_000_000, null, null]);
    expect([formatFen(0), formatFen(5), formatFen(1205), formatFen(123456789n)]).toEqual(["0.00", "0.05", "12.05", "1234567.89"]);
    expect([formatMicros(43_500), formatMicros(50_000), formatMicros(43_250), formatMicros(1), formatMicros(1_500_000)]).toEqual(["0.0435", "0.0500", "0.04325", "0.000001", "1.5000"]);
  });
});
