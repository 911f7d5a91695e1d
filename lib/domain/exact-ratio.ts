import { DomainError } from "./errors";

/**
 * Exact decimals as scaled integers (units × 10^-scale), for hot paths that only compare and
 * divide: BigInt keeps every digit, so nothing is approximated and no Decimal objects are made.
 */
export type Scaled = { units: bigint; scale: number };

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Parses the same strings as `dec` (sign, digits, optional fraction; no exponent), or throws INVALID_DECIMAL. */
export function parseScaled(value: string, field: string): Scaled {
  const match = typeof value === "string" ? DECIMAL_PATTERN.exec(value.trim()) : null;
  const whole = match?.[2] ?? "";
  const fraction = match?.[3] ?? "";
  if (!match || whole.length + fraction.length === 0) {
    throw new DomainError("INVALID_DECIMAL", `${field} 不是有效的数字：${String(value)}`, field);
  }
  const units = BigInt(whole + fraction || "0");
  return { units: match[1] === "-" ? -units : units, scale: fraction.length };
}

export function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** The fraction a/b (b > 0) as a pair of integers with the same scale removed. */
export function ratioOf(numerator: Scaled, denominator: Scaled): { num: bigint; den: bigint } {
  const scale = Math.max(numerator.scale, denominator.scale);
  return {
    num: numerator.units * pow10(scale - numerator.scale),
    den: denominator.units * pow10(scale - denominator.scale),
  };
}

/** num/den (den > 0, num ≥ 0) rounded half-up to `places` decimals, as a string with exactly that many. */
export function formatQuotient(num: bigint, den: bigint, places: number): string {
  const factor = pow10(places);
  const rounded = (2n * num * factor + den) / (2n * den);
  const whole = rounded / factor;
  const fraction = (rounded % factor).toString().padStart(places, "0");
  return places === 0 ? whole.toString() : `${whole}.${fraction}`;
}
