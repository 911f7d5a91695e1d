import { dec, formatRatio } from "./decimal";
import { DomainError } from "./errors";
import { compareDates, parseDate } from "./calendar";
import {
  LPR_FIXINGS,
  PBOC_BENCHMARK_RATES,
  type BenchmarkRateRow,
  type LprRow,
} from "./reference/rates-data";

export type RateRegime = "benchmark" | "lpr";

/**
 * The row in force on `date`: the last row whose effective date is on or before it. Tables must
 * be sorted by effective date (checked, because a mis-sorted seed would silently pick a wrong rate).
 */
export function rateInForce<T extends { effective: string }>(table: readonly T[], date: string): T {
  parseDate(date, "date");
  if (!Array.isArray(table) || table.length === 0) {
    throw new DomainError("RATE_NOT_AVAILABLE", "利率表为空", "table");
  }
  let found: T | undefined;
  for (let i = 0; i < table.length; i++) {
    parseDate(table[i]?.effective, `table[${i}].effective`);
    if (i > 0 && compareDates(table[i - 1].effective, table[i].effective) >= 0) {
      throw new DomainError("INVALID_RATE_TABLE", "利率表须按生效日期升序排列且日期不重复", `table[${i}].effective`);
    }
    if (compareDates(table[i].effective, date) <= 0) found = table[i];
  }
  if (!found) {
    throw new DomainError("RATE_NOT_AVAILABLE", `${date} 之前没有可用的利率（最早为 ${table[0].effective}）`, "date");
  }
  return found;
}

function requireTerm(termMonths: number): void {
  if (typeof termMonths !== "number" || !Number.isInteger(termMonths) || termMonths < 1) {
    throw new DomainError("INVALID_TERM", `贷款期限（月）必须是正整数：${String(termMonths)}`, "termMonths");
  }
}

export type CapRateDetail = {
  rate: string;
  /** Effective date of the row used. */
  effective: string;
  tenor: "upTo1Year" | "oneTo5Years" | "over5Years" | "oneYear" | "fiveYearPlus";
};

type CapRateInput =
  | { regime: "benchmark"; termMonths: number; disbursedOn: string; table?: readonly BenchmarkRateRow[] }
  | { regime: "lpr"; termMonths: number; disbursedOn: string; table?: readonly LprRow[] };

/**
 * POLICY §15.6 (and D for LPR): the subsidy cap is the rate in force on the disbursement date
 * for the loan's term. Benchmark: ≤ 12 months the ≤ 1-year rate, 13–60 months the 1–5-year
 * rate, over 60 the over-5-year rate. LPR has only two tenors: ≤ 12 months the 1-year LPR,
 * anything longer the 5-year-and-above LPR (D names it for 1–3-year loans; the household term
 * cap is checked elsewhere, not here).
 */
export function subsidyCapRateDetail(o: CapRateInput): CapRateDetail {
  if (o === null || typeof o !== "object") {
    throw new DomainError("INVALID_REGIME", "缺少贴息利率参数", "regime");
  }
  requireTerm(o.termMonths);
  if (o.regime === "benchmark") {
    const row = rateInForce(o.table ?? PBOC_BENCHMARK_RATES, o.disbursedOn);
    const tenor = o.termMonths <= 12 ? "upTo1Year" : o.termMonths <= 60 ? "oneTo5Years" : "over5Years";
    return { rate: formatRatio(dec(row[tenor], `table.${tenor}`)), effective: row.effective, tenor };
  }
  if (o.regime === "lpr") {
    const row = rateInForce(o.table ?? LPR_FIXINGS, o.disbursedOn);
    const tenor = o.termMonths <= 12 ? "oneYear" : "fiveYearPlus";
    return { rate: formatRatio(dec(row[tenor], `table.${tenor}`)), effective: row.effective, tenor };
  }
  throw new DomainError("INVALID_REGIME", `贴息利率基准须为 benchmark（基准利率）或 lpr：${String((o as { regime: unknown }).regime)}`, "regime");
}

/** The cap rate alone, e.g. "0.0435", to pass as interestSubsidy's capRate. */
export function subsidyCapRate(o: CapRateInput): string {
  return subsidyCapRateDetail(o).rate;
}

/**
 * P-Imp 四(二): enterprise loans may be priced at most benchmark × multiplier (1.10 by the
 * document, a setting). Exact: 0.0435 × 1.10 = 0.04785, not rounded.
 */
export function enterpriseRateCap(benchmarkRate: string, multiplier: string): string {
  const rate = dec(benchmarkRate, "benchmarkRate");
  const factor = dec(multiplier, "multiplier");
  if (rate.isNegative() || factor.isNegative()) {
    throw new DomainError("INVALID_RATE", "利率与上浮倍数不能为负数", rate.isNegative() ? "benchmarkRate" : "multiplier");
  }
  return formatRatio(rate.times(factor));
}
