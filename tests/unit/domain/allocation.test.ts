import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateByRatio, parseRatios } from "@/lib/domain/allocation";
import { D } from "@/lib/domain/decimal";
import { amountArb, ratiosArb } from "./arbitraries";
import { codeOf } from "./errors-helper";

const scheme1Household = [
  { party: "county_fund", ratio: "0.30" },
  { party: "bank", ratio: "0.10" },
  { party: "provincial_agri_guarantee", ratio: "0.40" },
  { party: "provincial_guarantee_group", ratio: "0.20" },
];

describe("allocateByRatio", () => {
  it("§15.4: a round loss splits exactly by the scheme 1 household ratios", () => {
    expect(allocateByRatio("50000", scheme1Household)).toEqual([
      { party: "county_fund", amount: "15000.00" },
      { party: "bank", amount: "5000.00" },
      { party: "provincial_agri_guarantee", amount: "20000.00" },
      { party: "provincial_guarantee_group", amount: "10000.00" },
    ]);
  });

  it("§15.4: shares round half-up, not half-even (33.345 → 33.35)", () => {
    // 66.69 × 0.5 = 33.345 → 33.35 each (half-even would give 33.34); sum 66.70 → −0.01 from a
    expect(allocateByRatio("66.69", [{ party: "a", ratio: "0.5" }, { party: "b", ratio: "0.5" }])).toEqual([
      { party: "a", amount: "33.34" },
      { party: "b", amount: "33.35" },
    ]);
  });

  it("§15.4: thirds: 100.01 × 0.3333 = 33.33333 → 33.33; the spare cents go to the 0.3334 party", () => {
    // 33.33 + 33.33 + 33.34 = 100.00; +0.01 to c
    expect(
      allocateByRatio("100.01", [
        { party: "a", ratio: "0.3333" },
        { party: "b", ratio: "0.3333" },
        { party: "c", ratio: "0.3334" },
      ]),
    ).toEqual([
      { party: "a", amount: "33.33" },
      { party: "b", amount: "33.33" },
      { party: "c", amount: "33.35" },
    ]);
  });

  it("§15.4: a positive remainder cent goes to the largest ratio", () => {
    // 0.333 → 0.33, 0.33, 0.334 → 0.33; 1.00 − 0.99 = +0.01 to c
    expect(
      allocateByRatio("1.00", [
        { party: "a", ratio: "0.333" },
        { party: "b", ratio: "0.333" },
        { party: "c", ratio: "0.334" },
      ]),
    ).toEqual([
      { party: "a", amount: "0.33" },
      { party: "b", amount: "0.33" },
      { party: "c", amount: "0.34" },
    ]);
  });

  it("§15.4: a negative remainder is taken from the largest ratio, even when it is listed last", () => {
    // 0.015 → 0.02, 0.015 → 0.02, 0.02; sum 0.06, total 0.05 → −0.01 from c
    expect(
      allocateByRatio("0.05", [
        { party: "a", ratio: "0.3" },
        { party: "b", ratio: "0.3" },
        { party: "c", ratio: "0.4" },
      ]),
    ).toEqual([
      { party: "a", amount: "0.02" },
      { party: "b", amount: "0.02" },
      { party: "c", amount: "0.01" },
    ]);
  });

  it("§15.4: on a tie for the largest ratio the first listed takes the remainder", () => {
    // 0.005 → 0.01 each; sum 0.02, total 0.01 → −0.01 from the first
    expect(allocateByRatio("0.01", [{ party: "a", ratio: "0.5" }, { party: "b", ratio: "0.5" }])).toEqual([
      { party: "a", amount: "0.00" },
      { party: "b", amount: "0.01" },
    ]);
  });

  it("§15.4: the amount itself is rounded half-up to the fen before the remainder is found", () => {
    // 100.005 × 0.5 = 50.0025 → 50.00 each; total 100.01 → +0.01 to the first
    expect(allocateByRatio("100.005", [{ party: "a", ratio: "0.5" }, { party: "b", ratio: "0.5" }])).toEqual([
      { party: "a", amount: "50.01" },
      { party: "b", amount: "50.00" },
    ]);
    expect(allocateByRatio("100.004", [{ party: "a", ratio: "1" }])).toEqual([{ party: "a", amount: "100.00" }]);
    expect(allocateByRatio("100.005", [{ party: "a", ratio: "1" }])).toEqual([{ party: "a", amount: "100.01" }]);
  });

  it("§15.4: a negative amount is shared the same way, as the mirror of the positive split", () => {
    expect(
      allocateByRatio("-0.05", [
        { party: "a", ratio: "0.3" },
        { party: "b", ratio: "0.3" },
        { party: "c", ratio: "0.4" },
      ]),
    ).toEqual([
      { party: "a", amount: "-0.02" },
      { party: "b", amount: "-0.02" },
      { party: "c", amount: "-0.01" },
    ]);
    expect(allocateByRatio("-1000", scheme1Household).map((s) => s.amount)).toEqual([
      "-300.00",
      "-100.00",
      "-400.00",
      "-200.00",
    ]);
  });

  it("§15.4: zero amounts give 0.00 to everyone, never -0.00", () => {
    expect(allocateByRatio("0", scheme1Household).map((s) => s.amount)).toEqual(["0.00", "0.00", "0.00", "0.00"]);
    expect(allocateByRatio("-0.004", scheme1Household).map((s) => s.amount)).toEqual(["0.00", "0.00", "0.00", "0.00"]);
  });

  it("§15.4: a party with ratio 0 stays in the list with 0.00; input order is kept", () => {
    expect(
      allocateByRatio("999.99", [
        { party: "small", ratio: "0" },
        { party: "big", ratio: "0.9" },
        { party: "mid", ratio: "0.1" },
      ]),
    ).toEqual([
      // 899.991 → 899.99, 99.999 → 100.00; sum 999.99
      { party: "small", amount: "0.00" },
      { party: "big", amount: "899.99" },
      { party: "mid", amount: "100.00" },
    ]);
  });

  it("§15.4: a single party with ratio 1 takes the whole amount", () => {
    expect(allocateByRatio("1234.5", [{ party: "county_fund", ratio: "1.0000" }])).toEqual([
      { party: "county_fund", amount: "1234.50" },
    ]);
  });

  it("§15.4: very large amounts stay exact", () => {
    expect(allocateByRatio("12345678901234.57", [{ party: "a", ratio: "0.5" }, { party: "b", ratio: "0.5" }])).toEqual([
      // 6172839450617.285 → …29 each; sum …14.58 → −0.01 from a
      { party: "a", amount: "6172839450617.28" },
      { party: "b", amount: "6172839450617.29" },
    ]);
  });

  it("§15.2: ratios that sum to 0.99 or 1.0001 are refused with RATIOS_NOT_100", () => {
    expect(codeOf(() => allocateByRatio("1", [{ party: "a", ratio: "0.99" }]))).toBe("RATIOS_NOT_100");
    expect(codeOf(() => allocateByRatio("1", [{ party: "a", ratio: "0.5" }, { party: "b", ratio: "0.5001" }]))).toBe(
      "RATIOS_NOT_100",
    );
    expect(() => allocateByRatio("1", [{ party: "a", ratio: "0.99" }])).toThrow("分担比例合计须恰好为 100%，当前为 99%");
  });

  it("§15.2: an empty ratio list sums to 0 and is refused with RATIOS_NOT_100", () => {
    expect(codeOf(() => allocateByRatio("100", []))).toBe("RATIOS_NOT_100");
    expect(codeOf(() => allocateByRatio("100", null as never))).toBe("RATIOS_NOT_100");
  });

  it("§15.4: a negative ratio is refused even when the sum is 1", () => {
    expect(codeOf(() => allocateByRatio("1", [{ party: "a", ratio: "-0.1" }, { party: "b", ratio: "1.1" }]))).toBe(
      "NEGATIVE_RATIO",
    );
  });

  it("§15.4: malformed amounts, ratios and parties are refused with stable codes", () => {
    expect(codeOf(() => allocateByRatio("abc", scheme1Household))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => allocateByRatio("1e3", scheme1Household))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => allocateByRatio(100 as never, scheme1Household))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => allocateByRatio("1", [{ party: "a", ratio: "50%" }]))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => allocateByRatio("1", [{ party: "", ratio: "1" }]))).toBe("INVALID_PARTY");
    expect(codeOf(() => allocateByRatio("1", [null as never]))).toBe("INVALID_PARTY");
    expect(
      codeOf(() => allocateByRatio("1", [{ party: "a", ratio: "0.5" }, { party: "a", ratio: "0.5" }])),
    ).toBe("DUPLICATE_PARTY");
  });

  it("§15.2: parseRatios returns Decimals in input order", () => {
    expect(parseRatios([{ party: "x", ratio: "0.25" }, { party: "y", ratio: "0.75" }]).map((r) => r.ratio.toFixed(2))).toEqual([
      "0.25",
      "0.75",
    ]);
  });
});

