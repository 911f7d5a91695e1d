import { fromDayNumber, toDayNumber } from "./calendar";
import { D, dec, formatMoney, formatRatio, roundFen, type Dec } from "./decimal";
import {
  DEFAULT_HOUSEHOLD_LOAN_CAP,
  HOUSEHOLD_STATUS_LABELS,
  HOUSEHOLD_STATUSES,
  NEVER_ELIGIBLE_STATUSES,
  type HouseholdStatus,
} from "./eligibility";
import { DomainError } from "./errors";
import { formatAmount } from "./money";

/** §15.6: ACT/360, the daily rate is the annual rate ÷ 360 (the profile's dayCountBasis). */
export const DEFAULT_DAY_COUNT_BASIS = 360;

function requireBasis(value: unknown): number {
  const basis = value ?? DEFAULT_DAY_COUNT_BASIS;
  if (typeof basis !== "number" || !Number.isInteger(basis) || basis <= 0) {
    throw new DomainError("INVALID_SETTING", `计息天数基准须为正整数：${String(value)}`, "dayCountBasis");
  }
  return basis;
}

/** §14/§15 defaults: P-Imp 四(四) enterprise subsidy, P-Imp 四(五) guarantee-fee subsidy. */
export const DEFAULT_ENTERPRISE_SUBSIDY = { rate: "0.02", quotaPerHousehold: "50000" } as const;
export const DEFAULT_GUARANTEE_FEE_SUBSIDY_RATES = { household: "0.015", enterprise: "0.005" } as const;

// ---- parsing ------------------------------------------------------------------------------

type Text = string | (() => string);
const text = (t: Text) => (typeof t === "function" ? t() : t);

// Field names and labels may be functions, called only to word an error.
function parseAmount(value: unknown, field: Text, label: Text): Dec {
  let amount: Dec;
  try {
    amount = dec(value as string);
  } catch {
    throw new DomainError("INVALID_AMOUNT", `${text(label)}不是有效的金额：${String(value)}`, text(field));
  }
  if (amount.isNegative() && !amount.isZero()) {
    throw new DomainError("INVALID_AMOUNT", `${text(label)}不能为负数：${String(value)}`, text(field));
  }
  return amount;
}

function parseRate(value: unknown, field: string, label: string): Dec {
  let rate: Dec;
  try {
    rate = dec(value as string);
  } catch {
    throw new DomainError("INVALID_RATE", `${label}不是有效的利率：${String(value)}`, field);
  }
  if (rate.isNegative() && !rate.isZero()) {
    throw new DomainError("INVALID_RATE", `${label}不能为负数：${String(value)}`, field);
  }
  return rate;
}

type Span = { from: number; to: number };

/**
 * A [from, to) period as day numbers; to < from → INVALID_PERIOD. `field` and `label` may be
 * functions, called only to word an error (the quarter run parses millions of valid periods).
 */
function parsePeriod(p: { from: string; to: string } | undefined, field: Text, label: Text): Span {
  const name = () => text(field);
  const title = () => text(label);
  if (p === null || typeof p !== "object") {
    throw new DomainError("INVALID_PERIOD", `缺少${title()}`, name());
  }
  let from: number;
  let to: number;
  try {
    from = toDayNumber(p.from);
    to = toDayNumber(p.to);
  } catch {
    toDayNumber(p.from, `${name()}.from`);
    toDayNumber(p.to, `${name()}.to`);
    throw new Error("unreachable");
  }
  if (to < from) {
    throw new DomainError("INVALID_PERIOD", `${title()}的起始日 ${p.from} 晚于截止日 ${p.to}`, `${name()}.to`);
  }
  return { from, to };
}

function requireList<T>(value: readonly T[] | undefined, field: string, label: string): readonly T[] {
  if (!Array.isArray(value)) throw new DomainError("INVALID_INPUT", `${label}必须是列表`, field);
  return value;
}

// ---- CONTRACT: one period ---------------------------------------------------------------------

