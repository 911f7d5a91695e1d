/**
 * The policy profile editor's form: every setting of POLICY §14–15 as named form fields (the
 * setting's dotted path), their conversion to and from the settings JSON, and display text.
 * Shared by the editor component and the server, so both read a field the same way.
 */
import { CREDIT_GRADES } from "./domain/credit";
import { HOUSEHOLD_STATUSES, HOUSEHOLD_STATUS_LABELS } from "./domain/eligibility";
import {
  BREAKER_COMPARISONS,
  BUFFER_UNITS,
  PolicyProfileSettings,
  PUBLICITY_RUNNERS,
  RATE_REGIMES,
  REPAYMENT_SCHEDULES,
  SHARING_SCHEMES,
  type SettingPath,
} from "./domain/policy-profile";
import { SETTING_GROUP_LABELS, SETTING_META, SETTING_PATHS } from "./domain/policy-profile-meta";
import { validateProfileForActivation, type ProfileProblem } from "./domain/profile-activation";
import { SHARING_PARTIES, SHARING_PARTY_LABELS } from "./domain/reference/sharing-schemes";

type Option = { value: string; label: string };
export type SettingField =
  | { kind: "decimal"; nullable: boolean; unit: "money" | "fraction" | "factor" }
  | { kind: "int"; nullable: boolean }
  | { kind: "enum"; nullable: boolean; options: readonly Option[] }
  | { kind: "bool" }
  | { kind: "statuses" }
  | { kind: "months" }
  | { kind: "ratios" };

const labelled = <T extends string>(values: readonly T[], labels: Record<T, string>): Option[] =>
  values.map((value) => ({ value, label: labels[value] }));

export const ENUM_LABELS = {
  householdRateRegime: { benchmark: "贷款基准利率", lpr: "贷款市场报价利率（LPR）" },
  scheme: { scheme1: "方案一", scheme2: "方案二", negotiated: "协商确定", luolong: "区委农办与银行按约定比例", guizhou: "按规定比例（贵州）" },
  comparison: { gt: "超过即熔断（>）", gte: "达到即熔断（≥）" },
  bufferUnit: { days: "按天", months: "按月" },
  publicityRunBy: { township: "乡镇", county: "县级" },
  repaymentSchedule: { quarterlyInterestBullet: "按季付息、到期还本", equalInstalments: "分期等额还款" },
  minGrade: Object.fromEntries(CREDIT_GRADES.map((g) => [g, `${g} 级`])) as Record<(typeof CREDIT_GRADES)[number], string>,
} as const;

const money = { kind: "decimal", nullable: true, unit: "money" } as const;
const fraction = { kind: "decimal", nullable: true, unit: "fraction" } as const;
const optionalInt = { kind: "int", nullable: true } as const;
const int = { kind: "int", nullable: false } as const;
const bool = { kind: "bool" } as const;
const ratios = { kind: "ratios" } as const;

/** How each setting is entered; `satisfies` makes a new setting without a field a compile error. */
export const SETTING_FIELDS = {
  "householdLoanCap.amount": money,
  "householdLoanCap.termMonths": optionalInt,
  "householdLoanCap.minGrade": { kind: "enum", nullable: true, options: labelled(CREDIT_GRADES, ENUM_LABELS.minGrade) },
  "householdLoanCap.eligibleStatuses": { kind: "statuses" },
  "householdLoanCap.capIsHardLimit": bool,
  "interest.householdRateRegime": { kind: "enum", nullable: true, options: labelled(RATE_REGIMES, ENUM_LABELS.householdRateRegime) },
  "interest.enterpriseRateMultiplier": { kind: "decimal", nullable: true, unit: "factor" },
  "interest.dayCountBasis": int,
  "interest.settlement.months": { kind: "months" },
  "interest.settlement.day": int,
  "interest.subsidyIncludesRenewals": bool,
  "enterprise.subsidyRate": fraction,
  "enterprise.subsidyPrincipalPerHousehold": money,
  "enterprise.cooperativeMinOperatingYears": optionalInt,
  "enterprise.largeLoanCooperativeThreshold": money,
  "enterprise.largeLoanEnterpriseThreshold": money,
  "enterprise.siteVisitsPerQuarter": optionalInt,
  "guaranteeFees.householdRate": fraction,
  "guaranteeFees.enterpriseRate": fraction,
  "guaranteeFees.householdSubsidyRate": fraction,
  "guaranteeFees.enterpriseSubsidyRate": fraction,
  "defaultHandling.bufferUnit": { kind: "enum", nullable: false, options: labelled(BUFFER_UNITS, ENUM_LABELS.bufferUnit) },
  "defaultHandling.bufferDays": optionalInt,
  "defaultHandling.bufferUsualMaxMonths": optionalInt,
  "defaultHandling.bufferHardMaxMonths": optionalInt,
  "defaultHandling.splitWorkingDays": optionalInt,
  "defaultHandling.recoveryReturnWorkingDays": optionalInt,
  "defaultHandling.claimChainEnabled": bool,
  "breaker.township": fraction,
  "breaker.village": fraction,
  "breaker.lender": fraction,
  "breaker.comparison": { kind: "enum", nullable: false, options: labelled(BREAKER_COMPARISONS, ENUM_LABELS.comparison) },
  "breaker.nonPerformingOverdueDays": int,
  "credit.bands.AAA": int,
  "credit.bands.AA": int,
  "credit.bands.A": int,
  "credit.bands.B": int,
  "credit.creditVillageThreshold": fraction,
  "credit.creditTownshipThreshold": fraction,
  "sharing.scheme": { kind: "enum", nullable: true, options: labelled(SHARING_SCHEMES, ENUM_LABELS.scheme) },
  "sharing.ratios.household": ratios,
  "sharing.ratios.agri_enterprise": ratios,
  "sharing.ratios.nonagri_enterprise": ratios,
  "process.publicityWorkingDays": int,
  "process.publicityRunBy": { kind: "enum", nullable: false, options: labelled(PUBLICITY_RUNNERS, ENUM_LABELS.publicityRunBy) },
  "process.bankProcessingWorkingDays": int,
  "process.reminderDaysBeforeDue": int,
  "process.writtenNoticeDaysBeforeDue": int,
  "process.usageSurveyIntervalMonths": int,
  "process.repaymentSchedule": { kind: "enum", nullable: false, options: labelled(REPAYMENT_SCHEDULES, ENUM_LABELS.repaymentSchedule) },
  "riskFund.initialCapital": money,
  "riskFund.minFundToBalanceRatio": fraction,
  "riskFund.topUpShareOfRevenueIncrease": fraction,
  "riskFund.municipalGuaranteeFund": money,
  "evaluation.indicatorWeight": { kind: "decimal", nullable: false, unit: "fraction" },
  "evaluation.structuralWeight": { kind: "decimal", nullable: false, unit: "fraction" },
  "evaluation.gradeGoodMin": int,
  "evaluation.gradeFairMin": int,
  "evaluation.gradeAverageMin": int,
} as const satisfies Record<SettingPath, SettingField>;

