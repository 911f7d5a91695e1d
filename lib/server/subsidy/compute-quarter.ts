import "server-only";
import type { SubsidyKind } from "@/generated/prisma/client";
import { addDays, addMonths, compareDates } from "@/lib/domain/calendar";
import { D } from "@/lib/domain/decimal";
import { DEFAULT_HOUSEHOLD_LOAN_CAP, type HouseholdStatus } from "@/lib/domain/eligibility";
import { subsidyCapRate } from "@/lib/domain/rates";
import {
  DEFAULT_ENTERPRISE_SUBSIDY,
  enterpriseSubsidy,
  guaranteeFeeSubsidy,
  loanQuarterSubsidy,
  subsidyEligibility,
  type Period,
} from "@/lib/domain/subsidy";
import { fastQuarter } from "@/lib/domain/subsidy-fast";
import {
  loanQuarterTimeline,
  subsidyEnd,
  type TimelineChange,
  type TimelineInstalment,
  type TimelineRepayment,
} from "@/lib/domain/subsidy-timeline";
import type { ActiveProfile } from "../policy/active-profile";
import type { RateTables } from "../policy/rate-tables";

/** One line of a run, ready to be stored. `detail` explains the amount (run-lines.ts reads it). */
export type ComputedLine = {
  loanId: string;
  kind: SubsidyKind;
  days: number;
  subsidisedDays: number;
  rate: string;
  amount: string;
  eligible: boolean;
  reason: string | null;
  detail: Record<string, unknown>;
};

/** An approved extension, renewal or instalment plan of the loan. */
export type ApprovedChange = {
  kind: string;
  /** The day it was requested (UTC date of its creation, as the post-loan workflow stores it). */
  requestedOn: string;
  /** When it was decided (ISO timestamp); the order of decisions matters for renewals. */
  decidedAt: string | null;
  newMaturity: string | null;
};

/** What one loan's lines are computed from (load-quarter-loans.ts reads it, a chunk at a time). */
export type QuarterLoan = {
  id: string;
  kind: "household" | "enterprise";
  householdId: string | null;
  enterpriseId: string | null;
  principal: string;
  rate: string;
  termMonths: number;
  disbursedOn: string;
  maturityDate: string;
  householdStatus: HouseholdStatus | null;
  /** Households the enterprise application drives (0 for household loans). */
  householdsDriven: number;
  schedule: TimelineInstalment[];
  repayments: TimelineRepayment[];
  changes: ApprovedChange[];
};

/** The county's blacklist and fraud findings, which take a loan's subsidy away. */
export type Exclusions = {
  blacklistedHouseholds: ReadonlySet<string>;
  blacklistedEnterprises: ReadonlySet<string>;
  fraudHouseholds: ReadonlySet<string>;
  fraudLoans: ReadonlySet<string>;
};

const shanghaiDate = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
// Dates here are YYYY-MM-DD strings read from the database or made by lib/domain/calendar, whose
// order as strings is their order as days: compared directly in the per-loan path.
const minDate = (a: string, b: string) => (a <= b ? a : b);

/**
 * A renewal or an instalment plan rewrites the schedule (lib/server/loans/renew-loan.ts): the old
 * principal instalment then owes only what was paid on it, so the schedule no longer shows that
 * the principal was overdue from the day after it fell due (the contractual maturity, or an
 * earlier extension's) until the day the new schedule took over. Those days are given back here.
 */
function rescheduledArrears(changes: readonly ApprovedChange[], contractual: string, until: string): Period[] {
  const out: Period[] = [];
  for (const c of changes) {
    if ((c.kind !== "renewal" && c.kind !== "instalmentPlan") || !c.decidedAt) continue;
    const decided = Date.parse(c.decidedAt);
    const on = shanghaiDate(c.decidedAt);
    let due = contractual;
    for (const e of changes) {
      if (e.kind === "extension" && e.newMaturity && e.decidedAt && Date.parse(e.decidedAt) < decided && compareDates(e.newMaturity, due) > 0) due = e.newMaturity;
    }
    const from = addDays(due, 1);
    const to = compareDates(on, until) < 0 ? on : until;
    if (compareDates(to, from) > 0) out.push({ from, to });
  }
  return out;
}

/**
 * The run-wide inputs of a quarter (profile settings, rate table, the county's exclusions) and
 * the per-loan computation: POLICY §6, §15.6: household loans' interest subsidy, enterprise
 * loans' 2% subsidy, and guarantee-fee subsidy where the profile has an agency rate. A loan with
 * no balance in the quarter gets no line; an ineligible one gets a zero line with its reasons.
 */
