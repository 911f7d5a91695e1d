import { D, dec, type Dec } from "./decimal";
import { DomainError } from "./errors";

export type ScorecardItem = { number: number; maxPoints: string; requiresReason?: boolean };
export type ScorecardCategory = { key: string; name: string; cap: string; items: readonly ScorecardItem[] };
export type Scorecard = readonly ScorecardCategory[];

/**
 * P-Eval 考核评分表 (POLICY §11): 10 categories with their caps (total 100) and 30 items with
 * their maxima (total 199). The item maxima exceed the caps on purpose: each category is scaled
 * to its cap (§15.9). Item 29 is a bonus that needs a written reason.
 */
export const P_EVAL_SCORECARD: Scorecard = [
  { key: "一", name: "组织领导", cap: "5", items: [{ number: 1, maxPoints: "5" }, { number: 2, maxPoints: "5" }] },
  { key: "二", name: "健全制度", cap: "5", items: [{ number: 3, maxPoints: "5" }, { number: 4, maxPoints: "5" }] },
  { key: "三", name: "评级授信", cap: "5", items: [{ number: 5, maxPoints: "6" }, { number: 6, maxPoints: "4" }] },
  {
    key: "四",
    name: "信贷投放",
    cap: "30",
    items: [
      { number: 7, maxPoints: "5" },
      { number: 8, maxPoints: "5" },
      { number: 9, maxPoints: "5" },
      { number: 10, maxPoints: "10" },
      { number: 11, maxPoints: "10" },
      { number: 12, maxPoints: "5" },
      { number: 13, maxPoints: "10" },
      { number: 14, maxPoints: "10" },
    ],
  },
  {
    key: "五",
    name: "利率执行",
    cap: "10",
    items: [{ number: 15, maxPoints: "10" }, { number: 16, maxPoints: "5" }, { number: 17, maxPoints: "5" }],
  },
  { key: "六", name: "网点覆盖", cap: "3", items: [{ number: 18, maxPoints: "10" }, { number: 19, maxPoints: "5" }] },
  {
    key: "七",
    name: "金融创新",
    cap: "15",
    items: [{ number: 20, maxPoints: "6" }, { number: 21, maxPoints: "10" }, { number: 22, maxPoints: "4" }],
  },
  {
    key: "八",
    name: "沟通协作",
    cap: "10",
    items: [
      { number: 23, maxPoints: "2" },
      { number: 24, maxPoints: "4" },
      { number: 25, maxPoints: "10" },
      { number: 26, maxPoints: "4" },
    ],
  },
  { key: "九", name: "信息报送", cap: "7", items: [{ number: 27, maxPoints: "4" }, { number: 28, maxPoints: "10" }] },
  {
    key: "十",
    name: "其他",
    cap: "10",
    items: [{ number: 29, maxPoints: "10", requiresReason: true }, { number: 30, maxPoints: "10" }],
  },
];

export type BankGrade = "好" | "较好" | "一般" | "差";

/** §15.9: total = 0.9 × indicator + 0.1 × mean(structural). */
export const DEFAULT_BANK_EVALUATION_WEIGHTS = { indicator: "0.9", structural: "0.1" } as const;

/**
 * §15.9 grade bands, best first, each from `min` (inclusive). P-Eval's own table leaves 80–85
 * unassigned (较好 70–80); §15.9 closes the gap: 较好 is 70 ≤ s < 85.
 */
export const DEFAULT_BANK_GRADE_BANDS: readonly { grade: BankGrade; min: string }[] = [
  { grade: "好", min: "85" },
  { grade: "较好", min: "70" },
  { grade: "一般", min: "50" },
  { grade: "差", min: "0" },
];