/**
 * CONTRACT / §15.6: days = to − from (算头不算尾), rate = min(contractRate, capRate), amount =
 * principal × days × rate ÷ 360 rounded half-up to the fen.
 */
export function interestSubsidy(o: {
  principal: string;
  contractRate: string;
  capRate: string;
  from: string;
  to: string;
  /** Not in the CONTRACT's shape; defaults to §15.6's 360. */
  dayCountBasis?: number;
}): { days: number; rate: string; amount: string } {
  if (o === null || typeof o !== "object") {
    throw new DomainError("INVALID_INPUT", "缺少贴息计算参数", "subsidy");
  }
  const principal = parseAmount(o.principal, "principal", "贷款本金");
  const rate = D.min(parseRate(o.contractRate, "contractRate", "合同利率"), parseRate(o.capRate, "capRate", "贴息利率上限"));
  const period = parsePeriod({ from: o.from, to: o.to }, "period", "计息期间");
  const days = period.to - period.from;
  const amount = principal.times(days).times(rate).dividedBy(requireBasis(o.dayCountBasis));
  return { days, rate: formatRatio(rate), amount: formatMoney(amount) };
}

// ---- daily balances in a quarter --------------------------------------------------------------

export type BalanceSegment = { from: string; to: string; balance: string };
export type Period = { from: string; to: string };

type ParsedSegment = Span & { balance: Dec };

function parseSegments(segments: readonly BalanceSegment[] | undefined): ParsedSegment[] {
  const list = requireList(segments, "balanceSegments", "贷款余额分段");
  const parsed: (ParsedSegment & { index: number })[] = [];
  let sorted = true;
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    const span = parsePeriod(s, () => `balanceSegments[${i}]`, () => `第 ${i + 1} 段余额期间`);
    const balance = parseAmount(s.balance, () => `balanceSegments[${i}].balance`, () => `第 ${i + 1} 段贷款余额`);
    if (span.to <= span.from) continue;
    if (parsed.length > 0 && span.from < parsed[parsed.length - 1].from) sorted = false;
    parsed.push({ from: span.from, to: span.to, balance, index: i });
  }
  if (!sorted) parsed.sort((a, b) => a.from - b.from);
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i].from < parsed[i - 1].to) {
      // A loan has one balance a day; two segments covering the same day would count it twice.
      throw new DomainError(
        "OVERLAPPING_SEGMENTS",
        `余额分段重叠：${fromDayNumber(parsed[i].from)} 同时属于两个分段`,
        `balanceSegments[${parsed[i].index}]`,
      );
    }
  }
  return parsed;
}

/** Overdue periods may overlap or touch each other (several overdue instalments); merged here. */
function mergePeriods(periods: readonly Period[] | undefined, field: string, label: string): Span[] {
  const list = requireList(periods ?? [], field, label);
  if (list.length === 0) return [];
  const spans = list
    .map((p, i) => parsePeriod(p, () => `${field}[${i}]`, () => `第 ${i + 1} 个${label}`))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}

/** Cuts [from, to) at the borders of `excluded`, flagging each piece. */
function cut(span: Span, excluded: readonly Span[]): (Span & { excluded: boolean })[] {
  const pieces: (Span & { excluded: boolean })[] = [];
  let at = span.from;
  for (const e of excluded) {
    if (e.to <= at || e.from >= span.to) continue;
    if (e.from > at) pieces.push({ from: at, to: e.from, excluded: false });
    const end = Math.min(e.to, span.to);
    pieces.push({ from: Math.max(e.from, at), to: end, excluded: true });
    at = end;
  }
  if (at < span.to) pieces.push({ from: at, to: span.to, excluded: false });
  return pieces;
}

export type SubsidyLine = {
  from: string;
  to: string;
  days: number;
  /** The balance the line accrues on (for enterprises: the subsidised part of the balance). */
  balance: string;
  /** Why the line earns nothing, if it does not. */
  excluded?: "overdue" | "ineligible";
  /**
   * The line's unrounded subsidy shown to 4 decimals, for display only: the amount is the exact
   * sum of the lines rounded once (§15.6), so the displayed lines may differ from it by a fen.
   */
  interest: string;
};

