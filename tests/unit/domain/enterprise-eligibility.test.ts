import { describe, expect, it } from "vitest";
import {
  checkEnterpriseLoan,
  DEFAULT_COOPERATIVE_MIN_YEARS,
  DEFAULT_ENTERPRISE_RATE_MULTIPLIER,
  DEFAULT_LARGE_LOAN_THRESHOLDS,
  ENTERPRISE_KIND_LABELS,
  isLargeLoan,
  unifiedSocialCreditCheckChar,
  validateUnifiedSocialCreditCode,
  type EnterpriseLoanInput,
} from "@/lib/domain/enterprise-eligibility";
import { codeOf } from "./errors-helper";

const coop: EnterpriseLoanInput = {
  kind: "cooperative",
  monthsOperating: 36,
  amount: "300000",
  requestedRate: "0.0435",
  benchmarkRate: "0.0435",
  blacklisted: false,
  householdsDriven: 12,
  fourPartyAgreementSigned: true,
  useOfFundsPlanAttached: false,
};

const codes = (patch: Partial<EnterpriseLoanInput>) => checkEnterpriseLoan({ ...coop, ...patch }).violations.map((v) => v.code);

describe("checkEnterpriseLoan", () => {
  it("P-Imp 二(二), 四(二): defaults — 1.10 × benchmark, 2 years for cooperatives, 50万 / 100万", () => {
    expect(DEFAULT_ENTERPRISE_RATE_MULTIPLIER).toBe("1.10");
    expect(DEFAULT_COOPERATIVE_MIN_YEARS).toBe(2);
    expect(DEFAULT_LARGE_LOAN_THRESHOLDS).toEqual({ cooperative: "500000", leadingEnterprise: "1000000" });
    expect(ENTERPRISE_KIND_LABELS).toEqual({ leadingEnterprise: "带贫企业", cooperative: "农民专业合作社" });
  });

  it("P-Imp 二(二): a 3-year cooperative at the benchmark rate driving 12 households is eligible", () => {
    expect(checkEnterpriseLoan(coop)).toEqual({ eligible: true, isLargeLoan: false, rateCap: "0.04785", violations: [] });
  });

  it("P-Imp 二(二): a cooperative with exactly 2 years (24 months) passes (2年以上 inclusive)", () => {
    expect(codes({ monthsOperating: 24 })).toEqual([]);
  });

  it("P-Imp 二(二): 23 months → COOPERATIVE_TOO_YOUNG, with its message", () => {
    expect(checkEnterpriseLoan({ ...coop, monthsOperating: 23 }).violations).toEqual([
      { code: "COOPERATIVE_TOO_YOUNG", message: "合作社正常经营 23 个月，不足 2 年（24 个月）", field: "monthsOperating" },
    ]);
  });

  it("P-Imp 二(二): a newly founded cooperative (0 months) is too young; a leading enterprise has no minimum", () => {
    expect(codes({ monthsOperating: 0 })).toEqual(["COOPERATIVE_TOO_YOUNG"]);
    expect(codes({ kind: "leadingEnterprise", monthsOperating: 0 })).toEqual([]);
  });

  it("P-Imp 二(二): the minimum years are a setting (3 years: 35 months fails, 36 passes)", () => {
    expect(codes({ cooperativeMinYears: 3, monthsOperating: 35 })).toEqual(["COOPERATIVE_TOO_YOUNG"]);
    expect(codes({ cooperativeMinYears: 3, monthsOperating: 36 })).toEqual([]);
  });

  it("P-Imp 四(二): rate exactly benchmark × 1.10 (0.0435 × 1.10 = 0.04785) passes", () => {
    expect(codes({ requestedRate: "0.04785" })).toEqual([]);
  });

  it("P-Imp 四(二): 0.04786 (just over 0.04785) → RATE_OVER_CAP", () => {
    expect(checkEnterpriseLoan({ ...coop, requestedRate: "0.04786" }).violations).toEqual([
      { code: "RATE_OVER_CAP", message: "申请利率 0.04786 超过基准利率上浮上限 0.04785", field: "requestedRate" },
    ]);
  });

  it("P-Imp 四(二): the multiplier is a setting (1.20 → cap 0.0522)", () => {
    const r = checkEnterpriseLoan({ ...coop, rateMultiplier: "1.20", requestedRate: "0.0522" });
    expect([r.rateCap, r.eligible]).toEqual(["0.0522", true]);
  });

  it("P-Cr 二(三): blacklisted → BLACKLISTED", () => {
    expect(checkEnterpriseLoan({ ...coop, blacklisted: true }).violations).toEqual([
      { code: "BLACKLISTED", message: "农民专业合作社已列入失信黑名单，不予贷款", field: "enterprise" },
    ]);
  });

  it("P-Imp 二(二): no households driven → NO_HOUSEHOLDS_DRIVEN; one household is enough", () => {
    expect(codes({ householdsDriven: 0 })).toEqual(["NO_HOUSEHOLDS_DRIVEN"]);
    expect(codes({ householdsDriven: 1 })).toEqual([]);
  });

  it("P-Imp 三(二): no four-party agreement at disbursement → AGREEMENT_REQUIRED; not yet needed at application", () => {
    expect(codes({ fourPartyAgreementSigned: false })).toEqual(["AGREEMENT_REQUIRED"]);
    expect(codes({ fourPartyAgreementSigned: false, stage: "disbursement" })).toEqual(["AGREEMENT_REQUIRED"]);
    expect(codes({ fourPartyAgreementSigned: false, stage: "application" })).toEqual([]);
  });

  it("P-Risk 二(四): a cooperative loan of exactly 50万 is large and needs a use-of-funds plan", () => {
    const r = checkEnterpriseLoan({ ...coop, amount: "500000" });
    expect(r.isLargeLoan).toBe(true);
    expect(r.violations).toEqual([
      {
        code: "USE_OF_FUNDS_PLAN_REQUIRED",
        message: "农民专业合作社贷款达到 500,000.00 元（含）以上，须附资金使用计划",
        field: "useOfFundsPlanAttached",
      },
    ]);
    expect(codes({ amount: "500000", useOfFundsPlanAttached: true })).toEqual([]);
  });

  it("P-Risk 二(四): 499,999.99 is not large; no plan needed", () => {
    const r = checkEnterpriseLoan({ ...coop, amount: "499999.99" });
    expect([r.isLargeLoan, r.eligible]).toEqual([false, true]);
  });

  it("P-Risk 二(四): an enterprise is large from 100万 (inclusive), not at 999,999.99", () => {
    const ent = { ...coop, kind: "leadingEnterprise" as const };
    expect(checkEnterpriseLoan({ ...ent, amount: "1000000" }).violations.map((v) => v.code)).toEqual([
      "USE_OF_FUNDS_PLAN_REQUIRED",
    ]);
    expect(checkEnterpriseLoan({ ...ent, amount: "999999.99" }).isLargeLoan).toBe(false);
    expect(checkEnterpriseLoan({ ...ent, amount: "600000" }).isLargeLoan).toBe(false);
  });

  it("§2–§4: every violation at once, in the stable order", () => {
    expect(
      codes({
        monthsOperating: 6,
        blacklisted: true,
        householdsDriven: 0,
        requestedRate: "0.06",
        fourPartyAgreementSigned: false,
        amount: "800000",
      }),
    ).toEqual([
      "COOPERATIVE_TOO_YOUNG",
      "BLACKLISTED",
      "NO_HOUSEHOLDS_DRIVEN",
      "RATE_OVER_CAP",
      "AGREEMENT_REQUIRED",
      "USE_OF_FUNDS_PLAN_REQUIRED",
    ]);
  });

  it("§2–§4: malformed input → errors with their codes", () => {
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, kind: "company" as never }))).toBe("INVALID_ENTERPRISE_KIND");
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, monthsOperating: 24.5 }))).toBe("INVALID_COUNT");
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, cooperativeMinYears: -1 }))).toBe("INVALID_COUNT");
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, householdsDriven: -3 }))).toBe("INVALID_COUNT");
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, amount: "0" }))).toBe("INVALID_AMOUNT");
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, amount: "三十万" }))).toBe("INVALID_AMOUNT");
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, requestedRate: "4.35%" }))).toBe("INVALID_RATE");
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, requestedRate: "-0.01" }))).toBe("INVALID_RATE");
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, benchmarkRate: "" }))).toBe("INVALID_RATE");
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, rateMultiplier: "x" }))).toBe("INVALID_SETTING");
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, blacklisted: 0 as never }))).toBe("INVALID_INPUT");
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, fourPartyAgreementSigned: null as never }))).toBe("INVALID_INPUT");
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, useOfFundsPlanAttached: "yes" as never }))).toBe("INVALID_INPUT");
    expect(codeOf(() => checkEnterpriseLoan({ ...coop, stage: "approval" as never }))).toBe("INVALID_INPUT");
    expect(codeOf(() => checkEnterpriseLoan(null as never))).toBe("INVALID_INPUT");
  });
});

