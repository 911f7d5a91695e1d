import { D, dec, type Dec } from "./decimal";
import { DomainError } from "./errors";

/** Credit grades, best first (POLICY §15.7). */
export const CREDIT_GRADES = ["AAA", "AA", "A", "B", "C"] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];

export const CREDIT_GRADE_LABELS = {
  AAA: "AAA 级",
  AA: "AA 级",
  A: "A 级",
  B: "B 级",
  C: "C 级",
} as const satisfies Record<CreditGrade, string>;

export function isCreditGrade(value: unknown): value is CreditGrade {
  return typeof value === "string" && (CREDIT_GRADES as readonly string[]).includes(value);
}

/** Validates a grade, or throws INVALID_GRADE. */
export function parseGrade(value: unknown, field = "creditGrade"): CreditGrade {
  if (!isCreditGrade(value)) {
    throw new DomainError("INVALID_GRADE", `信用等级无效：${String(value)}（应为 AAA、AA、A、B、C 之一）`, field);
  }
  return value;
}

/**
 * True when `grade` is `min` or better. An unrated household (null) reaches no grade: POLICY
 * admits households rated A（含）以上, and no rating is not a rating.
 */
export function gradeAtLeast(grade: CreditGrade | null, min: CreditGrade): boolean {
  const floor = CREDIT_GRADES.indexOf(parseGrade(min, "minGrade"));
  if (grade === null) return false;
  return CREDIT_GRADES.indexOf(parseGrade(grade, "creditGrade")) <= floor;
}

/** P-Cr 二, P-Risk 二(一)1, §15.7: a credit household (信用户) is rated A（含）or better by default. */
export function isCreditHousehold(grade: CreditGrade | null, minGrade: CreditGrade = "A"): boolean {
  return gradeAtLeast(grade, minGrade);
}

// ---- blacklist -------------------------------------------------------------------------------

/**
 * P-Cr 二(三)(四), P-Risk 三(二): a blacklisted (失信黑名单) borrower is refused new loans and
 * loses interest subsidies.
 */
export function blacklistEffects(blacklisted: boolean): {
  loansRefused: boolean;
  subsidiesRefused: boolean;
  reasons: string[];
} {
  if (typeof blacklisted !== "boolean") {
    throw new DomainError("INVALID_INPUT", "是否列入失信黑名单须为是或否", "blacklisted");
  }
  if (!blacklisted) return { loansRefused: false, subsidiesRefused: false, reasons: [] };
  return {
    loansRefused: true,
    subsidiesRefused: true,
    reasons: ["已列入失信黑名单，不予贷款", "已列入失信黑名单，不享受贴息"],
  };
}

// ---- indicator sheet scoring (P-Cr 二; §15.7) -------------------------------------------------

export const INDICATOR_GROUPS = ["三好三强", "三有三无", "量化指标"] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];

export type IndicatorOption = { value: string; label: string; points: string };
/** A quantitative band: a value of at least `min` earns `points` (the highest band reached counts). */
export type IndicatorBand = { min: string; points: string };

export type IndicatorItem = {
  key: string;
  label: string;
  kind: "qualitative" | "quantitative";
  group: IndicatorGroup;
  maxPoints: string;
  /** Qualitative items: the answers offered. */
  options?: readonly IndicatorOption[];
  /** Quantitative items: bands over a decimal input. */
  bands?: readonly IndicatorBand[];
  /** Quantitative items: the unit of the input, shown on the form. */
  unit?: string;
};

export type IndicatorSheet = { items: readonly IndicatorItem[] };

export type GradeBand = { grade: CreditGrade; min: string };

/** §15.7: AAA ≥ 90, AA 80–89, A 70–79, B 60–69, C < 60; each band starts at `min` (inclusive). */
export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = [
  { grade: "AAA", min: "90" },
  { grade: "AA", min: "80" },
  { grade: "A", min: "70" },
  { grade: "B", min: "60" },
  { grade: "C", min: "0" },
];

/**
 * The policy profile stores each grade's lowest score ({ AAA: 90, AA: 80, A: 70, B: 60 });
 * below B's is C.
 */
export function gradeBandsFromMinima(minima: { AAA: number; AA: number; A: number; B: number }): GradeBand[] {
  if (minima === null || typeof minima !== "object") {
    throw new DomainError("INVALID_GRADE_BANDS", "缺少信用等级分数线", "gradeBands");
  }
  const grades = ["AAA", "AA", "A", "B"] as const;
  for (const g of grades) {
    const v = minima[g];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 100) {
      throw new DomainError("INVALID_GRADE_BANDS", `${g} 级分数线须为 0–100 的整数：${String(v)}`, `gradeBands.${g}`);
    }
  }
  const bands: GradeBand[] = [...grades.map((g) => ({ grade: g, min: `${minima[g]}` })), { grade: "C", min: "0" }];
  compileGradeBands(bands);
  return bands;
}

