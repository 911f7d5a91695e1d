import { addMonths, daysBetween, parseDate, settlementDates, type SettlementSchedule } from "./calendar";
import { D, type Dec, dec, formatMoney, roundFen } from "./decimal";
import { DomainError } from "./errors";

export type ScheduleKind = "quarterlyInterestBullet" | "equalInstalments";

export type Instalment = {
  seq: number;
  dueDate: string;
  /** Interest accrues over [from, dueDate), 算头不算尾. */
  from: string;
  days: number;
  principalDue: string;
  interestDue: string;
  /** Outstanding principal after this instalment is paid. */
  balanceAfter: string;
};

export type ScheduleInput = {
  principal: string;
  /** Annual contract rate as a decimal fraction, e.g. "0.0435". */
  rate: string;
  termMonths: number;
  disbursedOn: string;
  kind: ScheduleKind;
  settlement: SettlementSchedule;
  /** Day-count basis (POLICY §15.6: 360). */
  dayCountBasis?: number;
};

/**
 * A loan's repayment schedule (issue 4, step 8): interest settles on each settlement date
 * (default the 20th of Mar/Jun/Sep/Dec) and at maturity, ACT/360 on the balance outstanding over
 * the period, rounded half-up to the fen per instalment. `quarterlyInterestBullet` repays the
 * principal at maturity; `equalInstalments` repays it in equal parts on every instalment date,
 * the last taking the cents left over.
 */
export function buildRepaymentSchedule(input: ScheduleInput): Instalment[] {
  const principal = dec(input.principal, "principal");
  if (principal.lte(0)) throw new DomainError("INVALID_AMOUNT", "贷款本金须大于 0", "principal");
  const rate = dec(input.rate, "rate");
  if (rate.lt(0) || rate.gt(1)) throw new DomainError("INVALID_RATE", "年利率须在 0 到 1 之间", "rate");
  if (!Number.isInteger(input.termMonths) || input.termMonths < 1 || input.termMonths > 600) {
    throw new DomainError("INVALID_TERM", "贷款期限须为 1 个月以上的整月数", "termMonths");
  }
  const basis = input.dayCountBasis ?? 360;
  const disbursedOn = parseDate(input.disbursedOn, "disbursedOn");
  const maturity = addMonths(disbursedOn, input.termMonths);

  const dueDates = settlementDates(disbursedOn, maturity, input.settlement).filter((d) => d !== maturity);
  dueDates.push(maturity);

  const principalParts = splitPrincipal(principal, input.kind === "equalInstalments" ? dueDates.length : 1);
  const firstPrincipalIndex = dueDates.length - principalParts.length;

  let balance: Dec = principal;
  let from = disbursedOn;
  return dueDates.map((dueDate, i) => {
    const days = daysBetween(from, dueDate);
    const interest = roundFen(balance.mul(rate).mul(days).div(basis));
    const principalDue = i >= firstPrincipalIndex ? principalParts[i - firstPrincipalIndex] : new D(0);
    balance = balance.minus(principalDue);
    const row: Instalment = {
      seq: i + 1,
      dueDate,
      from,
      days,
      principalDue: formatMoney(principalDue),
      interestDue: formatMoney(interest),
      balanceAfter: formatMoney(balance),
    };
    from = dueDate;
    return row;
  });
}

function splitPrincipal(principal: Dec, parts: number): Dec[] {
  const each = principal.div(parts).toDecimalPlaces(2, D.ROUND_DOWN);
  const out = Array.from({ length: parts }, () => each);
  out[parts - 1] = principal.minus(each.mul(parts - 1));
  return out;
}
