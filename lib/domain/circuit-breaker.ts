import { DomainError } from "./errors";
import { formatQuotient, parseScaled, pow10, ratioOf, type Scaled } from "./exact-ratio";

/** Henan: 超过 = strictly greater ('gt'); Guizhou: "超过3%（含）" read as ≥ ('gte'). POLICY §9, §15.1. */
export type BreakerComparison = "gt" | "gte";
export type BreakerRule = { township: string; village: string; comparison: BreakerComparison };
/**
 * The rule as a profile holds it: a level may have no threshold (Guizhou has only the lender
 * rule), and then nothing at that level trips on its own.
 */
export type BreakerRuleSettings = { township: string | null; village: string | null; comparison: BreakerComparison };
export type AreaLevel = "township" | "village";
export type BreakerArea = {
  id: string;
  level: AreaLevel;
  parentId?: string;
  outstanding: string;
  nonPerforming: string;
};
export type BreakerResult = { id: string; nplRatio: string; tripped: boolean; lendingHalted: boolean };

/** The same area with balances already in fen (e.g. straight from a SUM over Decimal(…,2) columns). */
export type BulkBreakerArea = {
  id: string;
  level: AreaLevel;
  parentId?: string;
  outstandingFen: bigint;
  nonPerformingFen: bigint;
};

/** Displayed ratios are rounded half-up to 4 decimals ("0.0512" = 5.12%). */
const RATIO_PLACES = 4;

/** `never` stands for a level without a threshold. */
type Threshold = { num: bigint; den: bigint; gte: boolean; never?: true };

/**
 * A threshold is a non-negative fraction. One above 1 is accepted and simply never trips,
 * since non-performing never exceeds outstanding (callers use that to switch a level off).
 */
function parseThreshold(value: string | null, field: string, gte: boolean): Threshold {
  if (value === null) return { num: 0n, den: 1n, gte, never: true };
  const t = parseScaled(value, field);
  if (t.units < 0n) {
    throw new DomainError("INVALID_THRESHOLD", `${field} 熔断阈值不能为负数：${value}`, field);
  }
  return { num: t.units, den: pow10(t.scale), gte };
}

function parseComparison(value: unknown): boolean {
  if (value !== "gt" && value !== "gte") {
    throw new DomainError("INVALID_COMPARISON", `熔断比较方式须为 gt（超过）或 gte（达到）：${String(value)}`, "comparison");
  }
  return value === "gte";
}

/**
 * The comparison uses the exact ratio num/den, never the rounded display value: a village at
 * 7.00004% trips a "> 7%" rule although it displays as 0.0700. Cross-multiplied in BigInt, so
 * it is exact for any decimal input. Zero outstanding never trips (§15.1).
 */
function trips(num: bigint, den: bigint, t: Threshold): boolean {
  if (den === 0n || t.never) return false;
  const left = num * t.den;
  const right = t.num * den;
  return t.gte ? left >= right : left > right;
}

function displayRatio(num: bigint, den: bigint): string {
  return den === 0n ? "0.0000" : formatQuotient(num, den, RATIO_PLACES);
}

/**
 * The same two answers in floating-point arithmetic, which is exact while every product stays
 * below 2^53: the caller guarantees num, den ≤ limit (see numberLimit). Half-up rounding is the
 * integer floor of (2·num·10⁴ + den) / (2·den): with a numerator below 2^53 the quotient is never
 * within its rounding error of the next integer, so the floor is exact. Balances of a few
 * hundred million yuan per area take this path, several times faster than BigInt.
 */
type NumberThreshold = { num: number; den: number; gte: boolean; never: boolean };
const RATIO_FACTOR = 10 ** RATIO_PLACES;

function tripsNumber(num: number, den: number, t: NumberThreshold): boolean {
  if (den === 0 || t.never) return false;
  const left = num * t.den;
  const right = t.num * den;
  return t.gte ? left >= right : left > right;
}