/** The policy profile stores the lowest total of 好, 较好 and 一般; below 一般's is 差. */
export function bankGradeBandsFromMinima(minima: { good: number; fair: number; average: number }): { grade: BankGrade; min: string }[] {
  const values = [minima?.good, minima?.fair, minima?.average];
  const ok =
    values.every((v) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 100) &&
    values[0] > values[1] &&
    values[1] > values[2];
  if (!ok) {
    throw new DomainError("INVALID_SETTING", "考评等级分数线须为 0–100 的整数，且 好 > 较好 > 一般", "gradeBands");
  }
  return [
    { grade: "好", min: `${minima.good}` },
    { grade: "较好", min: `${minima.fair}` },
    { grade: "一般", min: `${minima.average}` },
    { grade: "差", min: "0" },
  ];
}

const STRUCTURAL_COUNT = 3;

function scoreError(item: number, max: string, value: unknown): DomainError {
  return new DomainError(
    "SCORE_OUT_OF_RANGE",
    `第 ${item} 项得分须为 0 至 ${max} 之间的数字：${String(value)}`,
    `items.${item}`,
  );
}

function parseItemScores(items: Record<number, string>, scorecard: Scorecard): Map<number, Dec> {
  if (items === null || typeof items !== "object" || Array.isArray(items)) {
    throw new DomainError("INVALID_INPUT", "各项得分须按项目序号填写", "items");
  }
  // Keyed by the item number as written, since a JSON object's keys are strings.
  const byKey = new Map<string, ScorecardItem>();
  for (const c of scorecard) for (const it of c.items) byKey.set(String(it.number), it);
  const scores = new Map<number, Dec>();
  for (const [key, value] of Object.entries(items)) {
    const item = byKey.get(key);
    if (item === undefined) {
      throw new DomainError("UNKNOWN_ITEM", `考核评分表中没有第 ${key} 项`, `items.${key}`);
    }
    let score: Dec;
    try {
      score = dec(value, `items.${key}`);
    } catch {
      throw scoreError(item.number, item.maxPoints, value);
    }
    if (score.isNegative() || score.greaterThan(item.maxPoints)) throw scoreError(item.number, item.maxPoints, value);
    scores.set(item.number, score);
  }
  return scores;
}

function parseStructural(structural: string[]): Dec[] {
  const invalid = (detail: string) =>
    new DomainError("STRUCTURAL_SCORES_INVALID", `结构评分须为三个部门各自 0 至 100 分的评分：${detail}`, "structural");
  if (!Array.isArray(structural) || structural.length !== STRUCTURAL_COUNT) {
    throw invalid(`收到 ${Array.isArray(structural) ? structural.length : 0} 个`);
  }
  return structural.map((s) => {
    let score: Dec;
    try {
      score = dec(s, "structural");
    } catch {
      throw invalid(String(s));
    }
    if (score.isNegative() || score.greaterThan(100)) throw invalid(s);
    return score;
  });
}

function gradeOf(total: Dec, bands: readonly { grade: BankGrade; min: string }[]): BankGrade {
  for (const band of bands) if (total.greaterThanOrEqualTo(dec(band.min, "gradeBands.min"))) return band.grade;
  // Bands that do not reach down to 0 leave the lowest scores in the last (worst) band.
  return bands[bands.length - 1].grade;
}

export type CategoryResult = { key: string; name: string; cap: string; raw: string; maxPoints: string; score: string };

export type BankEvaluationDetail = {
  /** Out of 100, rounded to 0.01 for display; the total uses the unrounded value. */
  indicator: string;
  structuralMean: string;
  total: string;
  grade: BankGrade;
  /** Per category: raw item sum, item maxima, and cap × raw ÷ max rounded to 0.01 for display. */
  categories: CategoryResult[];
};

/**
 * POLICY §11 and §15.9 with the per-category breakdown:
 * - each category scores cap × (sum of its item scores ÷ sum of its item maxima);
 * - indicator = sum of the categories (out of 100);
 * - total = 0.9 × indicator + 0.1 × mean of the three departments' structural scores;
 * - rounded to 0.01 only at the end; the grade is read from the rounded total, the figure the
 *   bank is shown (84.995 → 85.00 → 好).
 * Missing items count 0. An item marked requiresReason (item 29, the bonus) scored above 0 needs
 * a written reason (REASON_REQUIRED), given as item29Reason or in reasons by item number.
 */
