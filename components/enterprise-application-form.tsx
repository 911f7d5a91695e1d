"use client";

import { useMemo, useState } from "react";
import type { FormState } from "@/lib/action-result";
import { checkEnterpriseLoan, ENTERPRISE_KIND_LABELS, type EnterpriseKind, type LargeLoanThresholds } from "@/lib/domain/enterprise-eligibility";
import { LOAN_PURPOSES } from "@/lib/domain/eligibility";
import { formatAmount } from "@/lib/domain/money";
import { enterpriseRateCap } from "@/lib/domain/rates";
import { useFormAction } from "./use-form-action";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";

export type EnterpriseOption = { id: string; name: string; creditCode: string; kind: EnterpriseKind; monthsOperating: number; blacklisted: boolean };
export type DrivableHousehold = { id: string; headName: string; village: string; statusLabel: string };

type Props = {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  enterprises: EnterpriseOption[];
  households: DrivableHousehold[];
  householdsTruncated: boolean;
  rates: { upTo1Year: string; oneTo5Years: string; over5Years: string; effective: string };
  rateMultiplier: string;
  cooperativeMinYears: number;
  largeLoanThresholds: LargeLoanThresholds;
  initial: Record<string, string>;
};

const PURPOSES = LOAN_PURPOSES.filter((p) => !p.forbidden);

function benchmarkFor(rates: Props["rates"], termMonths: number) {
  return termMonths <= 12
    ? { rate: rates.upTo1Year, label: "一年以内（含一年）" }
    : termMonths <= 60
      ? { rate: rates.oneTo5Years, label: "一至五年（含五年）" }
      : { rate: rates.over5Years, label: "五年以上" };
}

/** The policy engine's verdict as typed (the server checks again on saving and on submission). */
function liveCheck(p: Props, e: EnterpriseOption | undefined, v: Record<string, string>, householdsDriven: number) {
  if (!e || !/^\d+(\.\d{1,2})?$/.test(v.amount ?? "") || !/^\d{1,3}$/.test(v.termMonths ?? "")) return null;
  try {
    const term = Number.parseInt(v.termMonths, 10);
    return checkEnterpriseLoan({
      kind: e.kind, monthsOperating: e.monthsOperating, amount: v.amount, requestedRate: /^0?\.\d+$/.test(v.requestedRate ?? "") ? v.requestedRate : "0",
      benchmarkRate: benchmarkFor(p.rates, term).rate, rateMultiplier: p.rateMultiplier, cooperativeMinYears: p.cooperativeMinYears,
      largeLoanThresholds: p.largeLoanThresholds, blacklisted: e.blacklisted, householdsDriven,
      fourPartyAgreementSigned: Boolean(v.agreementParties?.trim() && v.agreementSignedOn),
      useOfFundsPlanAttached: Boolean(v.planSchedule?.trim() && v.planMilestones?.trim() && v.planCategories?.trim()),
    });
  } catch {
    return null;
  }
}

