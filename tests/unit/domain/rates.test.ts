import { describe, expect, it } from "vitest";
import { enterpriseRateCap, rateInForce, subsidyCapRate, subsidyCapRateDetail } from "@/lib/domain/rates";
import { LPR_FIXINGS, PBOC_BENCHMARK_RATES } from "@/lib/domain/reference/rates-data";
import { codeOf } from "./errors-helper";

describe("reference rate tables", () => {
  it("RATES.md: the benchmark row of 2015-10-24 is 4.35% / 4.75% / 4.90%", () => {
    expect(PBOC_BENCHMARK_RATES).toEqual([
      { effective: "2015-10-24", upTo1Year: "0.0435", oneTo5Years: "0.0475", over5Years: "0.0490" },
    ]);
  });

  it("RATES.md: the LPR table holds the 15 changes from 2019-08-20 to 2025-05-20, sorted", () => {
    expect(LPR_FIXINGS).toHaveLength(15);
    expect(LPR_FIXINGS[0]).toEqual({ effective: "2019-08-20", oneYear: "0.0425", fiveYearPlus: "0.0485" });
    expect(LPR_FIXINGS[14]).toEqual({ effective: "2025-05-20", oneYear: "0.0300", fiveYearPlus: "0.0350" });
    for (let i = 1; i < LPR_FIXINGS.length; i++) {
      expect(LPR_FIXINGS[i].effective > LPR_FIXINGS[i - 1].effective).toBe(true);
      // "changes only": no row repeats its predecessor
      expect(
        LPR_FIXINGS[i].oneYear !== LPR_FIXINGS[i - 1].oneYear || LPR_FIXINGS[i].fiveYearPlus !== LPR_FIXINGS[i - 1].fiveYearPlus,
      ).toBe(true);
    }
  });
});

describe("rateInForce", () => {
  it("RATES.md: a row holds from its effective date (inclusive) until the next row", () => {
    expect(rateInForce(LPR_FIXINGS, "2024-10-20").effective).toBe("2024-07-22");
    expect(rateInForce(LPR_FIXINGS, "2024-10-21").effective).toBe("2024-10-21");
    expect(rateInForce(LPR_FIXINGS, "2025-05-19").oneYear).toBe("0.0310");
    expect(rateInForce(LPR_FIXINGS, "2025-05-20").oneYear).toBe("0.0300");
    expect(rateInForce(LPR_FIXINGS, "2030-01-01").effective).toBe("2025-05-20");
    expect(rateInForce(PBOC_BENCHMARK_RATES, "2017-08-28").upTo1Year).toBe("0.0435");
  });

  it("§15.6: a date before the first row → RATE_NOT_AVAILABLE", () => {
    expect(codeOf(() => rateInForce(LPR_FIXINGS, "2019-08-19"))).toBe("RATE_NOT_AVAILABLE");
    expect(codeOf(() => rateInForce(PBOC_BENCHMARK_RATES, "2015-10-23"))).toBe("RATE_NOT_AVAILABLE");
    expect(codeOf(() => rateInForce([], "2020-01-01"))).toBe("RATE_NOT_AVAILABLE");
  });

  it("RATES.md: unsorted or malformed tables and dates are refused", () => {
    const unsorted = [
      { effective: "2020-02-20", oneYear: "0.0405", fiveYearPlus: "0.0475" },
      { effective: "2019-08-20", oneYear: "0.0425", fiveYearPlus: "0.0485" },
    ];
    expect(codeOf(() => rateInForce(unsorted, "2021-01-01"))).toBe("INVALID_RATE_TABLE");
    expect(codeOf(() => rateInForce([unsorted[0], unsorted[0]], "2021-01-01"))).toBe("INVALID_RATE_TABLE");
    expect(codeOf(() => rateInForce([{ effective: "2020-02-30" }], "2021-01-01"))).toBe("INVALID_DATE");
    expect(codeOf(() => rateInForce(LPR_FIXINGS, "2021-13-01"))).toBe("INVALID_DATE");
    expect(codeOf(() => rateInForce(null as never, "2021-01-01"))).toBe("RATE_NOT_AVAILABLE");
  });
});

