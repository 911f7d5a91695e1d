"use client";

import { useMemo, useState } from "react";
import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";
import { householdLoanViolations, LOAN_PURPOSES, type HouseholdLoanCap, type HouseholdLoanInput } from "@/lib/domain/eligibility";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";

export type HouseholdOption = Omit<HouseholdLoanInput, "amount" | "termMonths" | "purpose" | "cap"> & {
  householdId: string;
  headName: string;
};

type Props = {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  households: HouseholdOption[];
  cap: HouseholdLoanCap;
  initial: Record<string, string>;
};

/** Eligibility as the policy engine sees it, recomputed on every keystroke (the server checks again). */
function liveViolations(h: HouseholdOption | undefined, v: Record<string, string>, cap: HouseholdLoanCap) {
  if (!h) return [];
  try {
    return householdLoanViolations({
      householdStatus: h.householdStatus, creditGrade: h.creditGrade, blacklisted: h.blacklisted, areaHalted: h.areaHalted,
      outstanding: h.outstanding, amount: v.amount || "0.01", termMonths: Number.parseInt(v.termMonths || "1", 10) || 1,
      purpose: (v.purpose || "planting") as HouseholdLoanInput["purpose"], cap,
    });
  } catch {
    return [];
  }
}

export function ApplicationForm({ action, households, cap, initial }: Props) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: initial });
  const [values, setValues] = useState<Record<string, string>>(state.values);
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const household = households.find((h) => h.householdId === values.householdId);
  const violations = useMemo(() => liveViolations(household, values, cap), [household, values, cap]);
  const on = (name: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));
  const fieldProps = (name: string) => ({
    id: name, name, defaultValue: state.values[name], onChange: on(name), className: inputClass,
    "aria-invalid": errors[name] ? true : undefined, "aria-describedby": `${name}-error`,
  });

  return (
    <form onSubmit={onSubmit} className="grid gap-4 rounded-lg bg-white p-5 shadow-sm sm:grid-cols-2" noValidate>
      {state.values.id ? <input type="hidden" name="id" value={state.values.id} /> : null}
      {state.values.version ? <input type="hidden" name="version" value={state.values.version} /> : null}
      <div className="sm:col-span-2">
        <Field name="householdId" label="申请农户" errors={errors.householdId}>
          <select {...fieldProps("householdId")}>
            <option value="">请选择本村农户</option>
            {households.map((h) => (
              <option key={h.householdId} value={h.householdId}>{h.headName}{h.creditGrade ? `（${h.creditGrade} 级）` : "（未评级）"}</option>
            ))}
          </select>
        </Field>
      </div>
      <Field name="amount" label="申请金额（元）" errors={errors.amount} hint={`每户上限 ${cap.amount} 元（含未结清余额）`}>
        <input {...fieldProps("amount")} inputMode="decimal" />
      </Field>
      <Field name="termMonths" label="贷款期限（月）" errors={errors.termMonths} hint={`最长 ${cap.termMonths} 个月`}>
        <input {...fieldProps("termMonths")} inputMode="numeric" />
      </Field>
      <Field name="purpose" label="贷款用途" errors={errors.purpose}>
        <select {...fieldProps("purpose")}>
          <option value="">请选择</option>
          {LOAN_PURPOSES.map((p) => <option key={p.value} value={p.value}>{p.label}{p.forbidden ? "（禁止）" : ""}</option>)}
        </select>
      </Field>
      <Field name="cooperationPartner" label="合作带贫主体（可选）" errors={errors.cooperationPartner}>
        <input {...fieldProps("cooperationPartner")} />
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
      <section aria-live="polite" data-testid="eligibility" className="sm:col-span-2">
        {household ? (
          violations.length === 0 ? (
            <p className="rounded bg-green-50 p-3 text-sm text-green-800">符合贷款条件（提交时系统将再次核验）。</p>
          ) : (
            <div className="rounded bg-amber-50 p-3 text-sm text-amber-900">
              <p className="font-medium">不符合贷款条件，不能提交：</p>
              <ul className="mt-1 list-disc pl-5">{violations.map((v) => <li key={v.code}>{v.message}</li>)}</ul>
            </div>
          )
        ) : null}
      </section>
      <div className="sm:col-span-2 space-y-3">
        <FormMessage result={state.result} />
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-5 py-2 text-white disabled:opacity-60">
          {pending ? "正在保存…" : "保存草稿"}
        </button>
        <p className="text-xs text-slate-500">保存后在申请页面上传签字的申请书，再提交乡镇审核。</p>
      </div>
    </form>
  );
}
