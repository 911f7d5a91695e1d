import Decimal from "decimal.js";
import { DomainError } from "./errors";

/**
 * A Decimal constructor of our own, so that no other module's configuration can change
 * ours: 40 significant digits is far more than any amount in yuan needs.
 */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

const DECIMAL_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Strings parsed lately. Decimals are immutable, so one instance can stand for every copy of
 * the same text: a bank's book repeats a few thousand amounts and rates over and over (the
 * subsidy quarter run parses millions). Cleared when full, so it never grows past its size.
 */
const parsed = new Map<string, Dec>();
const PARSED_MAX = 20_000;

/** Parses a decimal string (never a JS number) into a Decimal, or throws INVALID_DECIMAL. */
export function dec(value: string | Dec, field = "amount"): Dec {
  if (value instanceof D) return value;
  if (typeof value === "string") {
    const known = parsed.get(value);
    if (known !== undefined) return known;
  }
  if (typeof value !== "string" || !DECIMAL_PATTERN.test(value.trim())) {
    throw new DomainError("INVALID_DECIMAL", `${field} 不是有效的数字：${String(value)}`, field);
  }
  const d = new D(value.trim());
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(value, d);
  return d;
}

/** Rounds half-up to the fen (0.01 元), the only rounding a bank or a document applies. */
export function roundFen(value: Dec): Dec {
  return value.toDecimalPlaces(2, D.ROUND_HALF_UP);
}

/** Money output: exactly two decimals, e.g. "1234.50". */
export function formatMoney(value: Dec): string {
  // toFixed rounds half-up to the fen itself: the same as roundFen(value).toFixed(2), one step.
  const s = value.toFixed(2, D.ROUND_HALF_UP);
  return s === "-0.00" ? "0.00" : s;
}

/** Ratio output: at least four decimals, e.g. "0.0512"; longer exact values are kept. */
export function formatRatio(value: Dec): string {
  return value.decimalPlaces() > 4 ? value.toFixed() : value.toFixed(4);
}
