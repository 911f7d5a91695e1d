import { CREDIT_GRADE_LABELS, CREDIT_GRADES, gradeAtLeast, parseGrade, type CreditGrade } from "./credit";
import { dec, type Dec } from "./decimal";
import { DomainError } from "./errors";
import { formatAmount } from "./money";

export { CREDIT_GRADES, CREDIT_GRADE_LABELS, type CreditGrade };

/** POLICY §2 and glossary. */
export const HOUSEHOLD_STATUSES = [
  "registeredPoor",
  "exitedPoverty",
  "monitored",
  "marginal",
  "misregistered",
  "none",
] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

export const HOUSEHOLD_STATUS_LABELS = {
  registeredPoor: "建档立卡贫困户",
  exitedPoverty: "已脱贫户",
  monitored: "监测对象",
  marginal: "边缘户",
  misregistered: "错评清退户",
  none: "非帮扶对象",
} as const satisfies Record<HouseholdStatus, string>;

/**
 * POLICY §3: production or cooperation in industries that drive households is allowed; houses,
 * cars, weddings, consumption, 理财 and government financing platforms are not [Z 四(二); G 一(三)].
 */
export const LOAN_PURPOSES = [
  { value: "planting", label: "种植", forbidden: false },
  { value: "breeding", label: "养殖", forbidden: false },
  { value: "processing", label: "加工", forbidden: false },
  { value: "commerce", label: "商贸流通", forbidden: false },
  { value: "services", label: "服务业", forbidden: false },
  { value: "cooperation", label: "合作经营（带贫主体）", forbidden: false },
  { value: "housing", label: "建房/购房", forbidden: true },
  { value: "vehicle", label: "购车", forbidden: true },
  { value: "wedding", label: "婚嫁", forbidden: true },
  { value: "consumption", label: "消费", forbidden: true },
  { value: "wealthManagement", label: "理财", forbidden: true },
  { value: "platform", label: "政府融资平台", forbidden: true },
] as const;
export type LoanPurpose = (typeof LOAN_PURPOSES)[number]["value"];

export const LOAN_PURPOSE_LABELS = Object.fromEntries(LOAN_PURPOSES.map((p) => [p.value, p.label])) as Record<
  LoanPurpose,
  string
>;
export const FORBIDDEN_PURPOSES: readonly LoanPurpose[] = LOAN_PURPOSES.filter((p) => p.forbidden).map((p) => p.value);

/**
 * G 一(一), 二(八)2: households outside the register (防止搭便车) and misregistered ones are never
 * eligible, whatever a profile lists.
 */
export const NEVER_ELIGIBLE_STATUSES: readonly HouseholdStatus[] = ["misregistered", "none"];

export type HouseholdLoanCap = {
  amount: string;
  termMonths: number;
  minGrade: CreditGrade;
  eligibleStatuses: string[];
};

/** §14/§15 defaults: 5万, 3 years, A（含）以上, registered poor / exited / monitored [G 一(一); 2023 D]. */
export const DEFAULT_HOUSEHOLD_LOAN_CAP: HouseholdLoanCap = {
  amount: "50000",
  termMonths: 36,
  minGrade: "A",
  eligibleStatuses: ["registeredPoor", "exitedPoverty", "monitored"],
};

export type HouseholdLoanInput = {
  householdStatus: HouseholdStatus;
  creditGrade: CreditGrade | null;
  blacklisted: boolean;
  areaHalted: boolean;
  amount: string;
  termMonths: number;
  outstanding: string;
  purpose: LoanPurpose;
  cap?: HouseholdLoanCap;
};

/** Stable order of the codes, the order a reviewer reads them in (who, then what, then where). */
export const HOUSEHOLD_VIOLATION_CODES = [
  "STATUS_NOT_ELIGIBLE",
  "GRADE_TOO_LOW",
  "BLACKLISTED",
  "AMOUNT_OVER_CAP",
  "TERM_OVER_CAP",
  "PURPOSE_FORBIDDEN",
  "AREA_HALTED",
] as const;
export type HouseholdViolationCode = (typeof HOUSEHOLD_VIOLATION_CODES)[number];

/** `field` names the application form field the violation belongs to. */
export type HouseholdViolation = {
  code: HouseholdViolationCode;
  message: string;
  field: "household" | "amount" | "termMonths" | "purpose";
};

function isStatus(value: unknown): value is HouseholdStatus {
  return typeof value === "string" && (HOUSEHOLD_STATUSES as readonly string[]).includes(value);
}

function isPurpose(value: unknown): value is LoanPurpose {
  return typeof value === "string" && LOAN_PURPOSES.some((p) => p.value === value);
}

function parseMoney(value: unknown, field: string, label: string): Dec {
  let amount: Dec;
  try {
    amount = dec(value as string, field);
  } catch {
    throw new DomainError("INVALID_AMOUNT", `${label}不是有效的金额：${String(value)}`, field);
  }
  return amount;
}

function requireBoolean(value: unknown, field: string, label: string): boolean {
  if (typeof value !== "boolean") throw new DomainError("INVALID_INPUT", `${label}须为是或否`, field);
  return value;
}

function requireTerm(value: unknown, field: string, label: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new DomainError("INVALID_TERM", `${label}必须是正整数（月）：${String(value)}`, field);
  }
  return value;
}

type ParsedCap = { amount: Dec; termMonths: number; minGrade: CreditGrade; statuses: HouseholdStatus[] };