describe("allocateByRatio properties", () => {
  it("§15.4: shares always add up exactly to the amount rounded to the fen", () => {
    fc.assert(
      fc.property(amountArb, ratiosArb, (amount, ratios) => {
        const shares = allocateByRatio(amount, ratios);
        const sum = shares.reduce((acc, s) => acc.plus(s.amount), new D(0));
        expect(sum.equals(new D(amount).toDecimalPlaces(2, D.ROUND_HALF_UP))).toBe(true);
        expect(shares.map((s) => s.party)).toEqual(ratios.map((r) => r.party));
        for (const s of shares) expect(s.amount).toMatch(/^-?\d+\.\d{2}$/);
      }),
      { numRuns: 500 },
    );
  });

  it("§15.4: each share is within (number of parties × 0.01) of amount × ratio", () => {
    fc.assert(
      fc.property(amountArb, ratiosArb, (amount, ratios) => {
        const shares = allocateByRatio(amount, ratios);
        const bound = new D(ratios.length).times("0.01");
        shares.forEach((s, i) => {
          const exact = new D(amount).times(ratios[i].ratio);
          expect(new D(s.amount).minus(exact).abs().lessThan(bound)).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("§15.4: splitting −x gives exactly the negated split of x", () => {
    fc.assert(
      fc.property(amountArb, ratiosArb, (amount, ratios) => {
        const negated = amount.startsWith("-") ? amount.slice(1) : `-${amount}`;
        const a = allocateByRatio(amount, ratios).map((s) => new D(s.amount));
        const b = allocateByRatio(negated, ratios).map((s) => new D(s.amount));
        a.forEach((x, i) => expect(x.plus(b[i]).isZero()).toBe(true));
      }),
      { numRuns: 300 },
    );
  });
});