const GOOD_OPTIONS: readonly IndicatorOption[] = [
  { value: "yes", label: "是", points: "5" },
  { value: "partly", label: "基本做到", points: "3" },
  { value: "no", label: "否", points: "0" },
];
const HAS_OPTIONS: readonly IndicatorOption[] = [
  { value: "yes", label: "有", points: "5" },
  { value: "partly", label: "一般", points: "3" },
  { value: "no", label: "无", points: "0" },
];
// 三无: "none" is the good answer and anything else is not; no middle ground for gambling or drugs.
const NONE_OPTIONS: readonly IndicatorOption[] = [
  { value: "none", label: "无", points: "5" },
  { value: "some", label: "有", points: "0" },
];

function qualitative(key: string, label: string, group: IndicatorGroup, options: readonly IndicatorOption[]): IndicatorItem {
  return { key, label, kind: "qualitative", group, maxPoints: "5", options };
}

/**
 * A default indicator sheet (P-Cr 二: 三好三强 and 三有三无, qualitative and quantitative) worth
 * 100 points: 6 × 5 三好三强, 6 × 5 三有三无, 4 × 10 quantitative. A county edits its own.
 */
export const defaultIndicatorSheet: IndicatorSheet = {
  items: [
    qualitative("lawAbiding", "遵纪守法好", "三好三强", GOOD_OPTIONS),
    qualitative("familyHarmony", "家庭和睦好", "三好三强", GOOD_OPTIONS),
    qualitative("goodNeighbour", "邻里团结好", "三好三强", GOOD_OPTIONS),
    qualitative("responsibility", "责任意识强", "三好三强", GOOD_OPTIONS),
    qualitative("creditAwareness", "诚信意识强", "三好三强", GOOD_OPTIONS),
    qualitative("abilityToPerform", "履约能力强", "三好三强", GOOD_OPTIONS),
    qualitative("labourCapacity", "有劳动能力", "三有三无", HAS_OPTIONS),
    qualitative("wishToProsper", "有致富愿望", "三有三无", HAS_OPTIONS),
    qualitative("hasProject", "有致富项目", "三有三无", HAS_OPTIONS),
    qualitative("noVice", "无赌博、吸毒、嫖娼等不良行为", "三有三无", NONE_OPTIONS),
    qualitative("noArrears", "无拖欠贷款及失信记录", "三有三无", NONE_OPTIONS),
    qualitative("notIdle", "无游手好闲", "三有三无", NONE_OPTIONS),
    {
      key: "labourers",
      label: "家庭劳动力人数",
      kind: "quantitative",
      group: "量化指标",
      maxPoints: "10",
      unit: "人",
      bands: [
        { min: "0", points: "0" },
        { min: "1", points: "6" },
        { min: "2", points: "10" },
      ],
    },
    {
      key: "incomePerCapita",
      label: "家庭人均纯收入",
      kind: "quantitative",
      group: "量化指标",
      maxPoints: "10",
      unit: "元/年",
      bands: [
        { min: "0", points: "0" },
        { min: "4000", points: "4" },
        { min: "6000", points: "7" },
        { min: "10000", points: "10" },
      ],
    },
    {
      key: "assets",
      label: "家庭资产",
      kind: "quantitative",
      group: "量化指标",
      maxPoints: "10",
      unit: "元",
      bands: [
        { min: "0", points: "0" },
        { min: "10000", points: "4" },
        { min: "50000", points: "7" },
        { min: "100000", points: "10" },
      ],
    },
    {
      // Past repayment record as the number of overdue loans in the last three years: fewer is better.
      key: "overdueCount",
      label: "近三年贷款逾期次数",
      kind: "quantitative",
      group: "量化指标",
      maxPoints: "10",
      unit: "次",
      bands: [
        { min: "0", points: "10" },
        { min: "1", points: "5" },
        { min: "2", points: "0" },
      ],
    },
  ],
};

function sheetError(message: string, field = "sheet"): DomainError {
  return new DomainError("INVALID_SHEET", message, field);
}

function points(value: unknown, max: Dec, where: string): Dec {
  let p: Dec;
  try {
    p = dec(value as string, where);
  } catch {
    throw sheetError(`${where} 的分值不是有效数字：${String(value)}`, where);
  }
  if (p.isNegative() || p.greaterThan(max)) throw sheetError(`${where} 的分值须在 0 到满分 ${max.toFixed()} 之间`, where);
  return p;
}

