import { D, dec, formatMoney, roundFen, type Dec } from "./decimal";
import { DomainError } from "./errors";

/** A party's share of a loss or recovery, as a fraction of the whole (e.g. "0.3000"). */
export type RatioShare = { party: string; ratio: string };
export type AmountShare = { party: string; amount: string };

type ParsedRatio = { party: string; ratio: Dec };

/**
 * Validates a ratio list: known shape, no negative ratio, no party listed twice, and a sum of
 * exactly 1 — a loss is only fully covered when the parties' shares add up to 100% (§15.2).
 */
export function parseRatios(ratios: readonly RatioShare[], field = "ratios"): ParsedRatio[] {
  if (!Array.isArray(ratios)) {
    throw new DomainError("RATIOS_NOT_100", "分担比例必须是列表，且合计为 100%", field);
  }
  const seen = new Set<string>();
  const parsed = ratios.map((entry, i) => {
    if (entry === null || typeof entry !== "object" || typeof entry.party !== "string" || entry.party.trim() === "") {
      throw new DomainError("INVALID_PARTY", `第 ${i + 1} 项分担方缺少名称`, `${field}[${i}].party`);
    }
    if (seen.has(entry.party)) {
      throw new DomainError("DUPLICATE_PARTY", `分担方“${entry.party}”重复出现`, `${field}[${i}].party`);
    }
    seen.add(entry.party);
    const ratio = dec(entry.ratio, `${field}[${i}].ratio`);
    if (ratio.isNegative() && !ratio.isZero()) {
      throw new DomainError("NEGATIVE_RATIO", `分担方“${entry.party}”的比例不能为负数`, `${field}[${i}].ratio`);
    }
    return { party: entry.party, ratio };
  });
  const sum = parsed.reduce((acc, p) => acc.plus(p.ratio), new D(0));
  if (!sum.equals(1)) {
    throw new DomainError(
      "RATIOS_NOT_100",
      `分担比例合计须恰好为 100%，当前为 ${sum.times(100).toFixed()}%`,
      field,
    );
  }
  return parsed;
}

/**
 * POLICY §15.4: each share = amount × ratio rounded half-up to the fen; the cents left over
 * (the amount rounded to the fen minus the sum of the shares, possibly negative) go to the party
 * with the largest ratio, the first listed on a tie, so the shares always add up exactly.
 *
 * Half-up is decimal.js ROUND_HALF_UP, i.e. half away from zero, so a negative amount (a
 * recovery that did not cover its costs) splits as the exact mirror of the positive amount.
 */
export function allocateByRatio(amount: string, ratios: readonly RatioShare[]): AmountShare[] {
  const total = dec(amount, "amount");
  return allocateParsed(total, parseRatios(ratios)).map((s) => ({ party: s.party, amount: formatMoney(s.amount) }));
}

/** The Decimal core of allocateByRatio, for callers that already hold validated values. */
export function allocateParsed(total: Dec, ratios: readonly ParsedRatio[]): { party: string; amount: Dec }[] {
  const shares = ratios.map((r) => roundFen(total.times(r.ratio)));
  const allocated = shares.reduce((acc, s) => acc.plus(s), new D(0));
  const remainder = roundFen(total).minus(allocated);
  let largest = 0;
  for (let i = 1; i < ratios.length; i++) {
    if (ratios[i].ratio.greaterThan(ratios[largest].ratio)) largest = i;
  }
  if (ratios.length > 0) shares[largest] = shares[largest].plus(remainder);
  return ratios.map((r, i) => ({ party: r.party, amount: shares[i] }));
}
