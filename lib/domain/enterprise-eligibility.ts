import { dec, formatRatio, type Dec } from "./decimal";
import { DomainError } from "./errors";
import { formatAmount } from "./money";
import { enterpriseRateCap } from "./rates";

export const ENTERPRISE_KINDS = ["leadingEnterprise", "cooperative"] as const;
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number];

export const ENTERPRISE_KIND_LABELS = {
  leadingEnterprise: "带贫企业",
  cooperative: "农民专业合作社",
} as const satisfies Record<EnterpriseKind, string>;

export type LargeLoanThresholds = Record<EnterpriseKind, string>;

/** P-Risk 二(四), L-Risk 二(四): large loans are cooperatives ≥ 50万, enterprises ≥ 100万 (inclusive). */
export const DEFAULT_LARGE_LOAN_THRESHOLDS: LargeLoanThresholds = {
  cooperative: "500000",
  leadingEnterprise: "1000000",
};

/** P-Imp 四(二): rate ≤ benchmark × 1.10. P-Imp 二(二): cooperatives after 正常经营2年以上. */
export const DEFAULT_ENTERPRISE_RATE_MULTIPLIER = "1.10";
export const DEFAULT_COOPERATIVE_MIN_YEARS = 2;

export const ENTERPRISE_VIOLATION_CODES = [
  "COOPERATIVE_TOO_YOUNG",
  "BLACKLISTED",
  "NO_HOUSEHOLDS_DRIVEN",
  "RATE_OVER_CAP",
  "AGREEMENT_REQUIRED",
  "USE_OF_FUNDS_PLAN_REQUIRED",
] as const;
export type EnterpriseViolationCode = (typeof ENTERPRISE_VIOLATION_CODES)[number];

export type EnterpriseViolation = { code: EnterpriseViolationCode; message: string; field: string };

function isKind(value: unknown): value is EnterpriseKind {
  return typeof value === "string" && (ENTERPRISE_KINDS as readonly string[]).includes(value);
}

function requireKind(value: unknown): EnterpriseKind {
  if (!isKind(value)) {
    throw new DomainError("INVALID_ENTERPRISE_KIND", `经营主体类型无效：${String(value)}（应为带贫企业或合作社）`, "kind");
  }
  return value;
}

function parsePositive(value: unknown, field: string, code: string, label: string, allowZero = false): Dec {
  let d: Dec;
  try {
    d = dec(value as string, field);
  } catch {
    throw new DomainError(code, `${label}不是有效的数字：${String(value)}`, field);
  }
  if (allowZero ? d.isNegative() && !d.isZero() : d.lessThanOrEqualTo(0)) {
    throw new DomainError(code, `${label}必须${allowZero ? "不小于" : "大于"}零：${String(value)}`, field);
  }
  return d;
}

function requireCount(value: unknown, field: string, label: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new DomainError("INVALID_COUNT", `${label}必须是非负整数：${String(value)}`, field);
  }
  return value;
}

function requireBoolean(value: unknown, field: string, label: string): boolean {
  if (typeof value !== "boolean") throw new DomainError("INVALID_INPUT", `${label}须为是或否`, field);
  return value;
}

/**
 * P-Risk 二(四): a large loan (cooperative ≥ 50万, enterprise ≥ 100万; the thresholds are
 * inclusive) needs a use-of-funds plan, tranches and entrusted payment.
 */
export function isLargeLoan(
  kind: EnterpriseKind,
  amount: string,
  thresholds: LargeLoanThresholds = DEFAULT_LARGE_LOAN_THRESHOLDS,
): boolean {
  const k = requireKind(kind);
  const a = parsePositive(amount, "amount", "INVALID_AMOUNT", "贷款金额");
  if (thresholds === null || typeof thresholds !== "object") {
    throw new DomainError("INVALID_SETTING", "缺少大额贷款标准设置", "largeLoanThresholds");
  }
  const threshold = parsePositive(thresholds[k], `largeLoanThresholds.${k}`, "INVALID_SETTING", "大额贷款标准");
  return a.greaterThanOrEqualTo(threshold);
}

export type EnterpriseLoanInput = {
  kind: EnterpriseKind;
  /** Whole months of normal operation (正常经营), from the business licence to the application. */
  monthsOperating: number;
  amount: string;
  requestedRate: string;
  benchmarkRate: string;
  rateMultiplier?: string;
  cooperativeMinYears?: number;
  largeLoanThresholds?: LargeLoanThresholds;
  blacklisted: boolean;
  householdsDriven: number;
  fourPartyAgreementSigned: boolean;
  useOfFundsPlanAttached: boolean;
  /**
   * P-Imp 三(二): the four-party agreement is signed after the bank grants credit, so at
   * 'application' its absence is not a violation; at 'disbursement' (the default) it is.
   */
  stage?: "application" | "disbursement";
};

export type EnterpriseLoanCheck = {
  eligible: boolean;
  isLargeLoan: boolean;
  /** benchmark × multiplier, exact. */
  rateCap: string;
  violations: EnterpriseViolation[];
};

/**
 * POLICY §2, §3, §4 for poverty-leading enterprises and cooperatives: every violation, in the
 * order of ENTERPRISE_VIOLATION_CODES, each with a Chinese message and its form field.
 * 以上 is inclusive: a cooperative with exactly 2 years of operation qualifies; a rate exactly
 * at benchmark × 1.10 is allowed.
 */
