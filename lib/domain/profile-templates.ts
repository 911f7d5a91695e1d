import { DomainError } from "./errors";
import type { PolicyProfileSettings } from "./policy-profile";
import { POOR_COUNTY_SCHEMES, type BorrowerClass, type PoorCountyScheme } from "./reference/sharing-schemes";

/**
 * Built-in policy profile templates, one per source document (POLICY §14). A county adopts a
 * template and edits its copy. Cells a document leaves blank ("—") are null and must be filled
 * before activation, unless §15 gives the product's default, which is then used. Settings
 * outside the §14 table (process deadlines, large-loan thresholds, …) take the value of the one
 * document that states them, named in SETTING_META's source.
 */
export const TEMPLATE_IDS = [
  "pingdingshan_scheme1",
  "pingdingshan_scheme2",
  "zhumadian",
  "luolong",
  "guizhou",
  "dengzhou_2023",
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export type ProfileTemplate = {
  id: TemplateId;
  name: string;
  document: string;
  settings: PolicyProfileSettings;
};

/** The §15 defaults and single-source values every template starts from. */
function productDefaults(): PolicyProfileSettings {
  return {
    householdLoanCap: {
      amount: "50000",
      termMonths: 36,
      minGrade: "A",
      eligibleStatuses: ["registeredPoor", "exitedPoverty", "monitored"],
      capIsHardLimit: false,
    },
    interest: {
      householdRateRegime: "benchmark",
      enterpriseRateMultiplier: "1.10",
      dayCountBasis: 360,
      settlement: { months: [3, 6, 9, 12], day: 20 },
      subsidyIncludesRenewals: false,
    },
    enterprise: {
      subsidyRate: "0.02",
      subsidyPrincipalPerHousehold: "50000",
      cooperativeMinOperatingYears: 2,
      largeLoanCooperativeThreshold: "500000",
      largeLoanEnterpriseThreshold: "1000000",
      siteVisitsPerQuarter: 1,
    },
    guaranteeFees: {
      householdRate: "0",
      enterpriseRate: "0.01",
      householdSubsidyRate: "0.015",
      enterpriseSubsidyRate: "0.005",
    },
    defaultHandling: {
      bufferUnit: "days",
      bufferDays: 70,
      bufferUsualMaxMonths: null,
      bufferHardMaxMonths: null,
      splitWorkingDays: 10,
      recoveryReturnWorkingDays: null,
      claimChainEnabled: false,
    },
    breaker: { township: "0.05", village: "0.07", lender: null, comparison: "gt", nonPerformingOverdueDays: 90 },
    credit: {
      bands: { AAA: 90, AA: 80, A: 70, B: 60 },
      creditVillageThreshold: "0.70",
      creditTownshipThreshold: "0.65",
    },
    sharing: { scheme: null, ratios: { household: null, agri_enterprise: null, nonagri_enterprise: null } },
    process: {
      publicityWorkingDays: 5,
      publicityRunBy: "township",
      bankProcessingWorkingDays: 15,
      reminderDaysBeforeDue: 60,
      writtenNoticeDaysBeforeDue: 30,
      usageSurveyIntervalMonths: 3,
      repaymentSchedule: "quarterlyInterestBullet",
    },
    riskFund: {
      initialCapital: null,
      minFundToBalanceRatio: null,
      topUpShareOfRevenueIncrease: null,
      municipalGuaranteeFund: null,
    },
    evaluation: {
      indicatorWeight: "0.9",
      structuralWeight: "0.1",
      gradeGoodMin: 85,
      gradeFairMin: 70,
      gradeAverageMin: 50,
    },
  };
}

/** The scheme's table; the joint members of the non-agricultural class wait for the re-guarantee agreement. */
function poorCountyRatios(scheme: PoorCountyScheme): PolicyProfileSettings["sharing"]["ratios"] {
  const table = POOR_COUNTY_SCHEMES[scheme];
  const forClass = (c: BorrowerClass) => {
    const entry = table[c];
    const fixed = entry.fixed.map((f) => ({ party: f.party as string, ratio: f.ratio as string | null }));
    const joint = "joint" in entry ? entry.joint.members.map((party) => ({ party: party as string, ratio: null })) : [];
    return [...fixed, ...joint];
  };
  return { household: forClass("household"), agri_enterprise: forClass("agri_enterprise"), nonagri_enterprise: forClass("nonagri_enterprise") };
}

function pingdingshan(scheme: PoorCountyScheme): PolicyProfileSettings {
  const s = productDefaults();
  s.sharing = { scheme, ratios: poorCountyRatios(scheme) };
  s.riskFund.initialCapital = "20000000";
  s.riskFund.municipalGuaranteeFund = "50000000";
  return s;
}

function zhumadian(): PolicyProfileSettings {
  const s = productDefaults();
  s.interest.householdRateRegime = null;
  s.guaranteeFees = { householdRate: null, enterpriseRate: null, householdSubsidyRate: null, enterpriseSubsidyRate: null };
  // Z 三(六): thresholds set by the regulators, per county.
  s.breaker.township = null;
  s.breaker.village = null;
  s.sharing.scheme = "negotiated";
  return s;
}

function luolong(): PolicyProfileSettings {
  const s = productDefaults();
  s.householdLoanCap.amount = null;
  s.householdLoanCap.termMonths = null;
  s.interest.householdRateRegime = null;
  s.guaranteeFees = { householdRate: null, enterpriseRate: null, householdSubsidyRate: null, enterpriseSubsidyRate: null };
  // 区委农办 and the bank share by an agreed ratio.
  const agreed = () => [
    { party: "district_agri_office", ratio: null },
    { party: "bank", ratio: null },
  ];
  s.sharing = { scheme: "luolong", ratios: { household: agreed(), agri_enterprise: agreed(), nonagri_enterprise: agreed() } };
  return s;
}

function guizhou(): PolicyProfileSettings {
  const s = productDefaults();
  s.householdLoanCap.capIsHardLimit = true;
  s.interest.subsidyIncludesRenewals = true;
  s.enterprise.subsidyRate = "0";
  s.enterprise.subsidyPrincipalPerHousehold = null;
  s.guaranteeFees = { householdRate: "0", enterpriseRate: "0", householdSubsidyRate: null, enterpriseSubsidyRate: null };
  s.defaultHandling = {
    bufferUnit: "months",
    bufferDays: null,
    bufferUsualMaxMonths: 2,
    bufferHardMaxMonths: 3,
    splitWorkingDays: 10,
    recoveryReturnWorkingDays: 5,
    claimChainEnabled: true,
  };
  s.breaker = { township: null, village: null, lender: "0.03", comparison: "gte", nonPerformingOverdueDays: 90 };
  s.sharing.scheme = "guizhou";
  s.riskFund.minFundToBalanceRatio = "0.10";
  s.riskFund.topUpShareOfRevenueIncrease = "0.05";
  return s;
}

function dengzhou2023(): PolicyProfileSettings {
  const s = productDefaults();
  s.interest.householdRateRegime = "lpr";
  s.guaranteeFees = { householdRate: "0", enterpriseRate: "0", householdSubsidyRate: null, enterpriseSubsidyRate: null };
  s.breaker.township = null;
  s.breaker.village = null;
  return s;
}

const BUILDERS: Record<TemplateId, { name: string; document: string; build: () => PolicyProfileSettings }> = {
  pingdingshan_scheme1: { name: "平顶山（方案一）", document: "平政办〔2017〕76号", build: () => pingdingshan("scheme1") },
  pingdingshan_scheme2: { name: "平顶山（方案二）", document: "平政办〔2017〕76号", build: () => pingdingshan("scheme2") },
  zhumadian: { name: "驻马店", document: "驻政〔2017〕40号", build: zhumadian },
  luolong: { name: "洛龙区", document: "洛龙区金融扶贫服务、信用、风险防控、产业体系文件", build: luolong },
  guizhou: { name: "贵州省", document: "黔府办函〔2018〕119号", build: guizhou },
  dengzhou_2023: { name: "邓州市（2023）", document: "邓州市2023年小额信贷贴息项目实施方案（调整后）", build: dengzhou2023 },
};

/** A fresh copy of a template, safe to edit. */
export function profileTemplate(id: TemplateId): ProfileTemplate {
  if (!Object.hasOwn(BUILDERS, id)) {
    throw new DomainError("UNKNOWN_TEMPLATE", `未知的政策模板：${String(id)}`, "templateId");
  }
  const b = BUILDERS[id];
  return { id, name: b.name, document: b.document, settings: b.build() };
}

export function profileTemplates(): ProfileTemplate[] {
  return TEMPLATE_IDS.map(profileTemplate);
}