export function evaluateBank(o: EvaluationInput): BankEvaluationDetail {
  return evaluate(o, true);
}

type EvaluationInput = {
  items: Record<number, string>;
  structural: string[];
  item29Reason?: string;
  reasons?: Record<number, string>;
  scorecard?: Scorecard;
  weights?: { indicator: string; structural: string };
  gradeBands?: readonly { grade: BankGrade; min: string }[];
};

function evaluate(o: EvaluationInput, requireReasons: boolean): BankEvaluationDetail {
  if (o === null || typeof o !== "object") {
    throw new DomainError("INVALID_INPUT", "缺少银行考评数据", "evaluation");
  }
  const scorecard = o.scorecard ?? P_EVAL_SCORECARD;
  const weights = o.weights ?? DEFAULT_BANK_EVALUATION_WEIGHTS;
  const bands = o.gradeBands ?? DEFAULT_BANK_GRADE_BANDS;
  if (!Array.isArray(bands) || bands.length === 0) {
    throw new DomainError("INVALID_SETTING", "考评等级划分不能为空", "gradeBands");
  }
  const scores = parseItemScores(o.items, scorecard);
  const structural = parseStructural(o.structural);

  if (requireReasons) {
    const reasonFor = (n: number) => (n === 29 && o.item29Reason !== undefined ? o.item29Reason : o.reasons?.[n]);
    for (const c of scorecard) {
      for (const it of c.items) {
        const bonus = it.requiresReason && scores.get(it.number)?.greaterThan(0);
        const reason = reasonFor(it.number);
        if (bonus && (typeof reason !== "string" || reason.trim() === "")) {
          throw new DomainError("REASON_REQUIRED", `第 ${it.number} 项为加分项，加分须填写书面理由`, `reasons.${it.number}`);
        }
      }
    }
  }

  let indicator = new D(0);
  const categories = scorecard.map((c) => {
    const raw = c.items.reduce((sum, it) => sum.plus(scores.get(it.number) ?? 0), new D(0));
    const max = c.items.reduce((sum, it) => sum.plus(dec(it.maxPoints, `scorecard.${c.key}.maxPoints`)), new D(0));
    if (!max.greaterThan(0)) {
      throw new DomainError("INVALID_SETTING", `考核类别“${c.name}”的各项满分合计须大于零`, "scorecard");
    }
    const score = dec(c.cap, `scorecard.${c.key}.cap`).times(raw).dividedBy(max);
    indicator = indicator.plus(score);
    return {
      key: c.key,
      name: c.name,
      cap: c.cap,
      raw: raw.toFixed(),
      maxPoints: max.toFixed(),
      score: score.toFixed(2, D.ROUND_HALF_UP),
    };
  });
  const mean = structural.reduce((sum, s) => sum.plus(s), new D(0)).dividedBy(STRUCTURAL_COUNT);
  const total = dec(weights.indicator, "weights.indicator")
    .times(indicator)
    .plus(dec(weights.structural, "weights.structural").times(mean));
  const roundedTotal = total.toDecimalPlaces(2, D.ROUND_HALF_UP);
  return {
    indicator: indicator.toFixed(2, D.ROUND_HALF_UP),
    structuralMean: mean.toFixed(2, D.ROUND_HALF_UP),
    total: roundedTotal.toFixed(2),
    grade: gradeOf(roundedTotal, bands),
    categories,
  };
}

/** CONTRACT: bankEvaluation — indicator, total and grade with the §15.9 defaults. */
export function bankEvaluation(o: {
  items: Record<number, string>;
  structural: string[];
}): { indicator: string; total: string; grade: BankGrade } {
  // The facade carries no reasons: the written reason for item 29 is checked by evaluateBank,
  // which the form that collects it calls.
  const { indicator, total, grade } = evaluate(o, false);
  return { indicator, total, grade };
}
