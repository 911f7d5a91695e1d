import type { SettingPath } from "./policy-profile";

/**
 * What a null means when the profile is activated:
 * - required: a blank cell of the adopted document; the county must fill it in;
 * - notApplicable: the rule does not exist in that jurisdiction, null is a valid answer;
 * - conditional: required depending on other settings (see validateProfileForActivation).
 * Settings that can never be null have no nullMeans.
 */
export type NullMeaning = "required" | "notApplicable" | "conditional";
export type SettingMeta = { label: string; source: string; nullMeans?: NullMeaning };

export const SETTING_GROUP_LABELS = {
  householdLoanCap: "农户贷款准入与额度",
  interest: "利率与贴息",
  enterprise: "带贫企业贷款",
  guaranteeFees: "担保费与担保费补助",
  defaultHandling: "逾期处置与代偿",
  breaker: "熔断机制",
  credit: "信用体系",
  sharing: "风险分担",
  process: "办理流程与贷后管理",
  riskFund: "风险补偿金",
  evaluation: "银行业考评",
} as const;

export const SETTING_META: Readonly<Record<SettingPath, SettingMeta>> = {
  "householdLoanCap.amount": { label: "农户贷款金额上限（元，含已有余额）", source: "§3, §14; P-Imp 四(四); Z 三(五); G 一(二); D", nullMeans: "required" },
  "householdLoanCap.termMonths": { label: "农户贷款期限上限（月）", source: "§3, §14; P-Imp 四(四); G 一(二); D", nullMeans: "required" },
  "householdLoanCap.minGrade": { label: "准入信用等级（含）以上", source: "§2, §14, §15.7; P-Risk 二(一)1; L-Cr 二", nullMeans: "required" },
  "householdLoanCap.eligibleStatuses": { label: "可贷农户身份", source: "§2; G 一(一), 二(八)2; D" },
  "householdLoanCap.capIsHardLimit": { label: "金额上限为硬性放贷上限（否：仅为贴息范围）", source: "§3; G 一(二)" },
  "interest.householdRateRegime": { label: "农户贷款利率与贴息上限基准（基准利率/LPR）", source: "§6, §14; P-Imp 四(四); G 二(四); D", nullMeans: "required" },
  "interest.enterpriseRateMultiplier": { label: "企业贷款利率上限（基准利率的倍数）", source: "§3; P-Imp 四(二)", nullMeans: "required" },
  "interest.dayCountBasis": { label: "日利率折算天数（年利率 ÷ 天数）", source: "§15.6" },
  "interest.settlement.months": { label: "按季结息月份", source: "§15.6" },
  "interest.settlement.day": { label: "结息日（每月几日）", source: "§15.6" },
  "interest.subsidyIncludesRenewals": { label: "贴息期限含续贷、展期", source: "§6; G 二(四)" },
  "enterprise.subsidyRate": { label: "带贫企业贴息率（年，0 为不贴息）", source: "§6, §14, §15.6; P-Imp 四(四); Z", nullMeans: "required" },
  "enterprise.subsidyPrincipalPerHousehold": { label: "企业贴息本金：每带动一户（元）", source: "§15.6", nullMeans: "conditional" },
  "enterprise.cooperativeMinOperatingYears": { label: "合作社按企业对待的正常经营年限（年，含）", source: "§2; P-Imp 二(二)", nullMeans: "required" },
  "enterprise.largeLoanCooperativeThreshold": { label: "大额贷款标准：合作社（元，含）", source: "§4; P-Risk 二(四); L-Risk 二(四)", nullMeans: "required" },
  "enterprise.largeLoanEnterpriseThreshold": { label: "大额贷款标准：企业（元，含）", source: "§4; P-Risk 二(四); L-Risk 二(四)", nullMeans: "required" },
  "enterprise.siteVisitsPerQuarter": { label: "大额贷款每季度现场检查（至少次数）", source: "§4; P-Risk 二(四)", nullMeans: "required" },
  "guaranteeFees.householdRate": { label: "农户贷款担保费率（年）", source: "§6, §14; P-Imp 四(五); D", nullMeans: "required" },
  "guaranteeFees.enterpriseRate": { label: "企业贷款担保费率（年）", source: "§6, §14; P-Imp 四(五); D", nullMeans: "required" },
  "guaranteeFees.householdSubsidyRate": { label: "农户贷款担保费补助率（年，补助担保机构）", source: "§6, §14; P-Imp 四(五)", nullMeans: "required" },
  "guaranteeFees.enterpriseSubsidyRate": { label: "企业贷款担保费补助率（年，补助担保机构）", source: "§6, §14; P-Imp 四(五)", nullMeans: "required" },
  "defaultHandling.bufferUnit": { label: "缓冲期计算方式（按天/按月）", source: "§8, §14" },
  "defaultHandling.bufferDays": { label: "缓冲期（天，自到期日次日起算）", source: "§8, §14, §15.5; P-Risk 二(五); L-Risk 二(五)", nullMeans: "conditional" },
  "defaultHandling.bufferUsualMaxMonths": { label: "缓冲期一般不超过（月）", source: "§8, §14; G 二(七)", nullMeans: "conditional" },
  "defaultHandling.bufferHardMaxMonths": { label: "缓冲期最长不超过（月）", source: "§8, §14; G 二(七)", nullMeans: "conditional" },
  "defaultHandling.splitWorkingDays": { label: "缓冲期满后按比例分担损失时限（工作日）", source: "§8, §14, §15.5; P-Risk 二(六); L-Risk 二(六)", nullMeans: "required" },
  "defaultHandling.recoveryReturnWorkingDays": { label: "代偿后追回款项返还风险补偿金时限（工作日）", source: "§8; G 二(八)", nullMeans: "notApplicable" },
  "defaultHandling.claimChainEnabled": { label: "代偿申请经乡镇、县逐级审核", source: "§8; G 二(八)" },
  "breaker.township": { label: "乡镇熔断阈值（不良贷款率）", source: "§9, §14; P-Imp 五(三); P-Risk 二(七); L-Risk 二(七); Z 三(六)", nullMeans: "conditional" },
  "breaker.village": { label: "村熔断阈值（不良贷款率）", source: "§9, §14; P-Imp 五(三); P-Risk 二(七); L-Risk 二(七); Z 三(六)", nullMeans: "conditional" },
  "breaker.lender": { label: "放贷机构熔断阈值（不良贷款率）", source: "§9, §14; G 二(二)", nullMeans: "conditional" },
  "breaker.comparison": { label: "熔断比较方式（超过 / 达到即熔断）", source: "§9, §15.1" },
  "breaker.nonPerformingOverdueDays": { label: "不良贷款认定：任一期逾期超过（天）", source: "§15.1" },
  "credit.bands.AAA": { label: "AAA 级最低分", source: "§15.7" },
  "credit.bands.AA": { label: "AA 级最低分", source: "§15.7" },
  "credit.bands.A": { label: "A 级最低分", source: "§15.7" },
  "credit.bands.B": { label: "B 级最低分（以下为 C 级）", source: "§15.7" },
  "credit.creditVillageThreshold": { label: "信用村标准：信用户占比（含）", source: "§5, §14, §15.7; P-Cr 二; L-Cr 二", nullMeans: "required" },
  "credit.creditTownshipThreshold": { label: "信用乡镇标准：信用村占比（含）", source: "§5, §14, §15.7; P-Cr 二; L-Cr 二", nullMeans: "required" },
  "sharing.scheme": { label: "风险分担方案", source: "§7, §14; P-Imp 四(三)", nullMeans: "required" },
  "sharing.ratios.household": { label: "贫困户贷款损失分担比例", source: "§7, §15.2; P-Imp 四(三)", nullMeans: "required" },
  "sharing.ratios.agri_enterprise": { label: "农业类带贫企业贷款损失分担比例", source: "§7, §15.2; P-Imp 四(三)", nullMeans: "required" },
  "sharing.ratios.nonagri_enterprise": { label: "非农业类带贫企业贷款损失分担比例（共同分担部分按再担保协议）", source: "§7, §15.2; P-Imp 四(三)", nullMeans: "required" },
  "process.publicityWorkingDays": { label: "公示期（工作日）", source: "§4, §15.8" },
  "process.publicityRunBy": { label: "公示组织层级", source: "§1, §4; P-Imp 三(一)" },
  "process.bankProcessingWorkingDays": { label: "银行办结时限（工作日，超时提示）", source: "§1, §15.8; P-Svc" },
  "process.reminderDaysBeforeDue": { label: "到期前提醒（天）", source: "§4; D 工作重点(二)" },
  "process.writtenNoticeDaysBeforeDue": { label: "到期前书面通知（天）", source: "§4; D 工作重点(二)" },
  "process.usageSurveyIntervalMonths": { label: "贷款使用情况调查间隔（月）", source: "§4; D 工作重点(二)" },
  "process.repaymentSchedule": { label: "默认还款方式（按季付息到期还本 / 分期等额）", source: "§4, §15.6; G 二(八)1" },
  "riskFund.initialCapital": { label: "风险补偿金初始规模（元，不低于）", source: "§10; P-Imp 四(六)1", nullMeans: "notApplicable" },
  "riskFund.minFundToBalanceRatio": { label: "风险补偿金与贷款余额最低比例", source: "§10; G 二(六)1", nullMeans: "notApplicable" },
  "riskFund.topUpShareOfRevenueIncrease": { label: "风险补偿金补充：预算新增财力的比例", source: "§10; G 二(六)1", nullMeans: "notApplicable" },
  "riskFund.municipalGuaranteeFund": { label: "市级担保代偿资金（元，亦为代偿上限）", source: "§10; P-Imp 四(六)2", nullMeans: "notApplicable" },
  "evaluation.indicatorWeight": { label: "银行考评：指标得分权重", source: "§11, §15.9; P-Eval" },
  "evaluation.structuralWeight": { label: "银行考评：部门评价得分权重", source: "§11, §15.9; P-Eval" },
  "evaluation.gradeGoodMin": { label: "考评等级“好”最低分", source: "§11, §15.9; P-Eval" },
  "evaluation.gradeFairMin": { label: "考评等级“较好”最低分", source: "§11, §15.9; P-Eval" },
  "evaluation.gradeAverageMin": { label: "考评等级“一般”最低分（以下为“差”）", source: "§11, §15.9; P-Eval" },
} satisfies Record<SettingPath, SettingMeta>;

export const SETTING_PATHS = Object.keys(SETTING_META) as SettingPath[];