type Accrual = { days: number; subsidisedDays: number; exact: Dec; lines: SubsidyLine[] };

/**
 * Accrues balance × days × rate ÷ 360 over the part of each segment inside the quarter, leaving
 * out `excluded` days. The numerator is summed exactly and divided once: Σ(balance × days) is
 * multiplied by the rate once, which is the same exact sum (no digit is ever rounded on the way).
 * `withLines` false skips the per-piece breakdown (`lines` stays empty), which only the
 * calculator shows.
 */
function accrue(
  quarter: Span,
  segments: readonly ParsedSegment[],
  excluded: readonly Span[],
  rate: Dec,
  base: (balance: Dec) => Dec,
  excludedAs: "overdue" | "ineligible",
  basis: number,
  everythingExcluded = false,
  withLines = true,
): Accrual {
  let days = 0;
  let subsidisedDays = 0;
  let balanceDays = new D(0);
  const lines: SubsidyLine[] = [];
  for (const s of segments) {
    const span = { from: Math.max(s.from, quarter.from), to: Math.min(s.to, quarter.to) };
    if (span.to <= span.from || s.balance.isZero()) continue;
    const balance = base(s.balance);
    for (const piece of excluded.length === 0 ? [{ ...span, excluded: false }] : cut(span, excluded)) {
      const n = piece.to - piece.from;
      const out = piece.excluded || everythingExcluded;
      days += n;
      if (!out) {
        subsidisedDays += n;
        balanceDays = balanceDays.plus(balance.times(n));
      }
      if (withLines) {
        lines.push({
          from: fromDayNumber(piece.from),
          to: fromDayNumber(piece.to),
          days: n,
          balance: formatMoney(balance),
          ...(out ? { excluded: piece.excluded ? excludedAs : "ineligible" } : {}),
          interest: (out ? new D(0) : balance.times(n).times(rate)).dividedBy(basis).toFixed(4, D.ROUND_HALF_UP),
        });
      }
    }
  }
  return { days, subsidisedDays, exact: subsidisedDays === 0 ? new D(0) : balanceDays.times(rate).dividedBy(basis), lines };
}

export type QuarterSubsidy = {
  /** Days in the quarter on which the loan had a balance. */
  days: number;
  /** Of those, the days that earn a subsidy (not overdue; 0 when the loan is not eligible). */
  subsidisedDays: number;
  rate: string;
  /** The subsidy on the subsidised days, rounded once. */
  computed: string;
  /** What is paid: computed, limited to the interest actually paid (据实), 0 when ineligible. */
  amount: string;
  limitedByInterestPaid: boolean;
  eligible: boolean;
  reason?: string;
  lines: SubsidyLine[];
};

/**
 * §15.6 and G 二(四): one household loan's subsidy for one settlement quarter.
 *
 * - The daily balance is given as segments [from, to) with a constant balance; a renewal or
 *   extension simply continues the segments (G 二(四): the subsidy runs over the term including
 *   renewals and extensions).
 * - Overdue days earn nothing; penalty interest is never subsidised, so `actualInterestPaid` must
 *   be the contractual interest paid for the quarter without penalty interest.
 * - Segment interest is summed unrounded and the sum is rounded half-up to the fen once per loan
 *   per quarter.
 * - 据实: when `actualInterestPaid` is given, the subsidy never exceeds it.
 */