export const UNIT_HINTS = { money: "元，如 50000", fraction: "小数，如 0.05 即 5%", factor: "倍数，如 1.10" } as const;

export const PARTY_OPTIONS: readonly Option[] = labelled(SHARING_PARTIES, SHARING_PARTY_LABELS);
export const STATUS_OPTIONS: readonly Option[] = labelled(HOUSEHOLD_STATUSES, HOUSEHOLD_STATUS_LABELS);

export type SettingGroup = { key: keyof typeof SETTING_GROUP_LABELS; label: string; paths: SettingPath[] };

/** Settings grouped as the engine's metadata groups them, in its order. */
export const SETTING_GROUPS: readonly SettingGroup[] = (Object.keys(SETTING_GROUP_LABELS) as (keyof typeof SETTING_GROUP_LABELS)[]).map((key) => ({
  key,
  label: SETTING_GROUP_LABELS[key],
  paths: SETTING_PATHS.filter((p) => p.split(".")[0] === key),
}));

type Json = Record<string, unknown>;

function valueAt(settings: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Json | undefined)?.[key], settings);
}

function setAt(target: Json, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Json;
  node[keys[keys.length - 1]] = value;
}

type PartyRatio = { party: string; ratio: string | null };

/** The settings as form values (strings); checkboxes are "on" when ticked and absent otherwise. */
export function settingsToFormValues(settings: PolicyProfileSettings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of SETTING_PATHS) {
    const field: SettingField = SETTING_FIELDS[path];
    const value = valueAt(settings, path);
    switch (field.kind) {
      case "decimal":
      case "enum":
        out[path] = (value as string | null) ?? "";
        break;
      case "int":
        out[path] = value === null || value === undefined ? "" : String(value);
        break;
      case "bool":
        if (value === true) out[path] = "on";
        break;
      case "statuses":
        for (const s of (value as string[]) ?? []) out[`${path}.${s}`] = "on";
        break;
      case "months":
        out[path] = ((value as number[]) ?? []).join(",");
        break;
      case "ratios":
        ((value as PartyRatio[] | null) ?? []).forEach((r, i) => {
          out[`${path}.${i}.party`] = r.party;
          out[`${path}.${i}.ratio`] = r.ratio ?? "";
        });
        break;
    }
  }
  return out;
}