export function quarterCalculator(o: { period: Period; profile: ActiveProfile; tables: RateTables; exclusions: Exclusions }) {
  const { period, exclusions } = o;
  const settings = o.profile.settings;
  const basis = settings.interest.dayCountBasis;
  const regime = settings.interest.householdRateRegime ?? "benchmark";
  const includeChanges = settings.interest.subsidyIncludesRenewals;
  const cap = {
    amount: settings.householdLoanCap.amount ?? DEFAULT_HOUSEHOLD_LOAN_CAP.amount,
    termMonths: settings.householdLoanCap.termMonths ?? DEFAULT_HOUSEHOLD_LOAN_CAP.termMonths,
    eligibleStatuses: settings.householdLoanCap.eligibleStatuses,
  };
  const enterpriseRate = settings.enterprise.subsidyRate && new D(settings.enterprise.subsidyRate).gt(0) ? settings.enterprise.subsidyRate : null;
  const quota = settings.enterprise.subsidyPrincipalPerHousehold ?? DEFAULT_ENTERPRISE_SUBSIDY.quotaPerHousehold;
  const positive = (rate: string | null | undefined) => (rate && new D(rate).gt(0) ? rate : null);
  const feeRates = { household: positive(settings.guaranteeFees.householdSubsidyRate), enterprise: positive(settings.guaranteeFees.enterpriseSubsidyRate) };

  // Eligibility depends on a handful of values that most loans share.
  const eligibilities = new Map<string, ReturnType<typeof subsidyEligibility> & { reason: string }>();
  const eligibilityOf = (amount: string, termMonths: number, householdStatus: HouseholdStatus, blacklisted: boolean, fraud: boolean) => {
    const key = `${amount}|${termMonths}|${householdStatus}|${blacklisted}|${fraud}`;
    let e = eligibilities.get(key);
    if (e === undefined) {
      const found = subsidyEligibility({ amount, termMonths, householdStatus, blacklisted, fraud, cap });
      e = { ...found, reason: found.reasons.map((r) => r.message).join("；") };
      eligibilities.set(key, e);
    }
    return e;
  };

  // The cap rate depends only on the term and the disbursement day: loans share a few hundred of them.
  const capRates = new Map<string, string>();
  const capRateOf = (termMonths: number, disbursedOn: string) => {
    const key = `${termMonths}|${disbursedOn}`;
    let rate = capRates.get(key);
    if (rate === undefined) {
      rate = subsidyCapRate(
        regime === "lpr"
          ? { regime, termMonths, disbursedOn, table: o.tables.lpr }
          : { regime, termMonths, disbursedOn, table: o.tables.benchmark },
      );
      capRates.set(key, rate);
    }
    return rate;
  };

  return function linesOf(loan: QuarterLoan): ComputedLine[] {
    const reps = loan.repayments;
    const approved = loan.changes;
    const loanChanges: TimelineChange[] = [];
    for (const c of approved) if (c.newMaturity) loanChanges.push({ requestedOn: c.requestedOn, newMaturity: c.newMaturity });
    // Extensions, renewals and instalment plans move the loan's maturity (lib/server/loans); without G 二(四)'s
    // reading the subsidy stops at the contractual maturity, disbursement + term.
    const contractual = approved.length === 0 ? loan.maturityDate : minDate(loan.maturityDate, addMonths(loan.disbursedOn, loan.termMonths));
    const end = subsidyEnd({ maturityDate: includeChanges ? loan.maturityDate : contractual, changes: loanChanges, includeChanges });
    const until = end < period.to ? end : period.to;
    // Subsidised up to a day before the quarter began: no balance in it can earn anything.
    if (until <= period.from) return [];
    const household = loan.kind === "household";
    const eligibility = household
      ? eligibilityOf(
          loan.principal,
          loan.termMonths,
          loan.householdStatus ?? "none",
          !!loan.householdId && exclusions.blacklistedHouseholds.has(loan.householdId),
          exclusions.fraudLoans.has(loan.id) || (!!loan.householdId && exclusions.fraudHouseholds.has(loan.householdId)),
        )
      : null;
    const capRate = household ? capRateOf(loan.termMonths, loan.disbursedOn) : "0";
    // Most loans take the integer path (subsidy-fast.ts); it returns null for what it cannot represent exactly.
    const fast =
      eligibility && approved.length === 0
        ? fastQuarter({
            principal: loan.principal, disbursedOn: loan.disbursedOn, schedule: loan.schedule, repayments: reps, balanceUntil: until,
            quarter: period, contractRate: loan.rate, capRate, eligible: eligibility.eligible, dayCountBasis: basis,
            limitByInterestPaid: reps.length > 0, feeRate: feeRates.household,
          })
        : null;
    const timeline =
      fast ??
      loanQuarterTimeline({
        principal: loan.principal, disbursedOn: loan.disbursedOn, schedule: loan.schedule, repayments: reps, changes: loanChanges,
        balanceUntil: until, quarter: period,
      });
    const segments = timeline.balanceSegments;
    const alive = segments.some((s) => s.to > period.from && s.from < period.to);
    if (!alive) return [];
    const arrears = approved.length === 0 ? [] : rescheduledArrears(approved, contractual, period.to);
    const overdue = arrears.length === 0 ? timeline.overduePeriods : [...timeline.overduePeriods, ...arrears];
    const lines: ComputedLine[] = [];

    if (eligibility) {
      // 据实 applies where the portal holds the loan's repayments (see subsidy-timeline.ts).
      const actualInterestPaid = reps.length > 0 ? timeline.interestPaid : undefined;
      const q = fast
        ? { ...fast.interest, eligible: eligibility.eligible, reason: eligibility.eligible ? undefined : eligibility.reason.trim() || "不符合贴息条件" }
        : loanQuarterSubsidy({
            quarter: period, balanceSegments: segments, overduePeriods: overdue, contractRate: loan.rate, capRate,
            actualInterestPaid, eligible: eligibility.eligible, reason: eligibility.reason, dayCountBasis: basis, withLines: false,
          });
      const detail: Record<string, unknown> = {
        balanceSegments: segments, overduePeriods: overdue, subsidyEnd: end, contractRate: loan.rate, capRate, regime, computed: q.computed,
        actualInterestPaid: actualInterestPaid ?? null, limitedByInterestPaid: q.limitedByInterestPaid,
      };
      if (eligibility.reasons.length > 0) detail.reasons = eligibility.reasons;
      lines.push({
        loanId: loan.id, kind: "interest", days: q.days, subsidisedDays: q.subsidisedDays, rate: q.rate, amount: q.amount,
        eligible: q.eligible, reason: q.eligible ? (q.limitedByInterestPaid ? "按实付利息据实贴息" : null) : (q.reason ?? null),
        detail,
      });
      if (feeRates.household) {
        const g =
          fast?.fee ??
          guaranteeFeeSubsidy({ quarter: period, balanceSegments: segments, rate: feeRates.household, dayCountBasis: basis, withLines: false });
        lines.push({
          loanId: loan.id, kind: "guaranteeFee", days: g.days, subsidisedDays: g.subsidisedDays, rate: g.rate, amount: g.amount,
          eligible: true, reason: null, detail: { balanceSegments: segments },
        });
      }
      return lines;
    }

    // Enterprise and cooperative loans.
    if (enterpriseRate) {
      const householdsDriven = loan.householdsDriven;
      const blacklisted = !!loan.enterpriseId && exclusions.blacklistedEnterprises.has(loan.enterpriseId);
      const fraudulent = exclusions.fraudLoans.has(loan.id);
      const e = enterpriseSubsidy({
        quarter: period, balanceSegments: segments, householdsDriven, quotaPerHousehold: quota, rate: enterpriseRate,
        overduePeriods: overdue, dayCountBasis: basis, withLines: false,
      });
      const reasons = [
        ...(blacklisted ? ["带贫主体已列入失信黑名单，不享受贴息"] : []),
        ...(fraudulent ? ["存在骗取贴息行为，永久取消贴息资格"] : []),
        ...(householdsDriven === 0 ? ["未登记带动的贫困户，无对应贴息本金"] : []),
      ];
      const eligible = reasons.length === 0;
      lines.push({
        loanId: loan.id, kind: "enterprise", days: e.days, subsidisedDays: eligible ? e.subsidisedDays : 0, rate: e.rate,
        amount: eligible ? e.amount : "0.00", eligible, reason: eligible ? null : reasons.join("；"),
        detail: { balanceSegments: segments, overduePeriods: overdue, subsidyEnd: end, householdsDriven, quotaPerHousehold: quota, computed: e.amount },
      });
    }
    if (feeRates.enterprise) {
      const g = guaranteeFeeSubsidy({ quarter: period, balanceSegments: segments, rate: feeRates.enterprise, dayCountBasis: basis, withLines: false });
      lines.push({
        loanId: loan.id, kind: "guaranteeFee", days: g.days, subsidisedDays: g.subsidisedDays, rate: g.rate, amount: g.amount,
        eligible: true, reason: null, detail: { balanceSegments: segments },
      });
    }
    return lines;
  };
}