describe("isLargeLoan", () => {
  it("P-Risk 二(四): inclusive thresholds on both kinds", () => {
    expect(isLargeLoan("cooperative", "500000")).toBe(true);
    expect(isLargeLoan("cooperative", "499999.99")).toBe(false);
    expect(isLargeLoan("leadingEnterprise", "1000000.00")).toBe(true);
    expect(isLargeLoan("leadingEnterprise", "999999.99")).toBe(false);
  });

  it("L-Risk 二(四): thresholds are settings", () => {
    expect(isLargeLoan("cooperative", "300000", { cooperative: "300000", leadingEnterprise: "800000" })).toBe(true);
  });

  it("P-Risk 二(四): bad kind, amount or threshold → errors", () => {
    expect(codeOf(() => isLargeLoan("farm" as never, "1"))).toBe("INVALID_ENTERPRISE_KIND");
    expect(codeOf(() => isLargeLoan("cooperative", "-1"))).toBe("INVALID_AMOUNT");
    expect(codeOf(() => isLargeLoan("cooperative", "1", { cooperative: "0", leadingEnterprise: "1" }))).toBe(
      "INVALID_SETTING",
    );
    expect(codeOf(() => isLargeLoan("cooperative", "1", null as never))).toBe("INVALID_SETTING");
  });
});

