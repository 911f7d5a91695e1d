"use client";

import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";

export function BankDecisionForm({ action, applicationId, amount, termMonths }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  applicationId: string;
  amount: string;
  termMonths: number;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const [outcome, setOutcome] = useState(state.values.outcome ?? "approved");
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const v = state.values;
  const input = (name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field name={name} label={label} errors={errors[name]}>
      <input id={name} name={name} className={inputClass} aria-describedby={`${name}-error`}
        aria-invalid={errors[name] ? true : undefined} {...props} defaultValue={v[name] ?? props.defaultValue} />
    </Field>
  );
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="font-medium">登记银行审批结果</h3>
      <input type="hidden" name="id" value={applicationId} />
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">审批结果</legend>
        <label><input type="radio" name="outcome" value="approved" checked={outcome === "approved"} onChange={() => setOutcome("approved")} /> 同意贷款</label>
        <label><input type="radio" name="outcome" value="declined" checked={outcome === "declined"} onChange={() => setOutcome("declined")} /> 不同意</label>
      </fieldset>
      {outcome === "approved" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {input("contractNumber", "合同编号")}
          {input("approvedAmount", "批准金额（元）", { inputMode: "decimal", defaultValue: amount })}
          {input("rate", "年利率（小数，如 0.0435）", { inputMode: "decimal", defaultValue: "0.0435" })}
          {input("termMonths", "期限（月）", { inputMode: "numeric", defaultValue: String(termMonths) })}
          {input("disbursementDate", "放款日期（未放款可不填）", { type: "date" })}
        </div>
      ) : (
        <Field name="declineReason" label="不予贷款的原因" errors={errors.declineReason}>
          <textarea id="declineReason" name="declineReason" rows={2} className={inputClass} defaultValue={v.declineReason} aria-describedby="declineReason-error" />
        </Field>
      )}
      <FormMessage result={state.result} success="已登记。" />
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-sm text-white disabled:opacity-60">保存审批结果</button>
    </form>
  );
}
