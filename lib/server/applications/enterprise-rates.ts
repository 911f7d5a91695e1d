import "server-only";
import { rateInForce } from "@/lib/domain/rates";
import { PBOC_BENCHMARK_RATES } from "@/lib/domain/reference/rates-data";
import {
  DEFAULT_COOPERATIVE_MIN_YEARS,
  DEFAULT_ENTERPRISE_RATE_MULTIPLIER,
  DEFAULT_LARGE_LOAN_THRESHOLDS,
  type LargeLoanThresholds,
} from "@/lib/domain/enterprise-eligibility";
import type { Tx } from "../db";
import type { ActiveProfile } from "../policy/active-profile";

/** The benchmark rates in force on a day, by term bucket (≤ 12 months, 13–60, over 60). */
export type BenchmarkRates = { upTo1Year: string; oneTo5Years: string; over5Years: string; effective: string };

const TERMS = [
  ["upTo1Year", "upTo1y"],
  ["oneTo5Years", "1to5y"],
  ["over5Years", "over5y"],
] as const;

/**
 * PBoC benchmark rates in force on `today`, from the rate table the administrator maintains
 * (RateFixing); the shipped reference rows stand in for a table not yet seeded.
 */
export async function benchmarkRatesOn(tx: Tx, today: string): Promise<BenchmarkRates> {
  const rows = await tx.rateFixing.findMany({ where: { kind: "benchmark" }, orderBy: { effectiveFrom: "asc" } });
  const out = { effective: "" } as BenchmarkRates;
  for (const [bucket, term] of TERMS) {
    const table = rows
      .filter((r) => r.term === term)
      .map((r) => ({ effective: r.effectiveFrom.toISOString().slice(0, 10), rate: r.rate.toString() }));
    const row = rateInForce(table.length > 0 ? table : PBOC_BENCHMARK_RATES.map((r) => ({ effective: r.effective, rate: r[bucket] })), today);
    out[bucket] = row.rate;
    if (row.effective > out.effective) out.effective = row.effective;
  }
  return out;
}

/** The benchmark for a term, in the buckets of the PBoC table. */
export function benchmarkForTerm(rates: BenchmarkRates, termMonths: number): string {
  return termMonths <= 12 ? rates.upTo1Year : termMonths <= 60 ? rates.oneTo5Years : rates.over5Years;
}

/** The county's enterprise settings, with the documents' defaults where the profile leaves one unset. */
export function enterpriseSettings(profile: ActiveProfile): {
  rateMultiplier: string;
  cooperativeMinYears: number;
  largeLoanThresholds: LargeLoanThresholds;
} {
  const e = profile.settings.enterprise;
  return {
    rateMultiplier: profile.settings.interest.enterpriseRateMultiplier ?? DEFAULT_ENTERPRISE_RATE_MULTIPLIER,
    cooperativeMinYears: e.cooperativeMinOperatingYears ?? DEFAULT_COOPERATIVE_MIN_YEARS,
    largeLoanThresholds: {
      cooperative: e.largeLoanCooperativeThreshold ?? DEFAULT_LARGE_LOAN_THRESHOLDS.cooperative,
      leadingEnterprise: e.largeLoanEnterpriseThreshold ?? DEFAULT_LARGE_LOAN_THRESHOLDS.leadingEnterprise,
    },
  };
}