function displayRatioNumber(num: number, den: number): string {
  if (den === 0) return "0.0000";
  const rounded = Math.floor((2 * num * RATIO_FACTOR + den) / (2 * den));
  const whole = Math.floor(rounded / RATIO_FACTOR);
  return `${whole}.${String(rounded - whole * RATIO_FACTOR).padStart(RATIO_PLACES, "0")}`;
}

/** The largest balance for which every product of the Number path stays a safe integer. */
function numberLimit(thresholds: readonly Threshold[]): number {
  let widest = 2 * RATIO_FACTOR + 1;
  for (const t of thresholds) widest = Math.max(widest, Number(t.num), Number(t.den));
  return Math.floor(Number.MAX_SAFE_INTEGER / widest);
}

function checkBalances(num: bigint, den: bigint, field: string): void {
  if (num < 0n || den < 0n) throw new DomainError("NEGATIVE_AMOUNT", `${field} 的贷款余额不能为负数`, field);
  if (num > den) {
    throw new DomainError("INVALID_BALANCE", `${field} 的不良贷款余额不能大于贷款余额`, field);
  }
}

type Normalised = { id: string; level: AreaLevel; parentId?: string; num: bigint; den: bigint };

function evaluate(rule: BreakerRuleSettings, areas: readonly Normalised[]): BreakerResult[] {
  if (rule === null || typeof rule !== "object") {
    throw new DomainError("INVALID_RULE", "缺少熔断规则", "rule");
  }
  const gte = parseComparison(rule.comparison);
  const township = parseThreshold(rule.township, "rule.township", gte);
  const village = parseThreshold(rule.village, "rule.village", gte);
  const limit = numberLimit([township, village]);
  const asNumber = (t: Threshold): NumberThreshold => ({ num: Number(t.num), den: Number(t.den), gte: t.gte, never: t.never === true });
  const fast = { township: asNumber(township), village: asNumber(village) };
  const exact = { township, village };
  /** Index of each area by id, for duplicates and parents. */
  const index = new Map<string, number>();
  const out: BreakerResult[] = new Array(areas.length);
  // First pass: each area's own ratio; the second adds the parent township's halt.
  for (let i = 0; i < areas.length; i++) {
    const a = areas[i];
    if (index.has(a.id)) throw new DomainError("DUPLICATE_AREA", `区域 ${a.id} 重复出现`, `areas[${i}].id`);
    index.set(a.id, i);
    const num = Number(a.num);
    const den = Number(a.den);
    let t: boolean;
    let ratio: string;
    if (num <= limit && den <= limit) {
      t = tripsNumber(num, den, fast[a.level]);
      ratio = displayRatioNumber(num, den);
    } else {
      t = trips(a.num, a.den, exact[a.level]);
      ratio = displayRatio(a.num, a.den);
    }
    out[i] = { id: a.id, nplRatio: ratio, tripped: t, lendingHalted: t };
  }
  for (let i = 0; i < areas.length; i++) {
    const a = areas[i];
    if (a.level !== "village" || a.parentId === undefined || a.parentId === null) continue;
    const parent = index.get(a.parentId);
    if (parent === undefined || areas[parent].level !== "township") {
      throw new DomainError("UNKNOWN_PARENT", `村 ${a.id} 的上级乡镇 ${a.parentId} 不在列表中`, `areas[${i}].parentId`);
    }
    if (out[parent].tripped) out[i].lendingHalted = true;
  }
  return out;
}

function checkArea(a: unknown, i: number): { id: string; level: AreaLevel; parentId?: string } {
  const area = a as BreakerArea;
  if (area === null || typeof area !== "object" || typeof area.id !== "string" || area.id === "") {
    throw new DomainError("INVALID_AREA", `第 ${i + 1} 个区域缺少编号`, `areas[${i}].id`);
  }
  if (area.level !== "township" && area.level !== "village") {
    throw new DomainError("INVALID_LEVEL", `区域 ${area.id} 的层级须为乡镇或村：${String(area.level)}`, `areas[${i}].level`);
  }
  if (area.parentId !== undefined && area.parentId !== null && typeof area.parentId !== "string") {
    throw new DomainError("UNKNOWN_PARENT", `区域 ${area.id} 的上级编号无效`, `areas[${i}].parentId`);
  }
  return { id: area.id, level: area.level, parentId: area.parentId ?? undefined };
}

