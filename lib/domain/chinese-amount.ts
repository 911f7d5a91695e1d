import { dec, roundFen, type Dec } from "./decimal";
import { DomainError } from "./errors";

/**
 * 中文大写金额 for printed forms, following the PBoC's 《正确填写票据和结算凭证的基本规定》.
 * Where the rules allow a choice, this takes the first form of the rules' own examples:
 * - "整" after 元 when there are no 角/分; none after 角 (￥1,409.50 → 壹仟肆佰零玖元伍角) and
 *   none after 分;
 * - a run of zeros inside the number is one "零" (￥6,007.14 → 陆仟零柒元壹角肆分), also across
 *   the 万/亿 sections (100005 → 壹拾万零伍);
 * - the integer part reads as Chinese numbers do, so a zero 万 digit before a non-zero 千 digit
 *   writes no 零 (107000.53 → 壹拾万柒仟元零伍角叁分), while a zero 元 digit before a non-zero
 *   角 writes 零 (1,680.32 → 壹仟陆佰捌拾元零叁角贰分); 角 zero and 分 not zero always writes 零
 *   after 元 (325.04 → 叁佰贰拾伍元零肆分);
 * - 10–19 are 壹拾…, never 拾…;
 * - less than one yuan has no 元 part (0.50 → 伍角); zero is 零元整; a negative amount gets 负.
 * The amount is first rounded half-up to the fen. Up to 9,999 亿 (under 一万亿元).
 */
const DIGITS = "零壹贰叁肆伍陆柒捌玖";
const IN_SECTION = ["仟", "佰", "拾", ""];
const SECTIONS = ["亿", "万", ""];
const MAX_INTEGER_DIGITS = 12;

function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/** One 4-digit section (may be shorter for the leading one), without its 万/亿 unit. */
function readSection(section: string): string {
  const padded = section.padStart(4, "0");
  let out = "";
  let pendingZero = false;
  for (let i = 0; i < 4; i++) {
    const d = digitAt(padded, i);
    if (d === 0) {
      pendingZero = out !== "";
      continue;
    }
    if (pendingZero) out += "零";
    pendingZero = false;
    out += DIGITS[d] + IN_SECTION[i];
  }
  return out;
}

function readInteger(integer: string): string {
  const padded = integer.padStart(MAX_INTEGER_DIGITS, "0");
  let out = "";
  let gap = false;
  for (let s = 0; s < SECTIONS.length; s++) {
    const section = padded.slice(s * 4, s * 4 + 4);
    if (section === "0000") {
      gap = out !== "";
      continue;
    }
    // A higher section was written and zeros separate it from this one's first digit.
    if (out !== "" && (gap || section[0] === "0")) out += "零";
    gap = false;
    out += readSection(section) + SECTIONS[s];
  }
  return out;
}

export function toChineseCapitalAmount(amount: string | Dec, field = "amount"): string {
  const value = roundFen(dec(amount, field));
  const fen = value.abs().times(100).toFixed(0);
  if (fen.length > MAX_INTEGER_DIGITS + 2) {
    throw new DomainError("AMOUNT_TOO_LARGE", "金额过大，大写金额最多支持到 9999 亿元", field);
  }
  const digits = fen.padStart(3, "0");
  const integer = digits.slice(0, -2).replace(/^0+(?=\d)/, "");
  const jiao = digitAt(digits, digits.length - 2);
  const fenDigit = digitAt(digits, digits.length - 1);
  const hasYuan = integer !== "0";
  if (!hasYuan && jiao === 0 && fenDigit === 0) return "零元整";

  let out = value.isNegative() ? "负" : "";
  if (hasYuan) out += `${readInteger(integer)}元`;
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao !== 0) {
    if (hasYuan && integer.endsWith("0")) out += "零";
    out += `${DIGITS[jiao]}角`;
  } else if (hasYuan) {
    out += "零";
  }
  if (fenDigit !== 0) out += `${DIGITS[fenDigit]}分`;
  return out;
}