export function loanQuarterSubsidy(o: {
  quarter: Period;
  balanceSegments: BalanceSegment[];
  overduePeriods?: Period[];
  contractRate: string;
  capRate: string;
  actualInterestPaid?: string;
  eligible?: boolean;
  reason?: string;
  dayCountBasis?: number;
  /** false: leave `lines` empty (the quarter run stores only the amounts). */
  withLines?: boolean;
}): QuarterSubsidy {
  if (o === null || typeof o !== "object") {
    throw new DomainError("INVALID_INPUT", "缺少季度贴息计算参数", "subsidy");
  }
  const quarter = parsePeriod(o.quarter, "quarter", "结息期间");
  const segments = parseSegments(o.balanceSegments);
  const overdue = mergePeriods(o.overduePeriods, "overduePeriods", "逾期期间");
  const rate = D.min(parseRate(o.contractRate, "contractRate", "合同利率"), parseRate(o.capRate, "capRate", "贴息利率上限"));
  const paid =
    o.actualInterestPaid === undefined ? undefined : parseAmount(o.actualInterestPaid, "actualInterestPaid", "实付利息");
  const eligible = o.eligible ?? true;
  if (typeof eligible !== "boolean") {
    throw new DomainError("INVALID_INPUT", "是否符合贴息条件须为是或否", "eligible");
  }
  const accrual = accrue(quarter, segments, overdue, rate, (b) => b, "overdue", requireBasis(o.dayCountBasis), !eligible, o.withLines !== false);
  const computed = roundFen(accrual.exact);
  const limited = paid !== undefined && paid.lessThan(computed);
  const amount = !eligible ? new D(0) : limited ? roundFen(paid) : computed;
  return {
    days: accrual.days,
    subsidisedDays: accrual.subsidisedDays,
    rate: formatRatio(rate),
    computed: formatMoney(computed),
    amount: formatMoney(amount),
    limitedByInterestPaid: eligible && limited,
    eligible,
    ...(eligible ? {} : { reason: o.reason?.trim() || "不符合贴息条件" }),
    lines: accrual.lines,
  };
}

export type BalanceSubsidy = { days: number; subsidisedDays: number; rate: string; amount: string; lines: SubsidyLine[] };

function requireCount(value: unknown, field: string, label: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new DomainError("INVALID_COUNT", `${label}必须是非负整数：${String(value)}`, field);
  }
  return value;
}

/**
 * P-Imp 四(四) and §15.6: an enterprise gets `rate` (2%) a year on the part of its balance that
 * corresponds to the households it drives: min(balance, households × quota (5万)), ACT/360,
 * rounded once per quarter. Overdue days earn nothing, as for households.
 */
export function enterpriseSubsidy(o: {
  quarter: Period;
  balanceSegments: BalanceSegment[];
  householdsDriven: number;
  quotaPerHousehold?: string;
  rate?: string;
  overduePeriods?: Period[];
  dayCountBasis?: number;
  /** false: leave `lines` empty. */
  withLines?: boolean;
}): BalanceSubsidy {
  if (o === null || typeof o !== "object") {
    throw new DomainError("INVALID_INPUT", "缺少带贫企业贴息计算参数", "subsidy");
  }
  const quarter = parsePeriod(o.quarter, "quarter", "结息期间");
  const segments = parseSegments(o.balanceSegments);
  const overdue = mergePeriods(o.overduePeriods, "overduePeriods", "逾期期间");
  const households = requireCount(o.householdsDriven, "householdsDriven", "带动贫困户数");
  const quota = parseAmount(o.quotaPerHousehold ?? DEFAULT_ENTERPRISE_SUBSIDY.quotaPerHousehold, "quotaPerHousehold", "每户对应贷款额度");
  const rate = parseRate(o.rate ?? DEFAULT_ENTERPRISE_SUBSIDY.rate, "rate", "企业贴息率");
  const ceiling = quota.times(households);
  const accrual = accrue(quarter, segments, overdue, rate, (b) => D.min(b, ceiling), "overdue", requireBasis(o.dayCountBasis), false, o.withLines !== false);
  return {
    days: accrual.days,
    subsidisedDays: accrual.subsidisedDays,
    rate: formatRatio(rate),
    amount: formatMoney(accrual.exact),
    lines: accrual.lines,
  };
}

