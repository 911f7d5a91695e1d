import { z } from "zod";
import { CREDIT_GRADES } from "./credit";
import { HOUSEHOLD_STATUSES } from "./eligibility";
import { BORROWER_CLASSES } from "./reference/sharing-schemes";

/**
 * A county's policy profile: every number and choice POLICY.md §14–15 leaves to the county,
 * plus the operational numbers the app needs. Stored as JSON; amounts and rates are decimal
 * strings, counts are integers.
 *
 * `null` means "not set". Whether that is acceptable when the profile is activated depends on
 * the setting (SETTING_META.nullMeans, and validateProfileForActivation): a blank cell of the
 * adopted document must be filled, while e.g. a lender breaker threshold may stay null because
 * that rule does not exist in Henan.
 */

// Non-negative amounts in yuan with at most two decimals ("50000", "20000000.00").
const money = z.string().regex(/^\d+(\.\d{1,2})?$/, { message: "须为非负金额（最多两位小数）" });
// Fractions from 0 to 1 inclusive ("0.05", "1", "0.0435").
const fraction = z.string().regex(/^(0(\.\d+)?|1(\.0+)?)$/, { message: "须为 0 到 1 之间的小数" });
// A positive factor such as a rate multiplier ("1.10").
const factor = z.string().regex(/^\d+(\.\d+)?$/, { message: "须为非负小数" });
const count = z.number().int().min(0);
const positive = z.number().int().min(1);
const score = z.number().int().min(0).max(100);

export const RATE_REGIMES = ["benchmark", "lpr"] as const;
export const SHARING_SCHEMES = ["scheme1", "scheme2", "negotiated", "luolong", "guizhou"] as const;
export const BREAKER_COMPARISONS = ["gt", "gte"] as const;
export const BUFFER_UNITS = ["days", "months"] as const;
export const PUBLICITY_RUNNERS = ["township", "county"] as const;
export const REPAYMENT_SCHEDULES = ["quarterlyInterestBullet", "equalInstalments"] as const;

/** One party's share; `ratio` null until the agreement that fixes it is entered. */
const partyRatio = z.strictObject({
  party: z.string().min(1),
  ratio: fraction.nullable(),
});

const ratioList = z.array(partyRatio).nullable();

const sharingRatios = z.strictObject(
  Object.fromEntries(BORROWER_CLASSES.map((c) => [c, ratioList])) as Record<
    (typeof BORROWER_CLASSES)[number],
    typeof ratioList
  >,
);

export const PolicyProfileSettings = z.strictObject({
  /** Shaped like checkHouseholdLoan's `cap`, so it can be passed on once complete. */
  householdLoanCap: z.strictObject({
    amount: money.nullable(),
    termMonths: positive.nullable(),
    minGrade: z.enum(CREDIT_GRADES).nullable(),
    eligibleStatuses: z.array(z.enum(HOUSEHOLD_STATUSES)),
    /** G: the 5万 is a hard lending cap; P/Z/D: the scope of the interest subsidy. */
    capIsHardLimit: z.boolean(),
  }),
  interest: z.strictObject({
    householdRateRegime: z.enum(RATE_REGIMES).nullable(),
    enterpriseRateMultiplier: factor.nullable(),
    dayCountBasis: positive,
    settlement: z.strictObject({
      months: z
        .array(z.number().int().min(1).max(12))
        .min(1)
        .refine((m) => m.every((v, i) => i === 0 || v > m[i - 1]), { message: "结息月份须升序且不重复" }),
      day: z.number().int().min(1).max(28),
    }),
    /** G 二(四): the subsidy period follows renewals and extensions. */
    subsidyIncludesRenewals: z.boolean(),
  }),
  enterprise: z.strictObject({
    /** "0" where the document grants none (G). */
    subsidyRate: fraction.nullable(),
    subsidyPrincipalPerHousehold: money.nullable(),
    cooperativeMinOperatingYears: count.nullable(),
    largeLoanCooperativeThreshold: money.nullable(),
    largeLoanEnterpriseThreshold: money.nullable(),
    siteVisitsPerQuarter: count.nullable(),
  }),
  guaranteeFees: z.strictObject({
    householdRate: fraction.nullable(),
    enterpriseRate: fraction.nullable(),
    /** Subsidy paid to the guarantee agency, per year on the guaranteed balance. */
    householdSubsidyRate: fraction.nullable(),
    enterpriseSubsidyRate: fraction.nullable(),
  }),
  defaultHandling: z.strictObject({
    bufferUnit: z.enum(BUFFER_UNITS),
    bufferDays: count.nullable(),
    bufferUsualMaxMonths: count.nullable(),
    bufferHardMaxMonths: count.nullable(),
    splitWorkingDays: count.nullable(),
    recoveryReturnWorkingDays: count.nullable(),
    claimChainEnabled: z.boolean(),
  }),
  breaker: z.strictObject({
    township: fraction.nullable(),
    village: fraction.nullable(),
    lender: fraction.nullable(),
    comparison: z.enum(BREAKER_COMPARISONS),
    nonPerformingOverdueDays: positive,
  }),
  credit: z.strictObject({
    /** Lowest score of each grade; below B's is C. */
    bands: z.strictObject({ AAA: score, AA: score, A: score, B: score }),
    creditVillageThreshold: fraction.nullable(),
    creditTownshipThreshold: fraction.nullable(),
  }),
  sharing: z.strictObject({
    scheme: z.enum(SHARING_SCHEMES).nullable(),
    ratios: sharingRatios,
  }),
  process: z.strictObject({
    publicityWorkingDays: count,
    publicityRunBy: z.enum(PUBLICITY_RUNNERS),
    bankProcessingWorkingDays: count,
    reminderDaysBeforeDue: count,
    writtenNoticeDaysBeforeDue: count,
    usageSurveyIntervalMonths: positive,
    repaymentSchedule: z.enum(REPAYMENT_SCHEDULES),
  }),
  riskFund: z.strictObject({
    initialCapital: money.nullable(),
    minFundToBalanceRatio: fraction.nullable(),
    topUpShareOfRevenueIncrease: fraction.nullable(),
    municipalGuaranteeFund: money.nullable(),
  }),
  evaluation: z.strictObject({
    indicatorWeight: fraction,
    structuralWeight: fraction,
    gradeGoodMin: score,
    gradeFairMin: score,
    gradeAverageMin: score,
  }),
});

export type PolicyProfileSettings = z.infer<typeof PolicyProfileSettings>;

/**
 * Dotted paths of the leaf settings ("breaker.township", "sharing.ratios.household"). Lists and
 * scalars are leaves; nested objects are walked.
 */
export type SettingPath = LeafPaths<PolicyProfileSettings>;

type LeafPaths<T, Prefix extends string = ""> = {
  [K in keyof T & string]: NonNullable<T[K]> extends readonly unknown[]
    ? `${Prefix}${K}`
    : NonNullable<T[K]> extends object
      ? LeafPaths<NonNullable<T[K]>, `${Prefix}${K}.`>
      : `${Prefix}${K}`;
}[keyof T & string];
