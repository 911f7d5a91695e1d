import { describe, expect, it } from "vitest";
import { PolicyProfileSettings } from "@/lib/domain/policy-profile";
import { SETTING_GROUP_LABELS, SETTING_META, SETTING_PATHS } from "@/lib/domain/policy-profile-meta";
import { validateProfileForActivation } from "@/lib/domain/profile-activation";
import { TEMPLATE_IDS, profileTemplate, profileTemplates, type TemplateId } from "@/lib/domain/profile-templates";
import { riskSharingRatios } from "@/lib/domain/risk-sharing";
import { D } from "@/lib/domain/decimal";
import { codeOf } from "./errors-helper";

function settings(id: TemplateId) {
  return profileTemplate(id).settings;
}

function problems(s: unknown) {
  return validateProfileForActivation(s).map((p) => `${p.code} ${p.path}`);
}

/** Leaf paths of a plain settings object, the way SettingPath defines them (arrays are leaves). */
function leafPaths(node: unknown, prefix = ""): string[] {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return [prefix.slice(0, -1)];
  return Object.entries(node).flatMap(([k, v]) => leafPaths(v, `${prefix}${k}.`));
}

/** The joint agreement of a scheme 1 non-agricultural enterprise filled in. */
function withScheme1Agreement() {
  const s = settings("pingdingshan_scheme1");
  const nonagri = s.sharing.ratios.nonagri_enterprise;
  if (!nonagri) throw new Error("template lost its list");
  nonagri[2].ratio = "0.30";
  nonagri[3].ratio = "0.20";
  return s;
}