/**
 * P-Imp 四(五): city and county finance subsidise their guarantee agencies at `rate` a year on
 * the guaranteed balance (1.5% household loans, 0.5% enterprise loans by default), with the same
 * ACT/360 day count and once-per-quarter rounding as the interest subsidy.
 */
export function guaranteeFeeSubsidy(o: {
  quarter: Period;
  balanceSegments: BalanceSegment[];
  rate: string;
  dayCountBasis?: number;
  /** false: leave `lines` empty. */
  withLines?: boolean;
}): BalanceSubsidy {
  if (o === null || typeof o !== "object") {
    throw new DomainError("INVALID_INPUT", "缺少担保费补贴计算参数", "subsidy");
  }
  const quarter = parsePeriod(o.quarter, "quarter", "结息期间");
  const segments = parseSegments(o.balanceSegments);
  const rate = parseRate(o.rate, "rate", "担保费补贴费率");
  const accrual = accrue(quarter, segments, [], rate, (b) => b, "overdue", requireBasis(o.dayCountBasis), false, o.withLines !== false);
  return {
    days: accrual.days,
    subsidisedDays: accrual.subsidisedDays,
    rate: formatRatio(rate),
    amount: formatMoney(accrual.exact),
    lines: accrual.lines,
  };
}

// ---- no double subsidy ------------------------------------------------------------------------

export type SubsidyClaim = { loanId: string; from: string; to: string; source?: string };
export type DoubleSubsidy = { loanId: string; from: string; to: string; claims: [number, number] };

/**
 * P-Risk 三(二): a loan may not be subsidised twice for the same day, by this programme or any
 * other. Returns every pair of claims on the same loan whose [from, to) periods share a day, with
 * the shared period and the two claims' indexes; an empty list means no double subsidy.
 */
export function findDoubleSubsidy(claimedPeriods: readonly SubsidyClaim[]): DoubleSubsidy[] {
  const claims = requireList(claimedPeriods, "claimedPeriods", "贴息申报期间").map((c, i) => {
    if (c === null || typeof c !== "object" || typeof c.loanId !== "string" || c.loanId.trim() === "") {
      throw new DomainError("INVALID_INPUT", `第 ${i + 1} 条贴息申报缺少贷款编号`, `claimedPeriods[${i}].loanId`);
    }
    return { loanId: c.loanId, ...parsePeriod(c, `claimedPeriods[${i}]`, `第 ${i + 1} 条贴息申报期间`), index: i };
  });
  const found: DoubleSubsidy[] = [];
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) {
      const a = claims[i];
      const b = claims[j];
      if (a.loanId !== b.loanId) continue;
      const from = Math.max(a.from, b.from);
      const to = Math.min(a.to, b.to);
      if (to > from) found.push({ loanId: a.loanId, from: fromDayNumber(from), to: fromDayNumber(to), claims: [i, j] });
    }
  }
  return found;
}

// ---- who gets a subsidy -----------------------------------------------------------------------

export type SubsidyIneligibility = {
  code:
    | "AMOUNT_OVER_CAP"
    | "TERM_OVER_CAP"
    | "MISREGISTERED"
    | "STATUS_NOT_ELIGIBLE"
    | "BLACKLISTED"
    | "NON_COMPLIANT_ENTERPRISE_USE"
    | "FRAUD"
    | "DOUBLE_SUBSIDY";
  message: string;
};

/**
 * Whether a household loan earns an interest subsidy, with every reason it does not:
 * - over 5万 or over 3 years is outside the subsidy scope [P-Imp 四(四); Z 三(五)] (以下/以内
 *   include the number, so exactly 50,000 for exactly 36 months is in scope);
 * - 错评清退 households are not eligible [G 二(八)2]; other statuses outside the profile's list neither;
 * - blacklisted households are refused subsidies [P-Cr 二(三)];
 * - non-compliant 户贷企用 loans lose the subsidy [G 二(九)1];
 * - fraud means permanent loss of eligibility [P-Risk 三(二)];
 * - a loan already subsidised by another fiscal programme gets no second subsidy [P-Risk 三(二)].
 */
