import { describe, expect, it } from "vitest";
import {
  blacklistEffects,
  CREDIT_GRADES,
  DEFAULT_GRADE_BANDS,
  defaultIndicatorSheet,
  gradeAtLeast,
  gradeBandsFromMinima,
  gradeForScore,
  isCreditGrade,
  isCreditHousehold,
  parseGrade,
  scoreSheet,
  validateSheet,
  type IndicatorItem,
  type IndicatorSheet,
} from "@/lib/domain/credit";
import { codeOf } from "./errors-helper";

const QUALITATIVE_GOOD = ["lawAbiding", "familyHarmony", "goodNeighbour", "responsibility", "creditAwareness", "abilityToPerform"];
const QUALITATIVE_HAS = ["labourCapacity", "wishToProsper", "hasProject"];
const QUALITATIVE_NONE = ["noVice", "noArrears", "notIdle"];

/** Every answer at its best: 12 × 5 + 4 × 10 = 100. */
function best(patch: Record<string, string> = {}): Record<string, string> {
  const a: Record<string, string> = {};
  for (const k of [...QUALITATIVE_GOOD, ...QUALITATIVE_HAS]) a[k] = "yes";
  for (const k of QUALITATIVE_NONE) a[k] = "none";
  Object.assign(a, { labourers: "2", incomePerCapita: "12000", assets: "150000", overdueCount: "0" });
  return { ...a, ...patch };
}

const score = (answers: Record<string, string>) => scoreSheet(defaultIndicatorSheet, answers);

describe("grades", () => {
  it("§15.7: grade order, best first", () => {
    expect(CREDIT_GRADES).toEqual(["AAA", "AA", "A", "B", "C"]);
  });

  it("P-Risk 二(一)1: A（含）以上 is a credit household; B is not; unrated is not", () => {
    expect(isCreditHousehold("AAA")).toBe(true);
    expect(isCreditHousehold("AA")).toBe(true);
    expect(isCreditHousehold("A")).toBe(true);
    expect(isCreditHousehold("B")).toBe(false);
    expect(isCreditHousehold("C")).toBe(false);
    expect(isCreditHousehold(null)).toBe(false);
  });

  it("§15.7: the admission grade is a setting", () => {
    expect(isCreditHousehold("A", "AA")).toBe(false);
    expect(isCreditHousehold("B", "B")).toBe(true);
  });

  it("§15.7: gradeAtLeast compares by order, equal counts", () => {
    expect(gradeAtLeast("AA", "AA")).toBe(true);
    expect(gradeAtLeast("AAA", "C")).toBe(true);
    expect(gradeAtLeast("C", "B")).toBe(false);
    expect(gradeAtLeast(null, "C")).toBe(false);
  });

  it("§15.7: unknown grades → INVALID_GRADE", () => {
    expect(codeOf(() => gradeAtLeast("D" as never, "A"))).toBe("INVALID_GRADE");
    expect(codeOf(() => gradeAtLeast("A", "aa" as never))).toBe("INVALID_GRADE");
    expect(codeOf(() => parseGrade(3))).toBe("INVALID_GRADE");
    expect(parseGrade("AA")).toBe("AA");
    expect(isCreditGrade("AAA")).toBe(true);
    expect(isCreditGrade("AAAA")).toBe(false);
  });
});

describe("blacklistEffects", () => {
  it("P-Cr 二(三)(四): a blacklisted household is refused loans and subsidies", () => {
    expect(blacklistEffects(true)).toEqual({
      loansRefused: true,
      subsidiesRefused: true,
      reasons: ["已列入失信黑名单，不予贷款", "已列入失信黑名单，不享受贴息"],
    });
  });

  it("P-Cr 二(三): not blacklisted → no effect", () => {
    expect(blacklistEffects(false)).toEqual({ loansRefused: false, subsidiesRefused: false, reasons: [] });
  });

  it("P-Cr 二(三): a non-boolean → INVALID_INPUT", () => {
    expect(codeOf(() => blacklistEffects("yes" as never))).toBe("INVALID_INPUT");
  });
});