describe("profile templates", () => {
  it("§14: there is one template per document, and every template is well-formed", () => {
    expect(profileTemplates().map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    for (const t of profileTemplates()) {
      expect(PolicyProfileSettings.safeParse(t.settings).success, t.id).toBe(true);
      expect(t.name).toMatch(/[\u4e00-\u9fff]/);
      expect(t.document).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("§14 P column: Pingdingshan values (5万/36 months/A, benchmark, 2%, 0/1%, 1.5%/0.5%, 70 d/10 wd, >5%/>7%, 70%/65%)", () => {
    const s = settings("pingdingshan_scheme1");
    expect(s.householdLoanCap).toEqual({
      amount: "50000",
      termMonths: 36,
      minGrade: "A",
      eligibleStatuses: ["registeredPoor", "exitedPoverty", "monitored"],
      capIsHardLimit: false,
    });
    expect(s.interest.householdRateRegime).toBe("benchmark");
    expect(s.interest.enterpriseRateMultiplier).toBe("1.10");
    expect(s.enterprise.subsidyRate).toBe("0.02");
    expect(s.guaranteeFees).toEqual({ householdRate: "0", enterpriseRate: "0.01", householdSubsidyRate: "0.015", enterpriseSubsidyRate: "0.005" });
    expect(s.defaultHandling.bufferUnit).toBe("days");
    expect(s.defaultHandling.bufferDays).toBe(70);
    expect(s.defaultHandling.splitWorkingDays).toBe(10);
    expect(s.breaker).toEqual({ township: "0.05", village: "0.07", lender: null, comparison: "gt", nonPerformingOverdueDays: 90 });
    expect(s.credit.creditVillageThreshold).toBe("0.70");
    expect(s.credit.creditTownshipThreshold).toBe("0.65");
    expect(s.riskFund.initialCapital).toBe("20000000");
    expect(s.riskFund.municipalGuaranteeFund).toBe("50000000");
    expect(s.enterprise.largeLoanCooperativeThreshold).toBe("500000");
    expect(s.enterprise.largeLoanEnterpriseThreshold).toBe("1000000");
    expect(s.enterprise.cooperativeMinOperatingYears).toBe(2);
  });

  it("§15 defaults: ACT/360, settlement on the 20th of Mar/Jun/Sep/Dec, 90 days overdue, bands 90/80/70/60, publicity 5 wd, bank 15 wd, scorecard 0.9/0.1 and 85/70/50", () => {
    for (const id of TEMPLATE_IDS) {
      const s = settings(id);
      expect(s.interest.dayCountBasis).toBe(360);
      expect(s.interest.settlement).toEqual({ months: [3, 6, 9, 12], day: 20 });
      expect(s.breaker.nonPerformingOverdueDays).toBe(90);
      expect(s.credit.bands).toEqual({ AAA: 90, AA: 80, A: 70, B: 60 });
      expect(s.process.publicityWorkingDays).toBe(5);
      expect(s.process.bankProcessingWorkingDays).toBe(15);
      expect(s.process.reminderDaysBeforeDue).toBe(60);
      expect(s.process.writtenNoticeDaysBeforeDue).toBe(30);
      expect(s.process.usageSurveyIntervalMonths).toBe(3);
      expect(s.evaluation).toEqual({ indicatorWeight: "0.9", structuralWeight: "0.1", gradeGoodMin: 85, gradeFairMin: 70, gradeAverageMin: 50 });
      expect(s.householdLoanCap.minGrade).toBe("A");
    }
  });

  it("P-Imp 四(三): the Pingdingshan templates carry the scheme tables, matching riskSharingRatios", () => {
    for (const scheme of ["scheme1", "scheme2"] as const) {
      const s = settings(scheme === "scheme1" ? "pingdingshan_scheme1" : "pingdingshan_scheme2");
      expect(s.sharing.scheme).toBe(scheme);
      for (const borrowerClass of ["household", "agri_enterprise"] as const) {
        const expected = riskSharingRatios({ scheme, borrowerClass });
        const actual = s.sharing.ratios[borrowerClass] ?? [];
        expect(actual.map((r) => r.party)).toEqual(expected.map((r) => r.party));
        actual.forEach((r, i) => expect(new D(r.ratio ?? "NaN").equals(expected[i].ratio)).toBe(true));
      }
    }
    expect(settings("pingdingshan_scheme2").sharing.ratios.nonagri_enterprise).toEqual([
      { party: "county_fund", ratio: "0.20" },
      { party: "bank", ratio: "0.20" },
      { party: "municipal_guarantee", ratio: null },
      { party: "county_guarantee", ratio: null },
      { party: "provincial_guarantee_group", ratio: null },
    ]);
  });

  it("G: Guizhou has a hard 5万 cap, a 2 (max 3) month buffer, ≥ 3% lender breaker, 5 working days to return recoveries", () => {
    const s = settings("guizhou");
    expect(s.householdLoanCap.capIsHardLimit).toBe(true);
    expect(s.defaultHandling).toEqual({
      bufferUnit: "months",
      bufferDays: null,
      bufferUsualMaxMonths: 2,
      bufferHardMaxMonths: 3,
      splitWorkingDays: 10,
      recoveryReturnWorkingDays: 5,
      claimChainEnabled: true,
    });
    expect(s.breaker).toEqual({ township: null, village: null, lender: "0.03", comparison: "gte", nonPerformingOverdueDays: 90 });
    expect(s.enterprise.subsidyRate).toBe("0");
    expect(s.guaranteeFees.householdRate).toBe("0");
    expect(s.guaranteeFees.enterpriseRate).toBe("0");
    expect(s.interest.subsidyIncludesRenewals).toBe(true);
    expect(s.riskFund.minFundToBalanceRatio).toBe("0.10");
    expect(s.riskFund.topUpShareOfRevenueIncrease).toBe("0.05");
  });

  it("D: Dengzhou 2023 uses the LPR caps and charges no guarantee fees", () => {
    const s = settings("dengzhou_2023");
    expect(s.interest.householdRateRegime).toBe("lpr");
    expect(s.guaranteeFees.householdRate).toBe("0");
    expect(s.guaranteeFees.enterpriseRate).toBe("0");
  });

  it("§14: each call returns an independent copy", () => {
    const a = settings("pingdingshan_scheme1");
    a.householdLoanCap.amount = "1";
    a.interest.settlement.months.push(1);
    expect(settings("pingdingshan_scheme1").householdLoanCap.amount).toBe("50000");
    expect(settings("pingdingshan_scheme1").interest.settlement.months).toEqual([3, 6, 9, 12]);
    expect(codeOf(() => profileTemplate("beijing" as never))).toBe("UNKNOWN_TEMPLATE");
    expect(codeOf(() => profileTemplate("toString" as never))).toBe("UNKNOWN_TEMPLATE");
  });
});

describe("setting metadata", () => {
  it("§14: every setting has a Chinese label and a source citation, and the list matches the schema's leaves", () => {
    const leaves = leafPaths(settings("pingdingshan_scheme1")).filter((p) => !p.startsWith("sharing.ratios."));
    const withRatios = [...leaves, "sharing.ratios.household", "sharing.ratios.agri_enterprise", "sharing.ratios.nonagri_enterprise"];
    expect([...SETTING_PATHS].sort()).toEqual([...new Set(withRatios)].sort());
    for (const p of SETTING_PATHS) {
      expect(SETTING_META[p].label, p).toMatch(/[\u4e00-\u9fff]/);
      expect(SETTING_META[p].source, p).toMatch(/§\d+|P-|G |D|Z/);
    }
    expect(Object.keys(SETTING_GROUP_LABELS).sort()).toEqual(Object.keys(settings("guizhou")).sort());
  });

  it("§14: settings that are not nullable in the schema carry no nullMeans, nullable ones do", () => {
    const s = settings("zhumadian");
    for (const p of SETTING_PATHS) {
      const probe = structuredClone(s) as Record<string, unknown>;
      const keys = p.split(".");
      let node = probe as Record<string, unknown>;
      for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
      node[keys[keys.length - 1]] = null;
      const nullable = PolicyProfileSettings.safeParse(probe).success;
      expect(SETTING_META[p].nullMeans !== undefined, p).toBe(nullable);
    }
  });
});

describe("validateProfileForActivation", () => {
  it("§15.2: Pingdingshan scheme 1 only lacks the re-guarantee agreement for non-agricultural enterprises", () => {
    expect(problems(settings("pingdingshan_scheme1"))).toEqual([
      "AGREEMENT_REQUIRED sharing.ratios.nonagri_enterprise.2.ratio",
      "AGREEMENT_REQUIRED sharing.ratios.nonagri_enterprise.3.ratio",
    ]);
    expect(problems(withScheme1Agreement())).toEqual([]);
  });

  it("§15.2: the message names the missing party in Chinese, not by its id", () => {
    const messages = validateProfileForActivation(settings("pingdingshan_scheme1")).map((p) => p.message);
    expect(messages[0]).toContain("“省担保集团”");
    expect(messages.join()).not.toContain("provincial_guarantee_group");
  });

  it("§15.2: an agreement that leaves the class short of 100% → RATIOS_NOT_100", () => {
    const s = withScheme1Agreement();
    s.sharing.ratios.nonagri_enterprise![3].ratio = "0.19";
    const result = validateProfileForActivation(s);
    expect(result.map((p) => `${p.code} ${p.path}`)).toEqual(["RATIOS_NOT_100 sharing.ratios.nonagri_enterprise"]);
    expect(result[0].message).toContain("非农业类带贫企业贷款");
    expect(result[0].message).toContain("99%");
  });

  it("§15.2: every borrower class is checked, each problem reported", () => {
    const s = withScheme1Agreement();
    s.sharing.ratios.household![0].ratio = "0.31";
    s.sharing.ratios.agri_enterprise = [];
    s.sharing.ratios.nonagri_enterprise![1].party = "county_fund";
    expect(problems(s)).toEqual([
      "RATIOS_NOT_100 sharing.ratios.household",
      "RATIOS_NOT_100 sharing.ratios.agri_enterprise",
      "DUPLICATE_PARTY sharing.ratios.nonagri_enterprise",
    ]);
  });

  it("Z: Zhumadian needs the rate regime, guarantee fees, the regulator's thresholds and the agreed ratios", () => {
    expect(problems(settings("zhumadian"))).toEqual([
      "SETTING_REQUIRED interest.householdRateRegime",
      "SETTING_REQUIRED guaranteeFees.householdRate",
      "SETTING_REQUIRED guaranteeFees.enterpriseRate",
      "SETTING_REQUIRED guaranteeFees.householdSubsidyRate",
      "SETTING_REQUIRED guaranteeFees.enterpriseSubsidyRate",
      "SETTING_REQUIRED sharing.ratios.household",
      "SETTING_REQUIRED sharing.ratios.agri_enterprise",
      "SETTING_REQUIRED sharing.ratios.nonagri_enterprise",
      "SETTING_REQUIRED breaker",
    ]);
  });

  it("L: Luolong needs the household cap and term, rate regime, fees and the 农办/bank ratio", () => {
    expect(problems(settings("luolong"))).toEqual([
      "SETTING_REQUIRED householdLoanCap.amount",
      "SETTING_REQUIRED householdLoanCap.termMonths",
      "SETTING_REQUIRED interest.householdRateRegime",
      "SETTING_REQUIRED guaranteeFees.householdRate",
      "SETTING_REQUIRED guaranteeFees.enterpriseRate",
      "SETTING_REQUIRED guaranteeFees.householdSubsidyRate",
      "SETTING_REQUIRED guaranteeFees.enterpriseSubsidyRate",
      "AGREEMENT_REQUIRED sharing.ratios.household.0.ratio",
      "AGREEMENT_REQUIRED sharing.ratios.household.1.ratio",
      "AGREEMENT_REQUIRED sharing.ratios.agri_enterprise.0.ratio",
      "AGREEMENT_REQUIRED sharing.ratios.agri_enterprise.1.ratio",
      "AGREEMENT_REQUIRED sharing.ratios.nonagri_enterprise.0.ratio",
      "AGREEMENT_REQUIRED sharing.ratios.nonagri_enterprise.1.ratio",
    ]);
  });

  it("G: Guizhou needs the fee subsidies and the prescribed ratios; no township/village thresholds needed", () => {
    expect(problems(settings("guizhou"))).toEqual([
      "SETTING_REQUIRED guaranteeFees.householdSubsidyRate",
      "SETTING_REQUIRED guaranteeFees.enterpriseSubsidyRate",
      "SETTING_REQUIRED sharing.ratios.household",
      "SETTING_REQUIRED sharing.ratios.agri_enterprise",
      "SETTING_REQUIRED sharing.ratios.nonagri_enterprise",
    ]);
  });

  it("D: Dengzhou needs fee subsidies, a sharing scheme with ratios, and breaker thresholds", () => {
    expect(problems(settings("dengzhou_2023"))).toEqual([
      "SETTING_REQUIRED guaranteeFees.householdSubsidyRate",
      "SETTING_REQUIRED guaranteeFees.enterpriseSubsidyRate",
      "SETTING_REQUIRED sharing.scheme",
      "SETTING_REQUIRED sharing.ratios.household",
      "SETTING_REQUIRED sharing.ratios.agri_enterprise",
      "SETTING_REQUIRED sharing.ratios.nonagri_enterprise",
      "SETTING_REQUIRED breaker",
    ]);
  });

  it("§14: every problem message is Chinese and names the setting", () => {
    for (const p of validateProfileForActivation(settings("zhumadian"))) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    const first = validateProfileForActivation(settings("luolong"))[0];
    expect(first.message).toBe("请填写“农户贷款金额上限（元，含已有余额）”");
  });

  it("§15.5: the buffer length must match its unit", () => {
    const days = withScheme1Agreement();
    days.defaultHandling.bufferDays = null;
    expect(problems(days)).toEqual(["SETTING_REQUIRED defaultHandling.bufferDays"]);
    const months = withScheme1Agreement();
    months.defaultHandling = { ...months.defaultHandling, bufferUnit: "months", bufferDays: null };
    expect(problems(months)).toEqual([
      "SETTING_REQUIRED defaultHandling.bufferUsualMaxMonths",
      "SETTING_REQUIRED defaultHandling.bufferHardMaxMonths",
    ]);
    months.defaultHandling.bufferUsualMaxMonths = 4;
    months.defaultHandling.bufferHardMaxMonths = 3;
    expect(problems(months)).toEqual(["INVALID_SETTING defaultHandling.bufferUsualMaxMonths"]);
    months.defaultHandling.bufferUsualMaxMonths = 3;
    expect(problems(months)).toEqual([]);
  });

  it("§15.6: an enterprise subsidy above 0 needs the per-household principal; a rate of 0 does not", () => {
    const s = withScheme1Agreement();
    s.enterprise.subsidyPrincipalPerHousehold = null;
    expect(problems(s)).toEqual(["SETTING_REQUIRED enterprise.subsidyPrincipalPerHousehold"]);
    s.enterprise.subsidyRate = "0.00";
    expect(problems(s)).toEqual([]);
  });

  it("§9: township and village thresholds come as a pair; a lender threshold alone is enough", () => {
    const s = withScheme1Agreement();
    s.breaker.village = null;
    expect(problems(s)).toEqual(["SETTING_REQUIRED breaker.village"]);
    s.breaker.village = "0.07";
    s.breaker.township = null;
    expect(problems(s)).toEqual(["SETTING_REQUIRED breaker.township"]);
    s.breaker.village = null;
    s.breaker.lender = "0.03";
    expect(problems(s)).toEqual([]);
    s.breaker.lender = null;
    expect(problems(s)).toEqual(["SETTING_REQUIRED breaker"]);
  });

  it("§15.7: credit bands must descend strictly", () => {
    const s = withScheme1Agreement();
    s.credit.bands.AA = 90;
    expect(problems(s)).toEqual(["INVALID_CREDIT_BANDS credit.bands"]);
  });

  it("§15.9: scorecard weights sum to 1 and grade floors descend", () => {
    const s = withScheme1Agreement();
    s.evaluation.structuralWeight = "0.2";
    s.evaluation.gradeFairMin = 85;
    expect(problems(s)).toEqual(["INVALID_SETTING evaluation.indicatorWeight", "INVALID_SETTING evaluation.gradeGoodMin"]);
  });

  it("§2: at least one household status must be eligible", () => {
    const s = withScheme1Agreement();
    s.householdLoanCap.eligibleStatuses = [];
    expect(problems(s)).toEqual(["SETTING_REQUIRED householdLoanCap.eligibleStatuses"]);
  });

  it("G 一(一), 二(八)2: misregistered and unregistered households can never be made eligible", () => {
    const s = withScheme1Agreement();
    s.householdLoanCap.eligibleStatuses = ["registeredPoor", "misregistered"];
    expect(problems(s)).toEqual(["INVALID_SETTING householdLoanCap.eligibleStatuses"]);
    s.householdLoanCap.eligibleStatuses = ["none"];
    expect(problems(s)).toEqual(["INVALID_SETTING householdLoanCap.eligibleStatuses"]);
    s.householdLoanCap.eligibleStatuses = ["registeredPoor", "marginal"];
    expect(problems(s)).toEqual([]);
  });

  it("§14: malformed values are reported as INVALID_SETTING with their path and label", () => {
    const s = withScheme1Agreement() as unknown as Record<string, Record<string, unknown>>;
    s.householdLoanCap.amount = "5万";
    s.breaker.township = "1.5";
    s.process.publicityWorkingDays = -1;
    s.breaker.comparison = "ge";
    const result = validateProfileForActivation(s);
    expect(result.map((p) => `${p.code} ${p.path}`)).toEqual([
      "INVALID_SETTING householdLoanCap.amount",
      "INVALID_SETTING breaker.township",
      "INVALID_SETTING breaker.comparison",
      "INVALID_SETTING process.publicityWorkingDays",
    ]);
    expect(result[0].message).toBe("农户贷款金额上限（元，含已有余额）格式不正确：须为非负金额（最多两位小数）");
    expect(result[2].message).toBe("熔断比较方式（超过 / 达到即熔断）不是允许的选项");
  });

  it("§14: unknown keys, missing groups, unsorted settlement months and non-objects are malformed", () => {
    const extra = { ...withScheme1Agreement(), surprise: 1 };
    expect(problems(extra)).toEqual(["INVALID_SETTING "]);
    const { breaker: _omitted, ...missing } = withScheme1Agreement();
    expect(problems(missing)).toEqual(["INVALID_SETTING breaker"]);
    const unsorted = withScheme1Agreement();
    unsorted.interest.settlement.months = [6, 3];
    const result = validateProfileForActivation(unsorted);
    expect(result.map((p) => `${p.code} ${p.path}`)).toEqual(["INVALID_SETTING interest.settlement.months"]);
    expect(result[0].message).toBe("按季结息月份：结息月份须升序且不重复");
    expect(problems(null)).toEqual(["INVALID_SETTING "]);
    expect(validateProfileForActivation(null)[0].message).toMatch(/^政策设置/);
    const badRatio = withScheme1Agreement();
    badRatio.sharing.ratios.household![0].ratio = "30%";
    expect(problems(badRatio)).toEqual(["INVALID_SETTING sharing.ratios.household.0.ratio"]);
    expect(validateProfileForActivation(badRatio)[0].message).toContain("贫困户贷款损失分担比例");
  });
});