export function subsidyEligibility(o: {
  amount: string;
  termMonths: number;
  householdStatus: HouseholdStatus;
  blacklisted: boolean;
  nonCompliantEnterpriseUse?: boolean;
  fraud?: boolean;
  otherFiscalSubsidy?: boolean;
  cap?: { amount: string; termMonths: number; eligibleStatuses: string[] };
}): { eligible: boolean; reasons: SubsidyIneligibility[] } {
  if (o === null || typeof o !== "object") {
    throw new DomainError("INVALID_INPUT", "缺少贴息资格判断参数", "subsidy");
  }
  const cap = o.cap ?? DEFAULT_HOUSEHOLD_LOAN_CAP;
  if (cap === null || typeof cap !== "object" || !Array.isArray(cap.eligibleStatuses)) {
    throw new DomainError("INVALID_CAP", "贴息范围设置不完整", "cap");
  }
  const amount = parseAmount(o.amount, "amount", "贷款金额");
  const capAmount = parseAmount(cap.amount, "cap.amount", "贴息贷款金额上限");
  for (const [value, field, label] of [
    [o.termMonths, "termMonths", "贷款期限"],
    [cap.termMonths, "cap.termMonths", "贴息贷款期限上限"],
  ] as const) {
    if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
      throw new DomainError("INVALID_TERM", `${label}必须是正整数（月）：${String(value)}`, field);
    }
  }
  if (!(HOUSEHOLD_STATUSES as readonly string[]).includes(o.householdStatus)) {
    throw new DomainError("INVALID_HOUSEHOLD_STATUS", `农户身份无效：${String(o.householdStatus)}`, "householdStatus");
  }
  const flag = (v: unknown, field: string, optional = true): boolean => {
    if ((v !== undefined || !optional) && typeof v !== "boolean") {
      throw new DomainError("INVALID_INPUT", `${field} 须为是或否`, field);
    }
    return v === true;
  };
  const blacklisted = flag(o.blacklisted, "blacklisted", false);

  const reasons: SubsidyIneligibility[] = [];
  if (amount.greaterThan(capAmount)) {
    reasons.push({ code: "AMOUNT_OVER_CAP", message: `贷款金额 ${formatAmount(amount)} 元超过 ${formatAmount(capAmount)} 元，不在贴息范围内` });
  }
  if (o.termMonths > cap.termMonths) {
    reasons.push({ code: "TERM_OVER_CAP", message: `贷款期限 ${o.termMonths} 个月超过 ${cap.termMonths} 个月，不在贴息范围内` });
  }
  if (o.householdStatus === "misregistered") {
    reasons.push({ code: "MISREGISTERED", message: "错评清退户不享受贴息政策" });
  } else if (!cap.eligibleStatuses.includes(o.householdStatus) || NEVER_ELIGIBLE_STATUSES.includes(o.householdStatus)) {
    reasons.push({
      code: "STATUS_NOT_ELIGIBLE",
      message: `农户身份为“${HOUSEHOLD_STATUS_LABELS[o.householdStatus]}”，不在贴息范围内`,
    });
  }
  if (blacklisted) reasons.push({ code: "BLACKLISTED", message: "农户已列入失信黑名单，不享受贴息" });
  if (flag(o.nonCompliantEnterpriseUse, "nonCompliantEnterpriseUse")) {
    reasons.push({ code: "NON_COMPLIANT_ENTERPRISE_USE", message: "不合规的“户贷企用”贷款不享受贴息" });
  }
  if (flag(o.fraud, "fraud")) {
    reasons.push({ code: "FRAUD", message: "存在骗取贴息行为，永久取消贴息资格" });
  }
  if (flag(o.otherFiscalSubsidy, "otherFiscalSubsidy")) {
    reasons.push({ code: "DOUBLE_SUBSIDY", message: "该贷款已享受其他财政贴息，不得重复贴息" });
  }
  return { eligible: reasons.length === 0, reasons };
}