export function EnterpriseApplicationForm(p: Props) {
  const [state, onSubmit, pending] = useFormAction(p.action, { result: null, values: p.initial });
  const [values, setValues] = useState<Record<string, string>>(state.values);
  const [picked, setPicked] = useState<Set<string>>(() => new Set((state.values.householdIds ?? "").split(",").filter(Boolean)));
  const [filter, setFilter] = useState("");
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const enterprise = p.enterprises.find((e) => e.id === values.enterpriseId);
  const check = useMemo(() => liveCheck(p, enterprise, values, picked.size), [p, enterprise, values, picked]);
  const term = /^\d{1,3}$/.test(values.termMonths ?? "") ? Number.parseInt(values.termMonths, 10) : null;
  const benchmark = term ? benchmarkFor(p.rates, term) : null;
  const on = (name: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));
  const fieldProps = (name: string) => ({
    id: name, name, defaultValue: state.values[name] ?? "", onChange: on(name), className: inputClass,
    "aria-invalid": errors[name] ? true : undefined, "aria-describedby": `${name}-error`,
  });
  const toggle = (id: string) => setPicked((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const shown = (h: DrivableHousehold) => !filter || h.headName.includes(filter) || h.village.includes(filter);
  const threshold = enterprise ? p.largeLoanThresholds[enterprise.kind] : null;

  return (
    <form onSubmit={onSubmit} className="grid gap-4 rounded-lg bg-white p-5 shadow-sm sm:grid-cols-2" noValidate>
      {state.values.id ? <input type="hidden" name="id" value={state.values.id} /> : null}
      {state.values.version ? <input type="hidden" name="version" value={state.values.version} /> : null}
      <div className="sm:col-span-2">
        <Field name="enterpriseId" label="带贫主体" errors={errors.enterpriseId}
          hint={enterprise ? `${ENTERPRISE_KIND_LABELS[enterprise.kind]} · ${enterprise.creditCode} · 已正常经营 ${enterprise.monthsOperating} 个月` : undefined}>
          <select {...fieldProps("enterpriseId")}>
            <option value="">请选择已登记的带贫企业或合作社</option>
            {p.enterprises.map((e) => <option key={e.id} value={e.id}>{e.name}（{ENTERPRISE_KIND_LABELS[e.kind]}）</option>)}
          </select>
        </Field>
      </div>
      <Field name="amount" label="申请金额（元）" errors={errors.amount}
        hint={threshold ? `${formatAmount(threshold)} 元（含）以上为大额贷款，须提交资金使用计划` : undefined}>
        <input {...fieldProps("amount")} inputMode="decimal" />
      </Field>
      <Field name="termMonths" label="贷款期限（月）" errors={errors.termMonths}>
        <input {...fieldProps("termMonths")} inputMode="numeric" />
      </Field>
      <Field name="requestedRate" label="申请年利率" errors={errors.requestedRate}
        hint={benchmark
          ? `小数形式，如 0.0478 表示 4.78%；${benchmark.label}基准利率 ${benchmark.rate} × ${p.rateMultiplier} = 上限 ${enterpriseRateCap(benchmark.rate, p.rateMultiplier)}（${p.rates.effective} 起执行）`
          : "小数形式，如 0.0478 表示 4.78%；不超过基准利率上浮 10%"}>
        <input {...fieldProps("requestedRate")} inputMode="decimal" />
      </Field>
      <Field name="purpose" label="贷款用途" errors={errors.purpose}>
        <select {...fieldProps("purpose")}>
          <option value="">请选择</option>
          {PURPOSES.map((x) => <option key={x.value} value={x.value}>{x.label}</option>)}
        </select>
      </Field>
      <div className="sm:col-span-2">
        <Field name="projectDescription" label="项目说明" errors={errors.projectDescription}>
          <textarea {...fieldProps("projectDescription")} rows={3} />
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field name="repaymentSource" label="还款来源" errors={errors.repaymentSource}>
          <input {...fieldProps("repaymentSource")} />
        </Field>
      </div>

      <fieldset className="space-y-2 sm:col-span-2" aria-describedby="householdIds-error">
        <legend className="text-sm font-medium">带动的帮扶农户（已选 {picked.size} 户）</legend>
        <label htmlFor="householdFilter" className="sr-only">按姓名或村筛选农户</label>
        <input id="householdFilter" value={filter} onChange={(e) => setFilter(e.target.value.trim())} placeholder="按姓名或村筛选" className={inputClass} />
        <div className="max-h-64 overflow-y-auto rounded border border-slate-200 p-2" data-testid="household-picker">
          {p.households.map((h) => (
            <label key={h.id} className={shown(h) ? "flex items-center gap-2 py-1 text-sm" : "hidden"}>
              <input type="checkbox" name="householdIds" value={h.id} checked={picked.has(h.id)} onChange={() => toggle(h.id)} />
              <span>{h.headName}</span>
              <span className="text-slate-500">{h.village} · {h.statusLabel}</span>
            </label>
          ))}
          {p.households.length === 0 ? <p className="text-sm text-slate-500">辖区内没有可带动的帮扶农户。</p> : null}
        </div>
        {p.householdsTruncated ? <p className="text-xs text-amber-700">农户较多，仅列出前 {p.households.length} 户；请按姓名筛选。</p> : null}
        <div id="householdIds-error" aria-live="polite" className="text-sm text-red-700" data-testid="error-householdIds">
          {errors.householdIds?.map((e) => <p key={e}>{e}</p>)}
        </div>
      </fieldset>

      <fieldset className="grid gap-4 rounded border border-slate-200 p-4 sm:col-span-2 sm:grid-cols-2">
        <legend className="px-1 text-sm font-medium">四方协议（政府、银行、企业、贫困户）</legend>
        <div className="sm:col-span-2">
          <Field name="agreementParties" label="签约各方" errors={errors.agreementParties}>
            <textarea {...fieldProps("agreementParties")} rows={2} />
          </Field>
        </div>
        <Field name="agreementSignedOn" label="签订日期" errors={errors.agreementSignedOn} hint="签字盖章的扫描件在保存后上传">
          <input {...fieldProps("agreementSignedOn")} type="date" />
        </Field>
      </fieldset>

      <fieldset className={`grid gap-4 rounded border p-4 sm:col-span-2 ${check?.isLargeLoan ? "border-amber-400 bg-amber-50" : "border-slate-200"}`}>
        <legend className="px-1 text-sm font-medium">资金使用计划{check?.isLargeLoan ? "（大额贷款，县中心审批前必须提交）" : "（大额贷款须填）"}</legend>
        <Field name="planSchedule" label="进度安排" errors={errors.planSchedule}>
          <textarea {...fieldProps("planSchedule")} rows={2} />
        </Field>
        <Field name="planMilestones" label="关键节点" errors={errors.planMilestones}>
          <textarea {...fieldProps("planMilestones")} rows={2} />
        </Field>
        <Field name="planCategories" label="资金用途分类" errors={errors.planCategories}>
          <textarea {...fieldProps("planCategories")} rows={2} />
        </Field>
      </fieldset>

      <section aria-live="polite" data-testid="eligibility" className="sm:col-span-2">
        {check ? (
          <div className={`rounded p-3 text-sm ${check.violations.length === 0 ? "bg-green-50 text-green-800" : "bg-amber-50 text-amber-900"}`}>
            {check.isLargeLoan ? <p className="font-medium">大额贷款</p> : null}
            {check.violations.length === 0 ? (
              <p>符合带贫主体贷款条件（保存和提交时系统将再次核验）。</p>
            ) : (
              <>
                <p className="font-medium">尚不符合提交条件：</p>
                <ul className="mt-1 list-disc pl-5">{check.violations.map((v) => <li key={v.code}>{v.message}</li>)}</ul>
              </>
            )}
          </div>
        ) : null}
      </section>
      <div className="space-y-3 sm:col-span-2">
        <FormMessage result={state.result} />
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-5 py-2 text-white disabled:opacity-60">
          {pending ? "正在保存…" : "保存草稿"}
        </button>
        <p className="text-xs text-slate-500">保存后在申请页面上传四方协议扫描件，再提交乡镇审核。</p>
      </div>
    </form>
  );
}
