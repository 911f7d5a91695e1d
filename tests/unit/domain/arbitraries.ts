import fc from "fast-check";

/** "12345" with scale 2 → "123.45"; keeps the sign; no floats anywhere. */
export function scaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

/** Decimal amounts in yuan, positive and negative, with 0–4 decimals (so fen rounding is exercised). */
export const amountArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.integer({ min: 0, max: 4 }))
  .map(([v, s]) => scaled(v, s));

/** 1–7 parties whose ratios (2, 4 or 6 decimals) sum to exactly 1. */
export const ratiosArb = fc.constantFrom(2, 4, 6).chain((scale) => {
  const unit = 10n ** BigInt(scale);
  return fc.array(fc.bigInt({ min: 0n, max: unit }), { maxLength: 6 }).map((cuts) => {
    const bounds = [0n, ...[...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), unit];
    const parts: bigint[] = [];
    for (let i = 1; i < bounds.length; i++) parts.push(bounds[i] - bounds[i - 1]);
    return parts.map((p, i) => ({ party: `p${i}`, ratio: scaled(p, scale) }));
  });
});
