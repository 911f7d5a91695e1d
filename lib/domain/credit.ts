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
