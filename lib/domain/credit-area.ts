import { isCreditHousehold, parseGrade, type CreditGrade } from "./credit";
import { D, dec, type Dec } from "./decimal";
import { DomainError } from "./errors";

/** §15.7 defaults (P-Cr 二, L-Cr 二: 70%以上 / 65%以上, read inclusive). */
export const DEFAULT_CREDIT_VILLAGE_THRESHOLD = "0.70";
export const DEFAULT_CREDIT_TOWNSHIP_THRESHOLD = "0.65";

function requireCount(value: unknown, field: string, label: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new DomainError("INVALID_COUNT", `${label}必须是非负整数：${String(value)}`, field);
  }
  return value;
}

function parseThreshold(value: string): Dec {
  let t: Dec;
  try {
    t = dec(value, "threshold");
  } catch {
    throw new DomainError("INVALID_THRESHOLD", `达标比例不是有效的数字：${String(value)}`, "threshold");
  }
  if (t.isNegative() || t.greaterThan(1)) {
    throw new DomainError("INVALID_THRESHOLD", `达标比例须在 0 到 1 之间：${value}`, "threshold");
  }
  return t;
}

// Compares credited ÷ members ≥ threshold as credited ≥ threshold × members, so no division
// (and no repeating decimal) enters the decision.
function meets(members: number, credited: number, threshold: Dec): boolean {
  if (members === 0) return false;
  return new D(credited).greaterThanOrEqualTo(threshold.times(members));
}

function displayRatio(members: number, credited: number): string {
  if (members === 0) return "0.0000";
  return new D(credited).dividedBy(members).toDecimalPlaces(4, D.ROUND_HALF_UP).toFixed(4);
}

/**
 * CONTRACT / §15.7: an area is a credit area when credited ÷ members reaches the threshold
 * (inclusive: "70%以上" includes 70%). An area with no members is not a credit area.
 */
export function isCreditArea(o: { members: number; credited: number; threshold: string }): boolean {
  if (o === null || typeof o !== "object") {
    throw new DomainError("INVALID_INPUT", "缺少信用村（乡镇）评定参数", "creditArea");
  }
  const members = requireCount(o.members, "members", "成员数");
  const credited = requireCount(o.credited, "credited", "达标数");
  if (credited > members) {
    throw new DomainError("INVALID_COUNT", `达标数 ${credited} 不能大于成员数 ${members}`, "credited");
  }
  return meets(members, credited, parseThreshold(o.threshold));
}

export type CreditVillageStatus = {
  /** Households with a grade; unrated households are not counted (§15.7: "rated households"). */
  rated: number;
  credited: number;
  /** credited ÷ rated rounded to 4 decimals, for display only; the decision is exact. */
  ratio: string;
  isCreditVillage: boolean;
};

/**
 * P-Cr 二 and §15.7: a credit village (信用村) has credit households (rated `minGrade` or better)
 * making up at least `threshold` of the village's rated households.
 */
export function creditVillageStatus(o: {
  grades: readonly (CreditGrade | null)[];
  minGrade?: CreditGrade;
  threshold?: string;
}): CreditVillageStatus {
  if (o === null || typeof o !== "object" || !Array.isArray(o.grades)) {
    throw new DomainError("INVALID_INPUT", "缺少本村农户信用等级列表", "grades");
  }
  const threshold = parseThreshold(o.threshold ?? DEFAULT_CREDIT_VILLAGE_THRESHOLD);
  const minGrade = parseGrade(o.minGrade ?? "A", "minGrade");
  let rated = 0;
  let credited = 0;
  for (const grade of o.grades) {
    if (grade === null) continue;
    rated += 1;
    if (isCreditHousehold(grade, minGrade)) credited += 1;
  }
  return { rated, credited, ratio: displayRatio(rated, credited), isCreditVillage: meets(rated, credited, threshold) };
}

export type CreditTownshipStatus = {
  villages: number;
  creditVillages: number;
  /** creditVillages ÷ villages rounded to 4 decimals, for display only; the decision is exact. */
  ratio: string;
  isCreditTownship: boolean;
};

/** P-Cr 二 and §15.7: a credit township (信用乡镇) has credit villages making up at least `threshold` of its villages. */
export function creditTownshipStatus(o: {
  villages: readonly boolean[];
  threshold?: string;
}): CreditTownshipStatus {
  if (o === null || typeof o !== "object" || !Array.isArray(o.villages)) {
    throw new DomainError("INVALID_INPUT", "缺少本乡镇各村是否为信用村的列表", "villages");
  }
  const threshold = parseThreshold(o.threshold ?? DEFAULT_CREDIT_TOWNSHIP_THRESHOLD);
  o.villages.forEach((flag, i) => {
    if (typeof flag !== "boolean") {
      throw new DomainError("INVALID_INPUT", `第 ${i + 1} 个村的信用村标记无效`, `villages[${i}]`);
    }
  });
  const villages = o.villages.length;
  const creditVillages = o.villages.filter(Boolean).length;
  return {
    villages,
    creditVillages,
    ratio: displayRatio(villages, creditVillages),
    isCreditTownship: meets(villages, creditVillages, threshold),
  };
}