function isNonEmptyList<T>(value: readonly T[] | undefined): value is readonly T[] {
  return Array.isArray(value) && value.length > 0;
}

type CompiledItem = {
  item: IndicatorItem;
  max: Dec;
  options: Map<string, Dec>;
  /** Sorted by min, highest first. */
  bands: { min: Dec; points: Dec }[];
};

/** Checks a sheet (INVALID_SHEET with the reason) and returns its maximum total. */
export function validateSheet(sheet: IndicatorSheet): { maxScore: string } {
  const compiled = compileSheet(sheet);
  return { maxScore: compiled.reduce((s, c) => s.plus(c.max), new D(0)).toFixed() };
}

function compileSheet(sheet: IndicatorSheet): CompiledItem[] {
  if (sheet === null || typeof sheet !== "object" || !isNonEmptyList(sheet.items)) {
    throw sheetError("评级指标表不能为空");
  }
  const keys = new Set<string>();
  const compiled = sheet.items.map((item, i): CompiledItem => {
    const at = `items[${i}]`;
    if (item === null || typeof item !== "object" || typeof item.key !== "string" || item.key.trim() === "") {
      throw sheetError(`第 ${i + 1} 项指标缺少标识`, at);
    }
    if (keys.has(item.key)) throw sheetError(`指标“${item.key}”重复`, at);
    keys.add(item.key);
    if (!(INDICATOR_GROUPS as readonly string[]).includes(item.group)) {
      throw sheetError(`指标“${item.label}”的类别无效：${String(item.group)}`, at);
    }
    let max: Dec;
    try {
      max = dec(item.maxPoints, `${at}.maxPoints`);
    } catch {
      throw sheetError(`指标“${item.label}”的满分不是有效数字`, at);
    }
    if (!max.greaterThan(0)) throw sheetError(`指标“${item.label}”的满分须大于零`, at);
    if (item.kind === "qualitative") {
      if (!isNonEmptyList(item.options)) {
        throw sheetError(`定性指标“${item.label}”须列出选项`, at);
      }
      const options = new Map<string, Dec>();
      item.options.forEach((o, j) => {
        if (options.has(o.value)) throw sheetError(`指标“${item.label}”的选项“${o.value}”重复`, `${at}.options[${j}]`);
        options.set(o.value, points(o.points, max, `${at}.options[${j}]`));
      });
      return { item, max, options, bands: [] };
    }
    if (item.kind === "quantitative") {
      if (!isNonEmptyList(item.bands)) {
        throw sheetError(`定量指标“${item.label}”须列出分档`, at);
      }
      const bands = item.bands.map((b, j) => {
        let min: Dec;
        try {
          min = dec(b.min, `${at}.bands[${j}].min`);
        } catch {
          throw sheetError(`指标“${item.label}”第 ${j + 1} 档的下限不是有效数字`, `${at}.bands[${j}]`);
        }
        return { min, points: points(b.points, max, `${at}.bands[${j}]`) };
      });
      bands.sort((a, b) => b.min.comparedTo(a.min));
      for (let j = 1; j < bands.length; j++) {
        if (bands[j].min.equals(bands[j - 1].min)) throw sheetError(`指标“${item.label}”有两档下限相同`, at);
      }
      return { item, max, options: new Map(), bands };
    }
    throw sheetError(`指标“${item.label}”的类型无效：${String((item as { kind: unknown }).kind)}`, at);
  });
  return compiled;
}

function compileGradeBands(bands: readonly GradeBand[]): { grade: CreditGrade; min: Dec }[] {
  if (!Array.isArray(bands) || bands.length === 0) {
    throw new DomainError("INVALID_GRADE_BANDS", "信用等级划分不能为空", "gradeBands");
  }
  const compiled = bands.map((b, i) => {
    const grade = parseGrade(b?.grade, `gradeBands[${i}].grade`);
    let min: Dec;
    try {
      min = dec(b.min, `gradeBands[${i}].min`);
    } catch {
      throw new DomainError("INVALID_GRADE_BANDS", `${grade} 级的起点分数不是有效数字：${String(b.min)}`, `gradeBands[${i}].min`);
    }
    return { grade, min };
  });
  for (let i = 1; i < compiled.length; i++) {
    const better = CREDIT_GRADES.indexOf(compiled[i - 1].grade) < CREDIT_GRADES.indexOf(compiled[i].grade);
    if (!better || !compiled[i - 1].min.greaterThan(compiled[i].min)) {
      throw new DomainError(
        "INVALID_GRADE_BANDS",
        "信用等级须从高到低排列，且起点分数逐级降低",
        `gradeBands[${i}]`,
      );
    }
  }
  return compiled;
}