/** The number of party rows submitted for a sharing class (the highest index present + 1). */
export function ratioRowCount(values: Record<string, string>, path: string): number {
  let n = 0;
  const re = new RegExp(`^${path.replace(/\./g, "\\.")}\\.(\\d+)\\.(party|ratio)$`);
  for (const key of Object.keys(values)) {
    const m = re.exec(key);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
}

export type FieldErrors = Record<string, string[]>;

function push(errors: FieldErrors, key: string, message: string) {
  (errors[key] ??= []).includes(message) || errors[key].push(message);
}

/**
 * Reads the editor's form back into settings. Fields that cannot even be read (a letter in a
 * whole number, an unknown party) are field errors; the rest is checked by the engine's schema,
 * whose messages are put at the same fields. Blank optional fields become null ("not set").
 */
export function parseSettingsForm(values: Record<string, string>): { ok: true; settings: PolicyProfileSettings } | { ok: false; errors: FieldErrors } {
  const candidate: Json = {};
  const errors: FieldErrors = {};
  const rowIndex = new Map<string, number[]>();
  const get = (key: string) => (values[key] ?? "").trim();

  for (const path of SETTING_PATHS) {
    const field: SettingField = SETTING_FIELDS[path];
    switch (field.kind) {
      case "decimal": {
        const v = get(path);
        setAt(candidate, path, v === "" ? (field.nullable ? null : "") : v);
        if (v === "" && !field.nullable) push(errors, path, "请填写该项");
        break;
      }
      case "int": {
        const v = get(path);
        if (v === "") {
          setAt(candidate, path, null);
          if (!field.nullable) push(errors, path, "请填写该项");
        } else if (/^\d{1,9}$/.test(v)) setAt(candidate, path, Number(v));
        else {
          setAt(candidate, path, null);
          push(errors, path, "须为非负整数");
        }
        break;
      }
      case "enum": {
        const v = get(path);
        setAt(candidate, path, v === "" ? null : v);
        if (v === "" && !field.nullable) push(errors, path, "请选择该项");
        else if (v !== "" && !field.options.some((o) => o.value === v)) push(errors, path, "请选择列出的选项");
        break;
      }
      case "bool":
        setAt(candidate, path, get(path) === "on" || get(path) === "true");
        break;
      case "statuses":
        setAt(candidate, path, STATUS_OPTIONS.map((o) => o.value).filter((s) => get(`${path}.${s}`) === "on" || get(`${path}.${s}`) === "true"));
        break;
      case "months": {
        const parts = get(path).split(/[,，、\s]+/).filter(Boolean);
        if (parts.length === 0 || parts.some((p) => !/^\d{1,2}$/.test(p))) {
          push(errors, path, "请填写 1–12 的月份，用逗号分隔，如 3,6,9,12");
          setAt(candidate, path, [1]);
        } else setAt(candidate, path, parts.map(Number));
        break;
      }
      case "ratios": {
        const list: PartyRatio[] = [];
        const indices: number[] = [];
        const rows = ratioRowCount(values, path);
        for (let i = 0; i < rows; i++) {
          const party = get(`${path}.${i}.party`);
          const ratio = get(`${path}.${i}.ratio`);
          if (!party && !ratio) continue;
          if (!party) push(errors, `${path}.${i}.party`, "请选择分担方");
          else if (!PARTY_OPTIONS.some((o) => o.value === party)) push(errors, `${path}.${i}.party`, "请选择列出的分担方");
          list.push({ party: party || "?", ratio: ratio === "" ? null : ratio });
          indices.push(i);
        }
        rowIndex.set(path, indices);
        setAt(candidate, path, list.length === 0 ? null : list);
        break;
      }
    }
  }

  const parsed = PolicyProfileSettings.safeParse(candidate);
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, settings: parsed.data };
  if (!parsed.success) {
    const fromEngine = problemsToFieldErrors(validateProfileForActivation(candidate), (p) => remapRatioPath(p, rowIndex));
    for (const [key, messages] of Object.entries(fromEngine)) {
      if (errors[key]) continue; // our own reading error says it better
      for (const m of messages) push(errors, key, m);
    }
  }
  return { ok: false, errors };
}

function remapRatioPath(path: string, rowIndex: Map<string, number[]>): string {
  const m = /^(sharing\.ratios\.[a-z_]+)\.(\d+)(\..*)?$/.exec(path);
  if (!m) return path;
  const original = rowIndex.get(m[1])?.[Number(m[2])];
  return original === undefined ? m[1] : `${m[1]}.${original}${m[3] ?? ""}`;
}

/** The engine's problems as field errors at each setting's field (a problem about a whole group at its path). */
export function problemsToFieldErrors(problems: readonly ProfileProblem[], mapPath: (p: string) => string = (p) => p): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) push(errors, mapPath(p.path) || "settings", p.message);
  return errors;
}

const YES_NO = (v: boolean) => (v ? "是" : "否");

/** A setting's value as text for read-only views and the diff. */
export function formatSettingValue(path: SettingPath, settings: unknown): string {
  const field: SettingField = SETTING_FIELDS[path];
  const value = valueAt(settings, path);
  if (value === null || value === undefined) return "（未设置）";
  switch (field.kind) {
    case "decimal":
    case "int":
      return String(value);
    case "enum":
      return field.options.find((o) => o.value === value)?.label ?? String(value);
    case "bool":
      return YES_NO(value === true);
    case "statuses":
      return (value as string[]).map((s) => STATUS_OPTIONS.find((o) => o.value === s)?.label ?? s).join("、") || "（无）";
    case "months":
      return `${(value as number[]).join("、")} 月`;
    case "ratios":
      return (value as PartyRatio[])
        .map((r) => `${PARTY_OPTIONS.find((o) => o.value === r.party)?.label ?? r.party} ${r.ratio ?? "（未填）"}`)
        .join("；");
  }
}

export function settingLabel(path: SettingPath): { label: string; source: string } {
  return SETTING_META[path];
}