function requireList(areas: unknown): void {
  if (!Array.isArray(areas)) throw new DomainError("INVALID_AREA", "区域列表无效", "areas");
}

/**
 * CONTRACT circuitBreaker (POLICY §9, §15.1). nplRatio = nonPerforming ÷ outstanding, shown
 * rounded half-up to 4 decimals; tripped compares the exact ratio with the level's threshold;
 * lendingHalted = tripped, or the village's township tripped. Results keep the input order.
 * A village without parentId stands alone; a parentId that names no township in the list is
 * UNKNOWN_PARENT. A non-performing balance above the outstanding balance is a data error
 * (INVALID_BALANCE), never silently a ratio above 100%.
 */
export function circuitBreaker(o: { rule: BreakerRule; areas: BreakerArea[] }): BreakerResult[] {
  if (o === null || typeof o !== "object") throw new DomainError("INVALID_RULE", "缺少熔断规则", "rule");
  requireList(o.areas);
  const normalised = o.areas.map((raw, i) => {
    const area = checkArea(raw, i);
    const outstanding: Scaled = parseScaled(raw.outstanding, `areas[${i}].outstanding`);
    const nonPerforming: Scaled = parseScaled(raw.nonPerforming, `areas[${i}].nonPerforming`);
    const { num, den } = ratioOf(nonPerforming, outstanding);
    checkBalances(num, den, `区域 ${area.id}`);
    return { ...area, num, den };
  });
  return evaluate(o.rule, normalised);
}

/**
 * circuitBreaker for balances already held in fen as BigInt: one pass over the list plus one
 * for parents, no string parsing and no Decimal, so 40,000 villages take milliseconds. The
 * rule may leave a level's threshold null (no rule at that level).
 */
export function evaluateBreakerBulk(rule: BreakerRuleSettings, areas: readonly BulkBreakerArea[]): BreakerResult[] {
  requireList(areas);
  const normalised = areas.map((raw, i): Normalised => {
    const area = checkArea(raw, i);
    if (typeof raw.outstandingFen !== "bigint" || typeof raw.nonPerformingFen !== "bigint") {
      throw new DomainError("INVALID_DECIMAL", `区域 ${area.id} 的余额须以分为单位的整数（bigint）给出`, `areas[${i}]`);
    }
    checkBalances(raw.nonPerformingFen, raw.outstandingFen, `区域 ${area.id}`);
    return { id: area.id, level: area.level, parentId: area.parentId, num: raw.nonPerformingFen, den: raw.outstandingFen };
  });
  return evaluate(rule, normalised);
}

/**
 * Guizhou's per-lender breaker (G 二(二); ≥ 3% by the document): a tripped lender halts its own
 * new microcredit. Same exact comparison and display as the area breaker.
 */
export function lenderBreaker(o: {
  threshold: string;
  comparison: BreakerComparison;
  outstanding: string;
  nonPerforming: string;
}): { nplRatio: string; tripped: boolean } {
  if (o === null || typeof o !== "object") throw new DomainError("INVALID_RULE", "缺少熔断规则", "rule");
  const threshold = parseThreshold(o.threshold, "threshold", parseComparison(o.comparison));
  const { num, den } = ratioOf(parseScaled(o.nonPerforming, "nonPerforming"), parseScaled(o.outstanding, "outstanding"));
  checkBalances(num, den, "该放贷机构");
  return { nplRatio: displayRatio(num, den), tripped: trips(num, den, threshold) };
}