describe("defaultIndicatorSheet", () => {
  it("P-Cr 二: 6 三好三强 + 6 三有三无 + 4 quantitative items, worth 100 in total", () => {
    const groups = defaultIndicatorSheet.items.map((i) => i.group);
    expect(groups.filter((g) => g === "三好三强")).toHaveLength(6);
    expect(groups.filter((g) => g === "三有三无")).toHaveLength(6);
    expect(defaultIndicatorSheet.items.filter((i) => i.kind === "quantitative").map((i) => i.key)).toEqual([
      "labourers",
      "incomePerCapita",
      "assets",
      "overdueCount",
    ]);
    expect(validateSheet(defaultIndicatorSheet)).toEqual({ maxScore: "100" });
  });

  it("§15.7: default bands AAA 90, AA 80, A 70, B 60, C 0", () => {
    expect(DEFAULT_GRADE_BANDS).toEqual([
      { grade: "AAA", min: "90" },
      { grade: "AA", min: "80" },
      { grade: "A", min: "70" },
      { grade: "B", min: "60" },
      { grade: "C", min: "0" },
    ]);
  });
});

describe("scoreSheet on the default sheet", () => {
  it("P-Cr 二: every answer at its best → 100.00, AAA", () => {
    const r = score(best());
    expect([r.score, r.grade, r.rawScore, r.maxScore, r.missing]).toEqual(["100.00", "AAA", "100", "100", []]);
    expect(r.perItem[0]).toEqual({
      key: "lawAbiding",
      label: "遵纪守法好",
      group: "三好三强",
      answer: "yes",
      points: "5",
      maxPoints: "5",
    });
  });

  it("§15.7: exactly 90 is AAA (two 'no' answers: 100 − 5 − 5)", () => {
    expect(score(best({ lawAbiding: "no", notIdle: "some" }))).toMatchObject({ score: "90.00", grade: "AAA" });
  });

  it("§15.7: 89 is AA (one 'no' −5, income 6000 → 7 −3, assets 50000 → 7 −3)", () => {
    expect(score(best({ lawAbiding: "no", incomePerCapita: "6000", assets: "50000" }))).toMatchObject({
      score: "89.00",
      grade: "AA",
    });
  });

  it("§15.7: 80 is AA, 79 is A", () => {
    // 80: overdue twice (−10), labourers 1 (−4), income 4000 (−6)
    expect(score(best({ overdueCount: "2", labourers: "1", incomePerCapita: "4000" }))).toMatchObject({
      score: "80.00",
      grade: "AA",
    });
    // 79: overdue twice (−10), labourers 1 (−4), income 6000 (−3), two 'partly' answers (−2 −2) = −21
    expect(
      score(
        best({ overdueCount: "2", labourers: "1", incomePerCapita: "6000", hasProject: "partly", wishToProsper: "partly" }),
      ),
    ).toMatchObject({ score: "79.00", grade: "A" });
  });

  it("§15.7: exactly 70 is A, a credit household (overdue ×2, no labourer, no income: −30)", () => {
    const r = score(best({ overdueCount: "2", labourers: "0", incomePerCapita: "0" }));
    expect([r.score, r.grade, isCreditHousehold(r.grade)]).toEqual(["70.00", "A", true]);
  });

  it("§15.7: 69 is B, not a credit household (−10 −10 −6 −5)", () => {
    const r = score(best({ overdueCount: "2", labourers: "0", incomePerCapita: "4000", noVice: "some" }));
    expect([r.score, r.grade, isCreditHousehold(r.grade)]).toEqual(["69.00", "B", false]);
  });

  it("§15.7: 60 is B, 59 is C", () => {
    expect(score(best({ overdueCount: "2", labourers: "0", incomePerCapita: "0", assets: "0" }))).toMatchObject({
      score: "60.00",
      grade: "B",
    });
    // −10 −10 −10 −6 −5 = −41
    expect(
      score(best({ overdueCount: "2", labourers: "0", incomePerCapita: "0", assets: "10000", noArrears: "some" })),
    ).toMatchObject({ score: "59.00", grade: "C" });
  });

  it("§15.7: the worst answers → 0.00, C", () => {
    const worst: Record<string, string> = {};
    for (const k of [...QUALITATIVE_GOOD, ...QUALITATIVE_HAS]) worst[k] = "no";
    for (const k of QUALITATIVE_NONE) worst[k] = "some";
    Object.assign(worst, { labourers: "0", incomePerCapita: "0", assets: "0", overdueCount: "5" });
    expect(score(worst)).toMatchObject({ score: "0.00", grade: "C", rawScore: "0" });
  });

  it("P-Cr 二: quantitative band edges: 5999.99 earns the 4000 band, 6000 the 6000 band", () => {
    const at = (v: string) => score(best({ incomePerCapita: v })).perItem.find((p) => p.key === "incomePerCapita")!.points;
    expect(at("5999.99")).toBe("4");
    expect(at("6000")).toBe("7");
    expect(at("3999.99")).toBe("0");
    expect(at("10000")).toBe("10");
  });

  it("P-Cr 二: below the lowest band earns nothing (a negative income)", () => {
    expect(score(best({ incomePerCapita: "-500" })).perItem.find((p) => p.key === "incomePerCapita")!.points).toBe("0");
  });

  it("P-Cr 二: fewer overdue loans is better: 0 → 10, 1 → 5, 2 or more → 0", () => {
    const at = (v: string) => score(best({ overdueCount: v })).perItem.find((p) => p.key === "overdueCount")!.points;
    expect([at("0"), at("1"), at("2"), at("7")]).toEqual(["10", "5", "0", "0"]);
  });

  it("§15.7: grade bands are a setting (A from 75: 70 becomes B)", () => {
    const r = scoreSheet(defaultIndicatorSheet, best({ overdueCount: "2", labourers: "0", incomePerCapita: "0" }), {
      gradeBands: [
        { grade: "AAA", min: "95" },
        { grade: "AA", min: "85" },
        { grade: "A", min: "75" },
        { grade: "B", min: "60" },
        { grade: "C", min: "0" },
      ],
    });
    expect([r.score, r.grade]).toEqual(["70.00", "B"]);
  });
});

