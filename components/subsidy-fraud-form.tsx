"use client";

import type { FormState } from "@/lib/action-result";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";
import { useFormAction } from "./use-form-action";

/** The county marks one subsidy line as obtained by fraud (P-Risk 三(二)), with the facts. */
export function SubsidyFraudForm({ action, runId, lines }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  runId: string;
  lines: { id: string; label: string }[];
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-red-200 bg-white p-4">
      <h3 className="font-medium">登记骗取贴息</h3>
      <p className="text-sm text-slate-600">登记后：追回该借款人已获得的全部贴息（在下一季度申报中扣减）、提请列入失信黑名单（须另一名县级工作人员复核），并永久停止其贴息。</p>
      <input type="hidden" name="runId" value={runId} />
      <Field name="lineId" label="贴息明细" errors={errors.lineId}>
        <select id="lineId" name="lineId" className={inputClass} defaultValue={state.values.lineId ?? ""}>
          <option value="">请选择</option>
          {lines.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
        </select>
      </Field>
      <Field name="reason" label="认定的事实与依据" errors={errors.reason}>
        <textarea id="reason" name="reason" rows={2} className={inputClass} defaultValue={state.values.reason} aria-describedby="reason-error" />
      </Field>
      <FormMessage result={state.result} success="已登记，待另一名县级工作人员复核。" />
      <button type="submit" disabled={pending} className="rounded bg-red-700 px-4 py-2 text-sm text-white disabled:opacity-60">
        {pending ? "处理中…" : "登记骗取贴息"}
      </button>
    </form>
  );
}