export function checkEnterpriseLoan(o: EnterpriseLoanInput): EnterpriseLoanCheck {
  if (o === null || typeof o !== "object") {
    throw new DomainError("INVALID_INPUT", "缺少企业贷款申请信息", "application");
  }
  const kind = requireKind(o.kind);
  const months = requireCount(o.monthsOperating, "monthsOperating", "正常经营月数");
  const minYears = requireCount(o.cooperativeMinYears ?? DEFAULT_COOPERATIVE_MIN_YEARS, "cooperativeMinYears", "合作社最短经营年限");
  const requested = parsePositive(o.requestedRate, "requestedRate", "INVALID_RATE", "申请利率", true);
  parsePositive(o.benchmarkRate, "benchmarkRate", "INVALID_RATE", "基准利率", true);
  parsePositive(o.rateMultiplier ?? DEFAULT_ENTERPRISE_RATE_MULTIPLIER, "rateMultiplier", "INVALID_SETTING", "利率上浮倍数");
  const rateCap = dec(enterpriseRateCap(o.benchmarkRate, o.rateMultiplier ?? DEFAULT_ENTERPRISE_RATE_MULTIPLIER));
  const blacklisted = requireBoolean(o.blacklisted, "blacklisted", "是否列入失信黑名单");
  const households = requireCount(o.householdsDriven, "householdsDriven", "带动贫困户数");
  const agreement = requireBoolean(o.fourPartyAgreementSigned, "fourPartyAgreementSigned", "是否已签订四方协议");
  const plan = requireBoolean(o.useOfFundsPlanAttached, "useOfFundsPlanAttached", "是否附资金使用计划");
  const stage = o.stage ?? "disbursement";
  if (stage !== "application" && stage !== "disbursement") {
    throw new DomainError("INVALID_INPUT", `审核环节无效：${String(stage)}`, "stage");
  }
  const large = isLargeLoan(kind, o.amount, o.largeLoanThresholds ?? DEFAULT_LARGE_LOAN_THRESHOLDS);

  const out: EnterpriseViolation[] = [];
  if (kind === "cooperative" && months < minYears * 12) {
    out.push({
      code: "COOPERATIVE_TOO_YOUNG",
      message: `合作社正常经营 ${months} 个月，不足 ${minYears} 年（${minYears * 12} 个月）`,
      field: "monthsOperating",
    });
  }
  if (blacklisted) {
    out.push({ code: "BLACKLISTED", message: `${ENTERPRISE_KIND_LABELS[kind]}已列入失信黑名单，不予贷款`, field: "enterprise" });
  }
  if (households === 0) {
    out.push({
      code: "NO_HOUSEHOLDS_DRIVEN",
      message: "未带动建档立卡贫困户，不属于带贫经营主体贷款",
      field: "householdsDriven",
    });
  }
  if (requested.greaterThan(rateCap)) {
    out.push({
      code: "RATE_OVER_CAP",
      message: `申请利率 ${formatRatio(requested)} 超过基准利率上浮上限 ${formatRatio(rateCap)}`,
      field: "requestedRate",
    });
  }
  if (stage === "disbursement" && !agreement) {
    out.push({
      code: "AGREEMENT_REQUIRED",
      message: "尚未签订政府、银行、企业、贫困户四方协议",
      field: "fourPartyAgreementSigned",
    });
  }
  if (large && !plan) {
    const threshold = dec((o.largeLoanThresholds ?? DEFAULT_LARGE_LOAN_THRESHOLDS)[kind]);
    out.push({
      code: "USE_OF_FUNDS_PLAN_REQUIRED",
      message: `${ENTERPRISE_KIND_LABELS[kind]}贷款达到 ${formatAmount(threshold)} 元（含）以上，须附资金使用计划`,
      field: "useOfFundsPlanAttached",
    });
  }
  return { eligible: out.length === 0, isLargeLoan: large, rateCap: formatRatio(rateCap), violations: out };
}

// ---- 统一社会信用代码 (GB 32100-2015) -----------------------------------------------------------

/** The 31 characters of GB 32100-2015, in value order: digits and capitals without I, O, Z, S, V. */
const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters (each already in the charset). */
export function unifiedSocialCreditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  // 31 − (sum mod 31), where 31 itself stands for 0.
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

export type UsccResult = { valid: true; code: string } | { valid: false; reason: string };

/**
 * GB 32100-2015: 18 characters from USCC_CHARSET, the last a check character over the first
 * 17. Surrounding spaces are ignored and lower case is read as upper case; `code` is the
 * normalised form to store.
 */
export function validateUnifiedSocialCreditCode(code: string): UsccResult {
  if (typeof code !== "string") return { valid: false, reason: "统一社会信用代码不能为空" };
  const value = code.trim().toUpperCase();
  if (value.length !== 18) {
    return { valid: false, reason: `统一社会信用代码应为 18 位，当前为 ${value.length} 位` };
  }
  for (let i = 0; i < 18; i++) {
    if (!USCC_CHARSET.includes(value[i])) {
      return { valid: false, reason: `第 ${i + 1} 位“${value[i]}”不是有效字符（不使用 I、O、Z、S、V）` };
    }
  }
  const expected = unifiedSocialCreditCheckChar(value.slice(0, 17));
  if (expected !== value[17]) {
    return { valid: false, reason: "统一社会信用代码校验位不正确，请核对" };
  }
  return { valid: true, code: value };
}