describe("scoreSheet errors and partial sheets", () => {
  it("P-Cr 二: a missing answer → MISSING_ANSWER", () => {
    const a = best();
    delete a.assets;
    expect(codeOf(() => score(a))).toBe("MISSING_ANSWER");
    expect(codeOf(() => score(best({ assets: "  " })))).toBe("MISSING_ANSWER");
  });

  it("P-Cr 二: with allowMissing, missing items count 0, are listed, and there is no grade", () => {
    const a = best();
    delete a.assets;
    delete a.lawAbiding;
    const r = scoreSheet(defaultIndicatorSheet, a, { allowMissing: true });
    expect([r.score, r.grade, r.missing]).toEqual(["85.00", null, ["lawAbiding", "assets"]]);
    expect(r.perItem[0]).toMatchObject({ key: "lawAbiding", answer: null, points: "0" });
  });

  it("P-Cr 二: an answer for an item not on the sheet → UNKNOWN_ITEM", () => {
    expect(codeOf(() => score(best({ horoscope: "yes" })))).toBe("UNKNOWN_ITEM");
  });

  it("P-Cr 二: an option not offered → UNKNOWN_OPTION", () => {
    expect(codeOf(() => score(best({ lawAbiding: "maybe" })))).toBe("UNKNOWN_OPTION");
    // "partly" exists for 三好 items but not for 三无 items
    expect(codeOf(() => score(best({ noVice: "partly" })))).toBe("UNKNOWN_OPTION");
  });

  it("P-Cr 二: a quantitative answer that is not a decimal → INVALID_ANSWER", () => {
    expect(codeOf(() => score(best({ incomePerCapita: "一万" })))).toBe("INVALID_ANSWER");
  });

  it("P-Cr 二: answers that are not a record → INVALID_INPUT", () => {
    expect(codeOf(() => scoreSheet(defaultIndicatorSheet, null as never))).toBe("INVALID_INPUT");
    expect(codeOf(() => scoreSheet(defaultIndicatorSheet, [] as never))).toBe("INVALID_INPUT");
  });
});

