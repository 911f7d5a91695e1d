import { D, dec, roundFen, type Dec } from "./decimal";

/** "1234567" → "1,234,567"; the sign, if any, stays in front. */
export function groupThousands(integerDigits: string): string {
  const negative = integerDigits.startsWith("-");
  const digits = negative ? integerDigits.slice(1) : integerDigits;
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return negative ? `-${out}` : out;
}

function grouped(value: Dec): string {
  const fixed = value.toFixed(2);
  const [whole, fraction] = (fixed === "-0.00" ? "0.00" : fixed).split(".");
  return `${groupThousands(whole)}.${fraction}`;
}

/** Amount in yuan, grouped, exactly two decimals, rounded half-up to the fen: "1,234,567.89". */
export function formatAmount(amount: string | Dec, field = "amount"): string {
  return grouped(roundFen(dec(amount, field)));
}

/** "1234567.891" → "1,234,567.89 元". */
export function formatYuan(amount: string | Dec, field = "amount"): string {
  return `${formatAmount(amount, field)} 元`;
}

/** In 万元 with two decimals, half-up, as budgets and reports print them: "1234567" → "123.46 万元". */
export function formatWanYuan(amount: string | Dec, field = "amount"): string {
  const wan = dec(amount, field).dividedBy(10000).toDecimalPlaces(2, D.ROUND_HALF_UP);
  return `${grouped(wan)} 万元`;
}
