import { describe, expect, it } from "vitest";
import {
  bankEvaluation,
  bankGradeBandsFromMinima,
  DEFAULT_BANK_EVALUATION_WEIGHTS,
  DEFAULT_BANK_GRADE_BANDS,
  evaluateBank,
  P_EVAL_SCORECARD,
} from "@/lib/domain/bank-evaluation";
import { codeOf } from "./errors-helper";

// P-Eval item maxima, written out from POLICY §11 (item number → max).
const MAXIMA: Record<number, string> = {
  1: "5", 2: "5", 3: "5", 4: "5", 5: "6", 6: "4",
  7: "5", 8: "5", 9: "5", 10: "10", 11: "10", 12: "5", 13: "10", 14: "10",
  15: "10", 16: "5", 17: "5", 18: "10", 19: "5", 20: "6", 21: "10", 22: "4",
  23: "2", 24: "4", 25: "10", 26: "4", 27: "4", 28: "10", 29: "10", 30: "10",
};

// Every item at its maximum except those zeroed (left out, so they count 0).
function fullExcept(zeroed: number[], extra: Record<number, string> = {}): Record<number, string> {
  const items: Record<number, string> = {};
  for (const [k, v] of Object.entries(MAXIMA)) if (!zeroed.includes(+k)) items[+k] = v;
  return { ...items, ...extra };
}

const same = (s: string) => [s, s, s];