function parseCap(cap: HouseholdLoanCap | undefined): ParsedCap {
  const c = cap ?? DEFAULT_HOUSEHOLD_LOAN_CAP;
  if (c === null || typeof c !== "object" || !Array.isArray(c.eligibleStatuses)) {
    throw new DomainError("INVALID_CAP", "贷款上限设置不完整", "cap");
  }
  const amount = parseMoney(c.amount, "cap.amount", "贷款金额上限");
  if (amount.lessThanOrEqualTo(0)) {
    throw new DomainError("INVALID_CAP", `贷款金额上限必须大于零：${c.amount}`, "cap.amount");
  }
  const termMonths = requireTerm(c.termMonths, "cap.termMonths", "贷款期限上限");
  const minGrade = parseGrade(c.minGrade, "cap.minGrade");
  const statuses = c.eligibleStatuses.map((s, i) => {
    if (!isStatus(s)) throw new DomainError("INVALID_CAP", `可贷农户身份无效：${String(s)}`, `cap.eligibleStatuses[${i}]`);
    return s;
  });
  return { amount, termMonths, minGrade, statuses: statuses.filter((s) => !NEVER_ELIGIBLE_STATUSES.includes(s)) };
}

/**
 * POLICY §2, §3, §9 and §15: every reason the household may not borrow, in the stable order of
 * HOUSEHOLD_VIOLATION_CODES, each with a specific Chinese message and the form field it
 * concerns. Throws DomainError on malformed input (INVALID_AMOUNT, INVALID_TERM, …).
 *
 * 以下/以内 include the number: an amount that brings the household exactly to the cap passes;
 * one fen more does not.
 */
export function householdLoanViolations(o: HouseholdLoanInput): HouseholdViolation[] {
  if (o === null || typeof o !== "object") {
    throw new DomainError("INVALID_INPUT", "缺少贷款申请信息", "application");
  }
  if (!isStatus(o.householdStatus)) {
    throw new DomainError("INVALID_HOUSEHOLD_STATUS", `农户身份无效：${String(o.householdStatus)}`, "householdStatus");
  }
  const grade = o.creditGrade === null ? null : parseGrade(o.creditGrade, "creditGrade");
  const blacklisted = requireBoolean(o.blacklisted, "blacklisted", "是否列入失信黑名单");
  const areaHalted = requireBoolean(o.areaHalted, "areaHalted", "所在地区是否暂停放贷");
  const amount = parseMoney(o.amount, "amount", "申请金额");
  if (amount.lessThanOrEqualTo(0)) {
    throw new DomainError("INVALID_AMOUNT", `申请金额必须大于零：${String(o.amount)}`, "amount");
  }
  const termMonths = requireTerm(o.termMonths, "termMonths", "贷款期限");
  const outstanding = parseMoney(o.outstanding, "outstanding", "未结清贷款余额");
  if (outstanding.isNegative() && !outstanding.isZero()) {
    throw new DomainError("INVALID_AMOUNT", `未结清贷款余额不能为负数：${String(o.outstanding)}`, "outstanding");
  }
  if (!isPurpose(o.purpose)) {
    throw new DomainError("INVALID_PURPOSE", `贷款用途无效：${String(o.purpose)}`, "purpose");
  }
  const cap = parseCap(o.cap);

  const out: HouseholdViolation[] = [];
  if (!cap.statuses.includes(o.householdStatus)) {
    const allowed = cap.statuses.map((s) => HOUSEHOLD_STATUS_LABELS[s]).join("、") || "无";
    out.push({
      code: "STATUS_NOT_ELIGIBLE",
      message: `农户身份为“${HOUSEHOLD_STATUS_LABELS[o.householdStatus]}”，不在扶贫小额信贷支持范围内（限：${allowed}）`,
      field: "household",
    });
  }
  if (!gradeAtLeast(grade, cap.minGrade)) {
    out.push({
      code: "GRADE_TOO_LOW",
      message:
        grade === null
          ? `农户尚未评定信用等级，须评为 ${cap.minGrade} 级（含）以上`
          : `信用等级 ${grade} 低于准入等级 ${cap.minGrade} 级（含）以上`,
      field: "household",
    });
  }
  if (blacklisted) {
    out.push({ code: "BLACKLISTED", message: "农户已列入失信黑名单，不予贷款", field: "household" });
  }
  const total = amount.plus(outstanding);
  if (total.greaterThan(cap.amount)) {
    out.push({
      code: "AMOUNT_OVER_CAP",
      message: outstanding.isZero()
        ? `申请金额 ${formatAmount(amount)} 元超过上限 ${formatAmount(cap.amount)} 元`
        : `申请金额加未结清余额 ${formatAmount(total)} 元超过上限 ${formatAmount(cap.amount)} 元（其中未结清余额 ${formatAmount(outstanding)} 元）`,
      field: "amount",
    });
  }
  if (termMonths > cap.termMonths) {
    out.push({
      code: "TERM_OVER_CAP",
      message: `贷款期限 ${termMonths} 个月超过上限 ${cap.termMonths} 个月`,
      field: "termMonths",
    });
  }
  if (FORBIDDEN_PURPOSES.includes(o.purpose)) {
    out.push({
      code: "PURPOSE_FORBIDDEN",
      message: `贷款用途“${LOAN_PURPOSE_LABELS[o.purpose]}”属于禁止用途，扶贫小额信贷只能用于发展生产或合作经营带贫产业`,
      field: "purpose",
    });
  }
  if (areaHalted) {
    out.push({
      code: "AREA_HALTED",
      message: "农户所在地区不良贷款率超过熔断标准，已暂停新增扶贫小额信贷",
      field: "household",
    });
  }
  return out;
}

/** CONTRACT: checkHouseholdLoan — every violation code, not just the first. */
export function checkHouseholdLoan(o: HouseholdLoanInput): { eligible: boolean; violations: string[] } {
  const violations = householdLoanViolations(o).map((v) => v.code);
  return { eligible: violations.length === 0, violations };
}