describe("scoreSheet on a county's own sheet", () => {
  const q = (key: string, max: string, bands: { min: string; points: string }[]): IndicatorItem => ({
    key,
    label: key,
    kind: "quantitative",
    group: "量化指标",
    maxPoints: max,
    bands,
  });

  it("§15.7: a sheet worth 50 is scaled to 100: 45 of 50 → 90.00, AAA", () => {
    const sheet: IndicatorSheet = {
      items: [
        q("a", "25", [{ min: "0", points: "20" }]),
        q("b", "25", [{ min: "0", points: "25" }]),
      ],
    };
    expect(scoreSheet(sheet, { a: "1", b: "1" })).toMatchObject({ score: "90.00", grade: "AAA", rawScore: "45", maxScore: "50" });
  });

  it("§15.7: 20 of 30 → 66.666… → 66.67, B", () => {
    const sheet: IndicatorSheet = { items: [q("a", "30", [{ min: "0", points: "20" }])] };
    expect(scoreSheet(sheet, { a: "0" })).toMatchObject({ score: "66.67", grade: "B" });
  });

  it("§15.7: the grade follows the rounded score: 179.99 of 200 = 89.995 → 90.00 → AAA", () => {
    const sheet: IndicatorSheet = { items: [q("a", "200", [{ min: "0", points: "179.99" }])] };
    expect(scoreSheet(sheet, { a: "0" })).toMatchObject({ score: "90.00", grade: "AAA" });
  });

  it("§15.7: bands may be listed in any order", () => {
    const sheet: IndicatorSheet = {
      items: [q("a", "10", [{ min: "5", points: "10" }, { min: "0", points: "2" }, { min: "3", points: "6" }])],
    };
    expect(scoreSheet(sheet, { a: "4" }).rawScore).toBe("6");
  });
});

describe("validateSheet", () => {
  const good: IndicatorItem = {
    key: "k",
    label: "指标",
    kind: "qualitative",
    group: "三好三强",
    maxPoints: "5",
    options: [{ value: "yes", label: "是", points: "5" }],
  };
  const invalid = (items: unknown) => codeOf(() => validateSheet({ items } as IndicatorSheet));

  it("P-Cr 二: a valid one-item sheet", () => {
    expect(validateSheet({ items: [good] })).toEqual({ maxScore: "5" });
  });

  it("P-Cr 二: malformed sheets → INVALID_SHEET", () => {
    expect(invalid([])).toBe("INVALID_SHEET");
    expect(codeOf(() => validateSheet(null as never))).toBe("INVALID_SHEET");
    expect(invalid([good, good])).toBe("INVALID_SHEET");
    expect(invalid([{ ...good, key: "" }])).toBe("INVALID_SHEET");
    expect(invalid([null])).toBe("INVALID_SHEET");
    expect(invalid([{ ...good, group: "其他" }])).toBe("INVALID_SHEET");
    expect(invalid([{ ...good, maxPoints: "0" }])).toBe("INVALID_SHEET");
    expect(invalid([{ ...good, maxPoints: "五" }])).toBe("INVALID_SHEET");
    expect(invalid([{ ...good, options: [] }])).toBe("INVALID_SHEET");
    expect(invalid([{ ...good, options: [...good.options!, ...good.options!] }])).toBe("INVALID_SHEET");
    expect(invalid([{ ...good, options: [{ value: "yes", label: "是", points: "6" }] }])).toBe("INVALID_SHEET");
    expect(invalid([{ ...good, options: [{ value: "yes", label: "是", points: "-1" }] }])).toBe("INVALID_SHEET");
    expect(invalid([{ ...good, options: [{ value: "yes", label: "是", points: "x" }] }])).toBe("INVALID_SHEET");
    expect(invalid([{ ...good, kind: "quantitative", bands: undefined }])).toBe("INVALID_SHEET");
    expect(
      invalid([{ ...good, kind: "quantitative", bands: [{ min: "1", points: "1" }, { min: "1.0", points: "2" }] }]),
    ).toBe("INVALID_SHEET");
    expect(invalid([{ ...good, kind: "quantitative", bands: [{ min: "low", points: "1" }] }])).toBe("INVALID_SHEET");
    expect(invalid([{ ...good, kind: "ranking" }])).toBe("INVALID_SHEET");
  });
});