/** §15.7: the grade of a score out of 100; below every band's start is the lowest band. */
export function gradeForScore(score: string, bands: readonly GradeBand[] = DEFAULT_GRADE_BANDS): CreditGrade {
  const compiled = compileGradeBands(bands);
  let s: Dec;
  try {
    s = dec(score, "score");
  } catch {
    throw new DomainError("INVALID_SCORE", `信用评分不是有效数字：${String(score)}`, "score");
  }
  for (const b of compiled) if (s.greaterThanOrEqualTo(b.min)) return b.grade;
  return compiled[compiled.length - 1].grade;
}

export type ItemScore = {
  key: string;
  label: string;
  group: IndicatorGroup;
  answer: string | null;
  points: string;
  maxPoints: string;
};

export type SheetScore = {
  /** Out of 100, two decimals. */
  score: string;
  /** null while answers are missing (allowMissing): a partial sheet earns no grade. */
  grade: CreditGrade | null;
  /** The sheet's own points before scaling to 100. */
  rawScore: string;
  maxScore: string;
  perItem: ItemScore[];
  /** Keys of unanswered items, in sheet order (only with allowMissing; otherwise MISSING_ANSWER). */
  missing: string[];
};

/**
 * Scores a household's answers on an indicator sheet (P-Cr 二; §15.7).
 *
 * - Qualitative items earn the chosen option's points; quantitative items the points of the
 *   highest band whose `min` the input reaches (nothing below the lowest band).
 * - A sheet whose maxima do not total 100 is scaled: score = raw × 100 ÷ max. The score is
 *   rounded half-up to 0.01 and the grade read from that rounded score, so the grade always
 *   matches the score shown (89.995 → 90.00 → AAA).
 * - Unknown item keys → UNKNOWN_ITEM, an option not on the item → UNKNOWN_OPTION, a quantitative
 *   answer that is not a decimal → INVALID_ANSWER. A missing answer → MISSING_ANSWER, unless
 *   allowMissing (for a form being filled in): then it counts 0, is listed in `missing`, and
 *   the grade is null.
 */
export function scoreSheet(
  sheet: IndicatorSheet,
  answers: Record<string, string>,
  options: { gradeBands?: readonly GradeBand[]; allowMissing?: boolean } = {},
): SheetScore {
  const items = compileSheet(sheet);
  const bands = options.gradeBands ?? DEFAULT_GRADE_BANDS;
  compileGradeBands(bands);
  if (answers === null || typeof answers !== "object" || Array.isArray(answers)) {
    throw new DomainError("INVALID_INPUT", "评级答案须按指标填写", "answers");
  }
  const known = new Set(items.map((c) => c.item.key));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) throw new DomainError("UNKNOWN_ITEM", `评级指标表中没有“${key}”这一项`, `answers.${key}`);
  }

  const missing: string[] = [];
  let raw = new D(0);
  let max = new D(0);
  const perItem = items.map(({ item, max: itemMax, options: opts, bands: itemBands }): ItemScore => {
    max = max.plus(itemMax);
    const answer = Object.prototype.hasOwnProperty.call(answers, item.key) ? answers[item.key] : undefined;
    if (answer === undefined || answer === null || (typeof answer === "string" && answer.trim() === "")) {
      if (!options.allowMissing) {
        throw new DomainError("MISSING_ANSWER", `指标“${item.label}”尚未填写`, `answers.${item.key}`);
      }
      missing.push(item.key);
      return { key: item.key, label: item.label, group: item.group, answer: null, points: "0", maxPoints: itemMax.toFixed() };
    }
    let earned: Dec;
    if (item.kind === "qualitative") {
      const p = opts.get(answer);
      if (p === undefined) {
        throw new DomainError("UNKNOWN_OPTION", `指标“${item.label}”没有“${String(answer)}”这一选项`, `answers.${item.key}`);
      }
      earned = p;
    } else {
      let value: Dec;
      try {
        value = dec(answer, `answers.${item.key}`);
      } catch {
        throw new DomainError("INVALID_ANSWER", `指标“${item.label}”须填写数字：${String(answer)}`, `answers.${item.key}`);
      }
      earned = itemBands.find((b) => value.greaterThanOrEqualTo(b.min))?.points ?? new D(0);
    }
    raw = raw.plus(earned);
    return { key: item.key, label: item.label, group: item.group, answer, points: earned.toFixed(), maxPoints: itemMax.toFixed() };
  });

  const score = raw.times(100).dividedBy(max).toDecimalPlaces(2, D.ROUND_HALF_UP);
  return {
    score: score.toFixed(2),
    grade: missing.length > 0 ? null : gradeForScore(score.toFixed(2), bands),
    rawScore: raw.toFixed(),
    maxScore: max.toFixed(),
    perItem,
    missing,
  };
}
