import "server-only";
import type { Prisma, SubsidyKind } from "@/generated/prisma/client";
import { addDays, addMonths, compareDates } from "@/lib/domain/calendar";
import { D } from "@/lib/domain/decimal";
import { DEFAULT_HOUSEHOLD_LOAN_CAP } from "@/lib/domain/eligibility";
import { subsidyCapRate } from "@/lib/domain/rates";
import {
  DEFAULT_ENTERPRISE_SUBSIDY,
  enterpriseSubsidy,
  guaranteeFeeSubsidy,
  loanQuarterSubsidy,
  subsidyEligibility,
  type Period,
} from "@/lib/domain/subsidy";
import {
  balanceSegmentsOf,
  interestPaidForQuarter,
  overduePeriodsOf,
  subsidyEnd,
  type TimelineChange,
  type TimelineInstalment,
  type TimelineRepayment,
} from "@/lib/domain/subsidy-timeline";
import type { HouseholdStatus } from "@/lib/domain/eligibility";
import type { Tx } from "../db";
import type { ActiveProfile } from "../policy/active-profile";
import { rateTables } from "../policy/rate-tables";

const iso = (d: Date) => d.toISOString().slice(0, 10);
const minDate = (a: string, b: string) => (compareDates(a, b) <= 0 ? a : b);

/** One line of a run, ready to be stored. */
export type ComputedLine = {
  loanId: string;
  kind: SubsidyKind;
  days: number;
  subsidisedDays: number;
  rate: string;
  amount: string;
  eligible: boolean;
  reason: string | null;
  detail: Prisma.InputJsonValue;
};