describe("subsidyCapRate", () => {
  it("§15.6 benchmark: ≤ 12 months uses the ≤ 1-year rate 4.35%", () => {
    expect(subsidyCapRate({ regime: "benchmark", termMonths: 12, disbursedOn: "2018-03-01" })).toBe("0.0435");
    expect(subsidyCapRate({ regime: "benchmark", termMonths: 1, disbursedOn: "2018-03-01" })).toBe("0.0435");
  });

  it("§15.6 benchmark: 13 to 60 months use the 1–5-year rate 4.75%", () => {
    expect(subsidyCapRate({ regime: "benchmark", termMonths: 13, disbursedOn: "2018-03-01" })).toBe("0.0475");
    expect(subsidyCapRate({ regime: "benchmark", termMonths: 36, disbursedOn: "2018-03-01" })).toBe("0.0475");
    expect(subsidyCapRate({ regime: "benchmark", termMonths: 60, disbursedOn: "2018-03-01" })).toBe("0.0475");
  });

  it("§15.6 benchmark: over 60 months uses the over-5-year rate 4.90%", () => {
    expect(subsidyCapRate({ regime: "benchmark", termMonths: 61, disbursedOn: "2018-03-01" })).toBe("0.0490");
  });

  it("D / §15.6 LPR: ≤ 12 months the 1-year LPR, 13–36 months the 5-year-and-above LPR, in force on disbursement", () => {
    expect(subsidyCapRate({ regime: "lpr", termMonths: 12, disbursedOn: "2023-08-04" })).toBe("0.0355");
    expect(subsidyCapRate({ regime: "lpr", termMonths: 13, disbursedOn: "2023-08-04" })).toBe("0.0420");
    expect(subsidyCapRate({ regime: "lpr", termMonths: 36, disbursedOn: "2023-08-21" })).toBe("0.0420");
    expect(subsidyCapRate({ regime: "lpr", termMonths: 12, disbursedOn: "2023-08-21" })).toBe("0.0345");
    expect(subsidyCapRate({ regime: "lpr", termMonths: 36, disbursedOn: "2025-06-01" })).toBe("0.0350");
  });

  it("§15.6: the detail names the row and tenor used", () => {
    expect(subsidyCapRateDetail({ regime: "lpr", termMonths: 24, disbursedOn: "2024-12-01" })).toEqual({
      rate: "0.0360",
      effective: "2024-10-21",
      tenor: "fiveYearPlus",
    });
    expect(subsidyCapRateDetail({ regime: "benchmark", termMonths: 6, disbursedOn: "2017-09-01" })).toEqual({
      rate: "0.0435",
      effective: "2015-10-24",
      tenor: "upTo1Year",
    });
  });

  it("§15.6: a county's own table (e.g. with later fixings) is used when given", () => {
    const table = [...LPR_FIXINGS, { effective: "2026-01-20", oneYear: "0.0290", fiveYearPlus: "0.034" }];
    expect(subsidyCapRate({ regime: "lpr", termMonths: 36, disbursedOn: "2026-02-01", table })).toBe("0.0340");
  });

  it("§15.6: before the first fixing → RATE_NOT_AVAILABLE", () => {
    expect(codeOf(() => subsidyCapRate({ regime: "lpr", termMonths: 12, disbursedOn: "2019-08-19" }))).toBe("RATE_NOT_AVAILABLE");
    expect(codeOf(() => subsidyCapRate({ regime: "benchmark", termMonths: 12, disbursedOn: "2015-01-01" }))).toBe(
      "RATE_NOT_AVAILABLE",
    );
  });

  it("§15.6: invalid terms, regimes and dates are refused", () => {
    expect(codeOf(() => subsidyCapRate({ regime: "lpr", termMonths: 0, disbursedOn: "2024-01-01" }))).toBe("INVALID_TERM");
    expect(codeOf(() => subsidyCapRate({ regime: "lpr", termMonths: 6.5, disbursedOn: "2024-01-01" }))).toBe("INVALID_TERM");
    expect(codeOf(() => subsidyCapRate({ regime: "fixed" as never, termMonths: 6, disbursedOn: "2024-01-01" }))).toBe(
      "INVALID_REGIME",
    );
    expect(codeOf(() => subsidyCapRate(null as never))).toBe("INVALID_REGIME");
    expect(codeOf(() => subsidyCapRate({ regime: "lpr", termMonths: 6, disbursedOn: "2024-02-30" }))).toBe("INVALID_DATE");
  });
});

describe("enterpriseRateCap", () => {
  it("P-Imp 四(二): enterprise rate cap = 4.35% × 1.10 = 4.785%, exact", () => {
    expect(enterpriseRateCap("0.0435", "1.10")).toBe("0.04785");
    expect(enterpriseRateCap("0.0475", "1.1")).toBe("0.05225");
    expect(enterpriseRateCap("0.0400", "1.10")).toBe("0.0440");
    expect(enterpriseRateCap("0", "1.10")).toBe("0.0000");
  });

  it("P-Imp 四(二): invalid rates or multipliers are refused", () => {
    expect(codeOf(() => enterpriseRateCap("-0.01", "1.1"))).toBe("INVALID_RATE");
    expect(codeOf(() => enterpriseRateCap("0.0435", "-1"))).toBe("INVALID_RATE");
    expect(codeOf(() => enterpriseRateCap("4.35%", "1.1"))).toBe("INVALID_DECIMAL");
  });
});