describe("P_EVAL_SCORECARD", () => {
  it("P-Eval: 10 categories, caps total 100, 30 items whose maxima total 199", () => {
    expect(P_EVAL_SCORECARD.map((c) => `${c.key}${c.name}${c.cap}`)).toEqual([
      "一组织领导5", "二健全制度5", "三评级授信5", "四信贷投放30", "五利率执行10",
      "六网点覆盖3", "七金融创新15", "八沟通协作10", "九信息报送7", "十其他10",
    ]);
    const items = P_EVAL_SCORECARD.flatMap((c) => c.items);
    expect(items.map((i) => i.number)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(Object.fromEntries(items.map((i) => [i.number, i.maxPoints]))).toEqual(MAXIMA);
    expect(items.filter((i) => i.requiresReason).map((i) => i.number)).toEqual([29]);
  });

  it("§15.9: defaults 0.9 / 0.1 and grade bands 85 / 70 / 50", () => {
    expect(DEFAULT_BANK_EVALUATION_WEIGHTS).toEqual({ indicator: "0.9", structural: "0.1" });
    expect(DEFAULT_BANK_GRADE_BANDS).toEqual([
      { grade: "好", min: "85" },
      { grade: "较好", min: "70" },
      { grade: "一般", min: "50" },
      { grade: "差", min: "0" },
    ]);
  });
});

describe("bankEvaluation (CONTRACT)", () => {
  it("§15.9: every item at its maximum → indicator 100.00; structural 100 → total 100.00 好", () => {
    expect(bankEvaluation({ items: MAXIMA, structural: same("100") })).toEqual({
      indicator: "100.00",
      total: "100.00",
      grade: "好",
    });
  });

  it("§11: without the item 29 bonus, 其他 = 10 × 10/20 = 5: indicator 95.00, total 85.5 + 10 = 95.50", () => {
    expect(bankEvaluation({ items: { ...MAXIMA, 29: "0" }, structural: same("100") })).toEqual({
      indicator: "95.00",
      total: "95.50",
      grade: "好",
    });
  });

  it("§15.9: all zero (and no items at all) → 0.00, 差", () => {
    expect(bankEvaluation({ items: {}, structural: same("0") })).toEqual({ indicator: "0.00", total: "0.00", grade: "差" });
    const zeros = Object.fromEntries(Object.keys(MAXIMA).map((k) => [k, "0"]));
    expect(bankEvaluation({ items: zeros, structural: same("0") })).toEqual({ indicator: "0.00", total: "0.00", grade: "差" });
  });

  it("§15.9: category = cap × items ÷ maxima: 网点覆盖 #18 at 10 of 15 → 3 × 10/15 = 2", () => {
    expect(bankEvaluation({ items: { 18: "10" }, structural: same("0") })).toEqual({
      indicator: "2.00",
      total: "1.80",
      grade: "差",
    });
  });

  it("§15.9: missing items count 0: only 组织领导 full → 5.00", () => {
    // 0.9 × 5 + 0.1 × 80 = 4.5 + 8 = 12.50
    expect(bankEvaluation({ items: { 1: "5", 2: "5" }, structural: same("80") })).toEqual({
      indicator: "5.00",
      total: "12.50",
      grade: "差",
    });
  });

  it("§15.9: total exactly 85.00 is 好 (indicator 90, structural 40: 81 + 4)", () => {
    // #10 and #11 zero: 信贷投放 = 30 × 40/60 = 20, so indicator 100 − 10 = 90
    expect(bankEvaluation({ items: fullExcept([10, 11]), structural: same("40") })).toEqual({
      indicator: "90.00",
      total: "85.00",
      grade: "好",
    });
  });

  it("§15.9: total 84.99 is 较好 (81 + 3.99)", () => {
    expect(bankEvaluation({ items: fullExcept([10, 11]), structural: same("39.9") })).toEqual({
      indicator: "90.00",
      total: "84.99",
      grade: "较好",
    });
  });

  it("§15.9: the grade is read from the rounded total: 84.995 → 85.00 → 好", () => {
    // 81 + 0.1 × 39.95 = 84.995 → half-up 85.00
    expect(bankEvaluation({ items: fullExcept([10, 11]), structural: same("39.95") })).toEqual({
      indicator: "90.00",
      total: "85.00",
      grade: "好",
    });
  });

  it("§15.9: total exactly 70.00 is 较好, 69.99 is 一般", () => {
    // 信贷投放 all zero: indicator 70; 0.9 × 70 = 63, + 7 = 70; + 6.99 = 69.99
    const items = fullExcept([7, 8, 9, 10, 11, 12, 13, 14]);
    expect(bankEvaluation({ items, structural: same("70") })).toEqual({ indicator: "70.00", total: "70.00", grade: "较好" });
    expect(bankEvaluation({ items, structural: same("69.9") })).toEqual({ indicator: "70.00", total: "69.99", grade: "一般" });
  });

  it("§15.9: total exactly 50.00 is 一般, 49.99 is 差", () => {
    // 组织领导, 信贷投放 and 金融创新 zero: 100 − 5 − 30 − 15 = 50; 45 + 5 = 50; 45 + 4.99 = 49.99
    const items = fullExcept([1, 2, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21, 22]);
    expect(bankEvaluation({ items, structural: same("50") })).toEqual({ indicator: "50.00", total: "50.00", grade: "一般" });
    expect(bankEvaluation({ items, structural: same("49.9") })).toEqual({ indicator: "50.00", total: "49.99", grade: "差" });
  });

  it("§15.9: rounds half-up only at the end: mean of 85, 85, 84 = 84.666…", () => {
    // 0.9 × 100 + 0.1 × 84.666… = 98.4666… → 98.47
    expect(bankEvaluation({ items: MAXIMA, structural: ["85", "85", "84"] }).total).toBe("98.47");
  });

  it("§15.9: half a cent rounds up: #18 at 9 → 网点覆盖 3 × 14/15 = 2.8, indicator 99.8; 89.82 + 5.005 = 94.825 → 94.83", () => {
    expect(bankEvaluation({ items: { ...MAXIMA, 18: "9" }, structural: same("50.05") })).toEqual({
      indicator: "99.80",
      total: "94.83",
      grade: "好",
    });
  });

  it("§15.9: the total uses the unrounded indicator (99.9925), not the displayed 99.99", () => {
    // #21 at 9.99: 金融创新 = 15 × 19.99/20 = 14.9925 → indicator 99.9925 (shown 99.99)
    // 0.9 × 99.9925 + 0.1 × 0.035 = 89.99325 + 0.0035 = 89.99675 → 90.00
    // (from the rounded indicator it would be 89.991 + 0.0035 = 89.9945 → 89.99)
    expect(bankEvaluation({ items: { ...MAXIMA, 21: "9.99" }, structural: same("0.035") })).toEqual({
      indicator: "99.99",
      total: "90.00",
      grade: "好",
    });
  });

  it("§11: the facade does not ask for item 29's reason (it has no field for it)", () => {
    expect(bankEvaluation({ items: { 29: "10" }, structural: same("0") }).indicator).toBe("5.00");
  });

  it("CONTRACT: an item score above its maximum, negative or non-numeric → SCORE_OUT_OF_RANGE", () => {
    expect(codeOf(() => bankEvaluation({ items: { 1: "5.01" }, structural: same("0") }))).toBe("SCORE_OUT_OF_RANGE");
    expect(codeOf(() => bankEvaluation({ items: { 23: "3" }, structural: same("0") }))).toBe("SCORE_OUT_OF_RANGE");
    expect(codeOf(() => bankEvaluation({ items: { 1: "-0.01" }, structural: same("0") }))).toBe("SCORE_OUT_OF_RANGE");
    expect(codeOf(() => bankEvaluation({ items: { 1: "满分" }, structural: same("0") }))).toBe("SCORE_OUT_OF_RANGE");
    expect(codeOf(() => bankEvaluation({ items: { 1: "" }, structural: same("0") }))).toBe("SCORE_OUT_OF_RANGE");
    expect(codeOf(() => bankEvaluation({ items: { 1: 5 as unknown as string }, structural: same("0") }))).toBe(
      "SCORE_OUT_OF_RANGE",
    );
  });

  it("CONTRACT: an item exactly at its maximum or at 0 is in range", () => {
    expect(bankEvaluation({ items: { 23: "2", 24: "0" }, structural: same("0") }).indicator).toBe("1.00");
  });

  it("§11: item numbers outside 1..30 → UNKNOWN_ITEM", () => {
    expect(codeOf(() => bankEvaluation({ items: { 31: "1" }, structural: same("0") }))).toBe("UNKNOWN_ITEM");
    expect(codeOf(() => bankEvaluation({ items: { 0: "1" }, structural: same("0") }))).toBe("UNKNOWN_ITEM");
    expect(codeOf(() => bankEvaluation({ items: { "01": "1" } as never, structural: same("0") }))).toBe("UNKNOWN_ITEM");
  });

  it("CONTRACT: structural must be exactly three scores in 0..100 → else STRUCTURAL_SCORES_INVALID", () => {
    const code = (structural: unknown) => codeOf(() => bankEvaluation({ items: {}, structural: structural as string[] }));
    expect(code(["80", "80"])).toBe("STRUCTURAL_SCORES_INVALID");
    expect(code(["80", "80", "80", "80"])).toBe("STRUCTURAL_SCORES_INVALID");
    expect(code(["80", "80", "100.01"])).toBe("STRUCTURAL_SCORES_INVALID");
    expect(code(["80", "80", "-1"])).toBe("STRUCTURAL_SCORES_INVALID");
    expect(code(["80", "80", "良"])).toBe("STRUCTURAL_SCORES_INVALID");
    expect(code(undefined)).toBe("STRUCTURAL_SCORES_INVALID");
    expect(code(["0", "100", "100"])).toBeUndefined();
  });

  it("CONTRACT: items that are not a record, or no input → INVALID_INPUT", () => {
    expect(codeOf(() => bankEvaluation({ items: ["5"] as never, structural: same("0") }))).toBe("INVALID_INPUT");
    expect(codeOf(() => bankEvaluation({ items: null as never, structural: same("0") }))).toBe("INVALID_INPUT");
    expect(codeOf(() => bankEvaluation(null as never))).toBe("INVALID_INPUT");
  });
});

describe("evaluateBank", () => {
  it("§11: item 29 (bonus) above 0 without a written reason → REASON_REQUIRED", () => {
    expect(codeOf(() => evaluateBank({ items: { 29: "1" }, structural: same("0") }))).toBe("REASON_REQUIRED");
    expect(codeOf(() => evaluateBank({ items: { 29: "1" }, structural: same("0"), item29Reason: "  " }))).toBe(
      "REASON_REQUIRED",
    );
  });

  it("§11: item 29 at 0 needs no reason; with a reason the bonus counts", () => {
    expect(evaluateBank({ items: { 29: "0" }, structural: same("0") }).indicator).toBe("0.00");
    expect(
      evaluateBank({ items: { 29: "4" }, structural: same("0"), item29Reason: "创新推出“扶贫贷”产品，获省级表彰" }).indicator,
    ).toBe("2.00");
    expect(evaluateBank({ items: { 29: "4" }, structural: same("0"), reasons: { 29: "书面理由" } }).indicator).toBe("2.00");
  });

  it("§15.9: the breakdown per category, with raw sums, maxima and scaled scores", () => {
    const r = evaluateBank({ items: { 1: "5", 5: "3", 18: "7", 20: "6", 21: "5" }, structural: ["90", "80", "70"] });
    // 一 5 × 5/10 = 2.5; 三 5 × 3/10 = 1.5; 六 3 × 7/15 = 1.4; 七 15 × 11/20 = 8.25 → 13.65
    expect(r.categories.filter((c) => c.raw !== "0")).toEqual([
      { key: "一", name: "组织领导", cap: "5", raw: "5", maxPoints: "10", score: "2.50" },
      { key: "三", name: "评级授信", cap: "5", raw: "3", maxPoints: "10", score: "1.50" },
      { key: "六", name: "网点覆盖", cap: "3", raw: "7", maxPoints: "15", score: "1.40" },
      { key: "七", name: "金融创新", cap: "15", raw: "11", maxPoints: "20", score: "8.25" },
    ]);
    // 0.9 × 13.65 + 0.1 × 80 = 12.285 + 8 = 20.285 → 20.29
    expect([r.indicator, r.structuralMean, r.total, r.grade]).toEqual(["13.65", "80.00", "20.29", "差"]);
  });

  it("§15.9: weights and grade bands are settings", () => {
    // 0.8 × 90 + 0.2 × 40 = 80; with bands 好 ≥ 80 → 好
    const r = evaluateBank({
      items: fullExcept([10, 11]),
      structural: same("40"),
      item29Reason: "年度创新加分",
      weights: { indicator: "0.8", structural: "0.2" },
      gradeBands: [{ grade: "好", min: "80" }, { grade: "差", min: "0" }],
    });
    expect([r.total, r.grade]).toEqual(["80.00", "好"]);
  });

  it("§15.9: bands that stop above 0 leave lower totals in the last band", () => {
    const r = evaluateBank({ items: {}, structural: same("0"), gradeBands: [{ grade: "好", min: "85" }, { grade: "一般", min: "50" }] });
    expect(r.grade).toBe("一般");
  });

  it("§15.9: empty bands or a category with no points → INVALID_SETTING", () => {
    expect(codeOf(() => evaluateBank({ items: {}, structural: same("0"), gradeBands: [] }))).toBe("INVALID_SETTING");
    expect(
      codeOf(() =>
        evaluateBank({
          items: {},
          structural: same("0"),
          scorecard: [{ key: "一", name: "组织领导", cap: "5", items: [{ number: 1, maxPoints: "0" }] }],
        }),
      ),
    ).toBe("INVALID_SETTING");
  });
});

describe("bankGradeBandsFromMinima", () => {
  it("§15.9: the profile's 85 / 70 / 50 become the default bands", () => {
    expect(bankGradeBandsFromMinima({ good: 85, fair: 70, average: 50 })).toEqual(DEFAULT_BANK_GRADE_BANDS);
  });

  it("§11: a profile that follows P-Eval's 80 for 较好's top still orders the bands", () => {
    expect(bankGradeBandsFromMinima({ good: 80, fair: 70, average: 50 })[0]).toEqual({ grade: "好", min: "80" });
  });

  it("§15.9: minima that are not strictly falling or not 0–100 integers → INVALID_SETTING", () => {
    expect(codeOf(() => bankGradeBandsFromMinima({ good: 70, fair: 70, average: 50 }))).toBe("INVALID_SETTING");
    expect(codeOf(() => bankGradeBandsFromMinima({ good: 85, fair: 70, average: 70.5 }))).toBe("INVALID_SETTING");
    expect(codeOf(() => bankGradeBandsFromMinima({ good: 185, fair: 70, average: 50 }))).toBe("INVALID_SETTING");
    expect(codeOf(() => bankGradeBandsFromMinima(undefined as never))).toBe("INVALID_SETTING");
  });
});
