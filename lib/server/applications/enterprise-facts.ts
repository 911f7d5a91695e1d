import "server-only";
import type { Enterprise } from "@/generated/prisma/client";
import { checkEnterpriseLoan, type EnterpriseLoanCheck, type EnterpriseViolationCode } from "@/lib/domain/enterprise-eligibility";
import { NEVER_ELIGIBLE_STATUSES, type HouseholdStatus } from "@/lib/domain/eligibility";
import type { Tx } from "../db";
import type { FieldErrors } from "../errors";
import type { ActiveProfile } from "../policy/active-profile";
import { iso, monthsOperating } from "../enterprises/enterprise-records";
import { benchmarkForTerm, benchmarkRatesOn, enterpriseSettings } from "./enterprise-rates";

/** Where each of the policy engine's enterprise violations is shown on the application form. */
export const ENTERPRISE_VIOLATION_FIELDS: Record<string, string> = {
  monthsOperating: "enterpriseId",
  enterprise: "enterpriseId",
  householdsDriven: "householdIds",
  requestedRate: "requestedRate",
  fourPartyAgreementSigned: "agreementParties",
  useOfFundsPlanAttached: "planSchedule",
};

/** The household statuses an enterprise may count as driven: the profile's eligible ones, never the excluded. */
export function drivableStatuses(profile: ActiveProfile): HouseholdStatus[] {
  return profile.settings.householdLoanCap.eligibleStatuses.filter((s) => !NEVER_ELIGIBLE_STATUSES.includes(s));
}

export type EnterpriseAssessment = EnterpriseLoanCheck & { benchmarkRate: string; monthsOperating: number };

/**
 * POLICY §2–4 for one enterprise loan as the policy engine sees it today: operating age from the
 * licence date, the benchmark for the term from the rate table in force, the county's multiplier
 * and large-loan thresholds, and the enterprise's blacklist status. The portal collects the signed
 * four-party agreement with the application (issue 4, step 2), so its absence counts already.
 */
export async function assessEnterpriseLoan(
  tx: Tx,
  o: {
    enterprise: Enterprise;
    amount: string;
    termMonths: number;
    requestedRate: string;
    householdsDriven: number;
    agreement: boolean;
    plan: boolean;
    today: string;
    profile: ActiveProfile;
  },
): Promise<EnterpriseAssessment> {
  const settings = enterpriseSettings(o.profile);
  const [rates, blacklist] = await Promise.all([
    benchmarkRatesOn(tx, o.today),
    tx.blacklistEntry.count({ where: { enterpriseId: o.enterprise.id, status: { in: ["active", "removalPending"] } } }),
  ]);
  const benchmarkRate = benchmarkForTerm(rates, o.termMonths);
  const months = monthsOperating(iso(o.enterprise.operatingSince), o.today);
  const check = checkEnterpriseLoan({
    kind: o.enterprise.kind,
    monthsOperating: months,
    amount: o.amount,
    requestedRate: o.requestedRate,
    benchmarkRate,
    rateMultiplier: settings.rateMultiplier,
    cooperativeMinYears: settings.cooperativeMinYears,
    largeLoanThresholds: settings.largeLoanThresholds,
    blacklisted: blacklist > 0,
    householdsDriven: o.householdsDriven,
    fourPartyAgreementSigned: o.agreement,
    useOfFundsPlanAttached: o.plan,
    stage: "disbursement",
  });
  return { ...check, benchmarkRate, monthsOperating: months };
}

/** The violations (but those in `skip`) as messages at their form fields. */
export function violationFieldErrors(check: EnterpriseLoanCheck, skip: readonly EnterpriseViolationCode[] = []): FieldErrors {
  const out: FieldErrors = {};
  for (const v of check.violations) {
    if (skip.includes(v.code)) continue;
    (out[ENTERPRISE_VIOLATION_FIELDS[v.field] ?? "_form"] ??= []).push(v.message);
  }
  return out;
}