describe("gradeForScore", () => {
  it("§15.7: each default band on both sides", () => {
    expect(["90", "89.99", "80", "79.99", "70", "69.99", "60", "59.99", "0"].map((s) => gradeForScore(s))).toEqual([
      "AAA", "AA", "AA", "A", "A", "B", "B", "C", "C",
    ]);
  });

  it("§15.7: a score below every band falls in the lowest band", () => {
    expect(gradeForScore("10", [{ grade: "A", min: "70" }, { grade: "B", min: "60" }])).toBe("B");
    expect(gradeForScore("-1")).toBe("C");
  });

  it("§15.7: malformed bands → INVALID_GRADE_BANDS; malformed score → INVALID_SCORE", () => {
    expect(codeOf(() => gradeForScore("80", []))).toBe("INVALID_GRADE_BANDS");
    expect(codeOf(() => gradeForScore("80", [{ grade: "B", min: "60" }, { grade: "A", min: "70" }]))).toBe(
      "INVALID_GRADE_BANDS",
    );
    expect(codeOf(() => gradeForScore("80", [{ grade: "A", min: "70" }, { grade: "B", min: "70" }]))).toBe(
      "INVALID_GRADE_BANDS",
    );
    expect(codeOf(() => gradeForScore("80", [{ grade: "A", min: "七十" }]))).toBe("INVALID_GRADE_BANDS");
    expect(codeOf(() => gradeForScore("80", [{ grade: "D" as never, min: "70" }]))).toBe("INVALID_GRADE");
    expect(codeOf(() => gradeForScore("八十"))).toBe("INVALID_SCORE");
    expect(codeOf(() => scoreSheet(defaultIndicatorSheet, best(), { gradeBands: [] }))).toBe("INVALID_GRADE_BANDS");
  });
});

describe("gradeBandsFromMinima", () => {
  it("§15.7: the profile's minima become bands with C from 0", () => {
    expect(gradeBandsFromMinima({ AAA: 90, AA: 80, A: 70, B: 60 })).toEqual(DEFAULT_GRADE_BANDS);
  });

  it("§15.7: out-of-range, fractional or unordered minima → INVALID_GRADE_BANDS", () => {
    expect(codeOf(() => gradeBandsFromMinima({ AAA: 101, AA: 80, A: 70, B: 60 }))).toBe("INVALID_GRADE_BANDS");
    expect(codeOf(() => gradeBandsFromMinima({ AAA: 90, AA: 80.5, A: 70, B: 60 }))).toBe("INVALID_GRADE_BANDS");
    expect(codeOf(() => gradeBandsFromMinima({ AAA: 90, AA: 70, A: 70, B: 60 }))).toBe("INVALID_GRADE_BANDS");
    expect(codeOf(() => gradeBandsFromMinima({ AAA: 90, AA: 80, A: 70, B: 0 }))).toBe("INVALID_GRADE_BANDS");
    expect(codeOf(() => gradeBandsFromMinima(null as never))).toBe("INVALID_GRADE_BANDS");
  });
});