describe("validateUnifiedSocialCreditCode", () => {
  it("GB 32100-2015: 91350100M000100Y43 — weighted sum 1640, 1640 mod 31 = 28, 31 − 28 = 3 → '3'", () => {
    // 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M(21)·20 + 0·29 + 0·25 + 0·13 + 1·8 + 0·24 + 0·10
    // + Y(30)·30 + 4·28 = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640
    expect(validateUnifiedSocialCreditCode("91350100M000100Y43")).toEqual({ valid: true, code: "91350100M000100Y43" });
    expect(unifiedSocialCreditCheckChar("91350100M000100Y4")).toBe("3");
  });

  it("GB 32100-2015: a sum divisible by 31 gives check 31 → '0' (914104820000000000: 9+3+36+27+104+128+34 = 341 = 11 × 31)", () => {
    expect(unifiedSocialCreditCheckChar("91410482000000000")).toBe("0");
    expect(validateUnifiedSocialCreditCode("914104820000000000").valid).toBe(true);
  });

  it("GB 32100-2015: a letter check character (…136T) and a cooperative's 93 prefix", () => {
    // 91440300708461136: 9+3+36+108+0+78+0+0+140+0+200+52+48+24+10+90+168 = 966; 966 mod 31 = 5 → 26 = 'T'
    expect(validateUnifiedSocialCreditCode("91440300708461136T").valid).toBe(true);
    expect(validateUnifiedSocialCreditCode("93410482MA40PQRTB0").valid).toBe(true);
  });

  it("GB 32100-2015: lower case and surrounding spaces are normalised", () => {
    expect(validateUnifiedSocialCreditCode(" 91440300708461136t ")).toEqual({ valid: true, code: "91440300708461136T" });
  });

  it("GB 32100-2015: a wrong check character is rejected", () => {
    expect(validateUnifiedSocialCreditCode("91350100M000100Y44")).toEqual({
      valid: false,
      reason: "统一社会信用代码校验位不正确，请核对",
    });
  });

  it("GB 32100-2015: 17 or 19 characters are rejected", () => {
    expect(validateUnifiedSocialCreditCode("91350100M000100Y4")).toEqual({
      valid: false,
      reason: "统一社会信用代码应为 18 位，当前为 17 位",
    });
    expect(validateUnifiedSocialCreditCode("91350100M000100Y430").valid).toBe(false);
    expect(validateUnifiedSocialCreditCode("").valid).toBe(false);
  });

  it.each(["I", "O", "Z", "S", "V"])("GB 32100-2015: the letter %s is not in the charset", (ch) => {
    const r = validateUnifiedSocialCreditCode(`91350100${ch}000100Y43`);
    expect(r).toEqual({ valid: false, reason: `第 9 位“${ch}”不是有效字符（不使用 I、O、Z、S、V）` });
  });

  it("GB 32100-2015: punctuation and non-strings are rejected", () => {
    expect(validateUnifiedSocialCreditCode("91350100-000100Y43").valid).toBe(false);
    expect(validateUnifiedSocialCreditCode(undefined as never)).toEqual({ valid: false, reason: "统一社会信用代码不能为空" });
  });
});
