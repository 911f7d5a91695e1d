/**
 * Reference rates (RATES.md), seed data a county admin may extend. Rates are annual, as decimal
 * fractions ("0.0435" = 4.35%). Each row holds from its effective date until the next row.
 */

/** PBoC benchmark lending rates (贷款基准利率) by term bucket. */
export type BenchmarkRateRow = {
  effective: string;
  /** Terms up to and including one year (一年以内（含一年）). */
  upTo1Year: string;
  /** Over one year up to and including five years (一至五年（含五年）). */
  oneTo5Years: string;
  /** Over five years (五年以上). */
  over5Years: string;
};

/**
 * Only the last change (2015-10-24) is shipped: every policy here (2017 onwards) post-dates it,
 * and the earlier 2015 rows used different term buckets, so they would add risk without use.
 */
export const PBOC_BENCHMARK_RATES: readonly BenchmarkRateRow[] = [
  { effective: "2015-10-24", upTo1Year: "0.0435", oneTo5Years: "0.0475", over5Years: "0.0490" },
];

/** Loan Prime Rate fixings (贷款市场报价利率), changes only. */
export type LprRow = { effective: string; oneYear: string; fiveYearPlus: string };

/**
 * RATES.md, from the reformed LPR's first fixing (2019-08-20). Checked for later changes: the
 * fixings stayed at 3.00% / 3.50% through 2025-10-20 (investinglive.com, "People's Bank of China
 * set 1 and 5 year Loan Prime Rate (LPR) rates unchanged", 2025-10-20); no later change could be
 * confirmed, so none is added.
 */
export const LPR_FIXINGS: readonly LprRow[] = [
  { effective: "2019-08-20", oneYear: "0.0425", fiveYearPlus: "0.0485" },
  { effective: "2019-09-20", oneYear: "0.0420", fiveYearPlus: "0.0485" },
  { effective: "2019-11-20", oneYear: "0.0415", fiveYearPlus: "0.0480" },
  { effective: "2020-02-20", oneYear: "0.0405", fiveYearPlus: "0.0475" },
  { effective: "2020-04-20", oneYear: "0.0385", fiveYearPlus: "0.0465" },
  { effective: "2021-12-20", oneYear: "0.0380", fiveYearPlus: "0.0465" },
  { effective: "2022-01-20", oneYear: "0.0370", fiveYearPlus: "0.0460" },
  { effective: "2022-05-20", oneYear: "0.0370", fiveYearPlus: "0.0445" },
  { effective: "2022-08-22", oneYear: "0.0365", fiveYearPlus: "0.0430" },
  { effective: "2023-06-20", oneYear: "0.0355", fiveYearPlus: "0.0420" },
  { effective: "2023-08-21", oneYear: "0.0345", fiveYearPlus: "0.0420" },
  { effective: "2024-02-20", oneYear: "0.0345", fiveYearPlus: "0.0395" },
  { effective: "2024-07-22", oneYear: "0.0335", fiveYearPlus: "0.0385" },
  { effective: "2024-10-21", oneYear: "0.0310", fiveYearPlus: "0.0360" },
  { effective: "2025-05-20", oneYear: "0.0300", fiveYearPlus: "0.0350" },
];