const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * A renewal or an instalment plan rewrites the schedule (lib/server/loans/renew-loan.ts): the old
 * principal instalment then owes only what was paid on it, so the schedule no longer shows that
 * the principal was overdue from the day after it fell due (the contractual maturity, or an
 * earlier extension's) until the day the new schedule took over. Those days are given back here.
 */
function rescheduledArrears(
  changes: readonly { kind: string; decidedAt: Date | null; newMaturity: Date | null }[],
  contractual: string,
  until: string,
): Period[] {
  const out: Period[] = [];
  for (const c of changes) {
    if ((c.kind !== "renewal" && c.kind !== "instalmentPlan") || !c.decidedAt) continue;
    const on = shanghaiDate(c.decidedAt);
    let due = contractual;
    for (const e of changes) {
      if (e.kind === "extension" && e.newMaturity && e.decidedAt && e.decidedAt < c.decidedAt && compareDates(iso(e.newMaturity), due) > 0) due = iso(e.newMaturity);
    }
    const from = addDays(due, 1);
    const to = compareDates(on, until) < 0 ? on : until;
    if (compareDates(to, from) > 0) out.push({ from, to });
  }
  return out;
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Every line of one quarter for one county and bank (POLICY §6, §15.6): household loans' interest
 * subsidy, enterprise loans' 2% subsidy, and guarantee-fee subsidy where the profile has an agency
 * rate. A loan with no balance in the quarter gets no line; an ineligible one gets a zero line
 * with its reasons. `now` is the day of the run: repayments recorded by then count.
 */
export async function computeQuarterLines(o: {
  tx: Tx;
  countyId: string;
  bankId: string;
  period: Period;
  profile: ActiveProfile;
}): Promise<ComputedLine[]> {
  const { tx, countyId, bankId, period } = o;
  const settings = o.profile.settings;
  const to = new Date(`${period.to}T00:00:00Z`);
  const loans = await tx.loan.findMany({
    where: { countyId, bankId, disbursedOn: { lt: to } },
    select: {
      id: true, kind: true, applicationId: true, householdId: true, enterpriseId: true, contractNumber: true,
      principal: true, rate: true, termMonths: true, disbursedOn: true, maturityDate: true, status: true,
      schedule: { select: { dueDate: true, principalDue: true, interestDue: true }, orderBy: { seq: "asc" } },
    },
    orderBy: { contractNumber: "asc" },
  });
  if (loans.length === 0) return [];

  const [repayments, changes, households, blacklist, fraud, driven, tables] = await Promise.all([
    tx.$queryRaw<{ loanId: string; paidOn: Date; principal: string; interest: string }[]>`
      SELECT r."loanId", r."paidOn", r.principal::text AS principal, r.interest::text AS interest
      FROM "Repayment" r JOIN "Loan" l ON l.id = r."loanId"
      WHERE l."countyId" = ${countyId} AND l."bankId" = ${bankId} AND l."disbursedOn" < ${period.to}::date
      ORDER BY r."paidOn", r."createdAt"`,
    tx.$queryRaw<{ loanId: string; kind: string; createdAt: Date; decidedAt: Date | null; newMaturity: Date | null }[]>`
      SELECT c."loanId", c.kind::text AS kind, c."createdAt", c."decidedAt", c."newMaturity"
      FROM "LoanChange" c JOIN "Loan" l ON l.id = c."loanId"
      WHERE l."countyId" = ${countyId} AND l."bankId" = ${bankId} AND c.status = 'approved'
        AND c.kind IN ('extension', 'renewal', 'instalmentPlan')
      ORDER BY c."decidedAt"`,
    tx.household.findMany({
      where: { id: { in: loans.flatMap((l) => (l.householdId ? [l.householdId] : [])) } },
      select: { id: true, status: true },
    }),
    tx.blacklistEntry.findMany({
      where: { countyId, status: { in: ["active", "removalPending"] } },
      select: { householdId: true, enterpriseId: true },
    }),
    tx.clawback.findMany({ where: { countyId }, select: { householdId: true, loanId: true } }),
    tx.applicationHousehold.groupBy({
      by: ["applicationId"],
      where: { applicationId: { in: loans.filter((l) => l.kind === "enterprise").map((l) => l.applicationId) } },
      _count: { householdId: true },
    }),
    rateTables(tx),
  ]);
  const repaymentsOf = groupBy(repayments, (r) => r.loanId);
  const changesOf = groupBy(changes, (c) => c.loanId);
  const statusOf = new Map(households.map((h) => [h.id, h.status as HouseholdStatus]));
  const blacklistedHouseholds = new Set(blacklist.flatMap((b) => (b.householdId ? [b.householdId] : [])));
  const blacklistedEnterprises = new Set(blacklist.flatMap((b) => (b.enterpriseId ? [b.enterpriseId] : [])));
  const fraudHouseholds = new Set(fraud.flatMap((f) => (f.householdId ? [f.householdId] : [])));
  const fraudLoans = new Set(fraud.map((f) => f.loanId));
  const drivenOf = new Map(driven.map((d) => [d.applicationId, d._count.householdId]));

  const basis = settings.interest.dayCountBasis;
  const regime = settings.interest.householdRateRegime ?? "benchmark";
  const cap = {
    amount: settings.householdLoanCap.amount ?? DEFAULT_HOUSEHOLD_LOAN_CAP.amount,
    termMonths: settings.householdLoanCap.termMonths ?? DEFAULT_HOUSEHOLD_LOAN_CAP.termMonths,
    eligibleStatuses: settings.householdLoanCap.eligibleStatuses,
  };
  const enterpriseRate = settings.enterprise.subsidyRate;
  const quota = settings.enterprise.subsidyPrincipalPerHousehold ?? DEFAULT_ENTERPRISE_SUBSIDY.quotaPerHousehold;
  const feeRates = { household: settings.guaranteeFees.householdSubsidyRate, enterprise: settings.guaranteeFees.enterpriseSubsidyRate };

  const lines: ComputedLine[] = [];
  for (const loan of loans) {
    const reps: TimelineRepayment[] = (repaymentsOf.get(loan.id) ?? []).map((r) => ({ paidOn: iso(r.paidOn), principal: r.principal, interest: r.interest }));
    const approved = changesOf.get(loan.id) ?? [];
    const loanChanges: TimelineChange[] = approved.flatMap((c) => (c.newMaturity ? [{ requestedOn: iso(c.createdAt), newMaturity: iso(c.newMaturity) }] : []));
    const schedule: TimelineInstalment[] = loan.schedule.map((s) => ({
      dueDate: iso(s.dueDate), principalDue: s.principalDue.toString(), interestDue: s.interestDue.toString(),
    }));
    // Extensions, renewals and instalment plans move the loan's maturity (lib/server/loans); without G 二(四)'s
    // reading the subsidy stops at the contractual maturity, disbursement + term.
    const contractual = approved.length === 0 ? iso(loan.maturityDate) : minDate(iso(loan.maturityDate), addMonths(iso(loan.disbursedOn), loan.termMonths));
    const includeChanges = settings.interest.subsidyIncludesRenewals;
    const end = subsidyEnd({ maturityDate: includeChanges ? iso(loan.maturityDate) : contractual, changes: loanChanges, includeChanges });
    const until = compareDates(end, period.to) < 0 ? end : period.to;
    const segments = balanceSegmentsOf({ principal: loan.principal.toString(), disbursedOn: iso(loan.disbursedOn), repayments: reps, until });
    const alive = segments.some((s) => compareDates(s.to, period.from) > 0 && compareDates(s.from, period.to) < 0);
    if (!alive) continue;
    const overdue = [
      ...overduePeriodsOf({ schedule, repayments: reps, changes: loanChanges, until: period.to }),
      ...rescheduledArrears(approved, contractual, period.to),
    ];
    const base = { contractNumber: loan.contractNumber, quarter: period, balanceSegments: segments, overduePeriods: overdue, subsidyEnd: end };

    if (loan.kind === "household") {
      const status = (loan.householdId && statusOf.get(loan.householdId)) || "none";
      const eligibility = subsidyEligibility({
        amount: loan.principal.toString(),
        termMonths: loan.termMonths,
        householdStatus: status,
        blacklisted: !!loan.householdId && blacklistedHouseholds.has(loan.householdId),
        fraud: fraudLoans.has(loan.id) || (!!loan.householdId && fraudHouseholds.has(loan.householdId)),
        cap,
      });
      const capRate = subsidyCapRate(
        regime === "lpr"
          ? { regime, termMonths: loan.termMonths, disbursedOn: iso(loan.disbursedOn), table: tables.lpr }
          : { regime, termMonths: loan.termMonths, disbursedOn: iso(loan.disbursedOn), table: tables.benchmark },
      );
      // 据实 applies where the portal holds the loan's repayments (see subsidy-timeline.ts).
      const actualInterestPaid = reps.length > 0 ? interestPaidForQuarter({ schedule, repayments: reps, quarter: period }) : undefined;
      const reason = eligibility.reasons.map((r) => r.message).join("；");
      const q = loanQuarterSubsidy({
        quarter: period, balanceSegments: segments, overduePeriods: overdue, contractRate: loan.rate.toString(), capRate,
        actualInterestPaid, eligible: eligibility.eligible, reason, dayCountBasis: basis,
      });
      lines.push({
        loanId: loan.id, kind: "interest", days: q.days, subsidisedDays: q.subsidisedDays, rate: q.rate, amount: q.amount,
        eligible: q.eligible, reason: q.eligible ? (q.limitedByInterestPaid ? "按实付利息据实贴息" : null) : (q.reason ?? null),
        detail: {
          ...base, contractRate: loan.rate.toString(), capRate, regime, computed: q.computed,
          actualInterestPaid: actualInterestPaid ?? null, limitedByInterestPaid: q.limitedByInterestPaid,
          reasons: eligibility.reasons,
        },
      });
      if (feeRates.household && new D(feeRates.household).gt(0)) {
        const g = guaranteeFeeSubsidy({ quarter: period, balanceSegments: segments, rate: feeRates.household, dayCountBasis: basis });
        lines.push({
          loanId: loan.id, kind: "guaranteeFee", days: g.days, subsidisedDays: g.subsidisedDays, rate: g.rate, amount: g.amount,
          eligible: true, reason: null, detail: { contractNumber: loan.contractNumber, balanceSegments: segments },
        });
      }
      continue;
    }

    // Enterprise and cooperative loans.
    if (enterpriseRate && new D(enterpriseRate).gt(0)) {
      const householdsDriven = drivenOf.get(loan.applicationId) ?? 0;
      const blacklisted = !!loan.enterpriseId && blacklistedEnterprises.has(loan.enterpriseId);
      const fraudulent = fraudLoans.has(loan.id);
      const e = enterpriseSubsidy({
        quarter: period, balanceSegments: segments, householdsDriven, quotaPerHousehold: quota, rate: enterpriseRate,
        overduePeriods: overdue, dayCountBasis: basis,
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
        detail: { ...base, householdsDriven, quotaPerHousehold: quota, computed: e.amount },
      });
    }
    if (feeRates.enterprise && new D(feeRates.enterprise).gt(0)) {
      const g = guaranteeFeeSubsidy({ quarter: period, balanceSegments: segments, rate: feeRates.enterprise, dayCountBasis: basis });
      lines.push({
        loanId: loan.id, kind: "guaranteeFee", days: g.days, subsidisedDays: g.subsidisedDays, rate: g.rate, amount: g.amount,
        eligible: true, reason: null, detail: { contractNumber: loan.contractNumber, balanceSegments: segments },
      });
    }
  }
  return lines;
}

const INSERT_CHUNK = 5000;

/**
 * Stores a run's lines, several thousand rows per statement (Prisma's createMany sends one bind
 * parameter per cell and is several times slower for a bank's whole book). The exclusion
 * constraint checks every row as it is inserted.
 */
export async function insertLines(tx: Tx, runId: string, period: Period, lines: readonly ComputedLine[]): Promise<void> {
  for (let i = 0; i < lines.length; i += INSERT_CHUNK) {
    const chunk = lines.slice(i, i + INSERT_CHUNK);
    await tx.$executeRaw`
      INSERT INTO "SubsidyLine" (id, "runId", "loanId", kind, "periodFrom", "periodTo", days, "subsidisedDays", rate, amount, eligible, reason, detail)
      SELECT gen_random_uuid()::text, ${runId}, l."loanId", l.kind::"SubsidyKind", ${period.from}::date, ${period.to}::date, l.days, l."subsidisedDays",
        l.rate, l.amount, l.eligible, l.reason, l.detail
      FROM unnest(
        ${chunk.map((l) => l.loanId)}::text[], ${chunk.map((l) => l.kind)}::text[], ${chunk.map((l) => l.days)}::int[],
        ${chunk.map((l) => l.subsidisedDays)}::int[], ${chunk.map((l) => l.rate)}::numeric[], ${chunk.map((l) => l.amount)}::numeric[],
        ${chunk.map((l) => l.eligible)}::boolean[], ${chunk.map((l) => l.reason)}::text[], ${chunk.map((l) => JSON.stringify(l.detail))}::jsonb[]
      ) AS l("loanId", kind, days, "subsidisedDays", rate, amount, eligible, reason, detail)`;
  }
}
