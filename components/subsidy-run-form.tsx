"use client";

import type { FormState } from "@/lib/action-result";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";
import { useFormAction } from "./use-form-action";

/** The county centre's form to compute a quarter's claim for one partner bank. */
export function SubsidyRunForm({ action, banks, defaultYear, defaultQuarter }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  banks: { id: string; name: string }[];
  defaultYear: number;
  defaultQuarter: number;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-4 sm:items-end">
      <Field name="bankId" label="合作银行" errors={errors.bankId}>
        <select id="bankId" name="bankId" className={inputClass} defaultValue={state.values.bankId ?? ""} aria-describedby="bankId-error">
          <option value="">请选择</option>
          {banks.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
        </select>
      </Field>
      <Field name="year" label="年度" errors={errors.year}>
        <input id="year" name="year" inputMode="numeric" className={inputClass} defaultValue={state.values.year ?? String(defaultYear)} aria-describedby="year-error" />
      </Field>
      <Field name="quarter" label="结息季度" errors={errors.quarter}>
        <select id="quarter" name="quarter" className={inputClass} defaultValue={state.values.quarter ?? String(defaultQuarter)} aria-describedby="quarter-error">
          <option value="1">第 1 季度（3 月结息）</option>
          <option value="2">第 2 季度（6 月结息）</option>
          <option value="3">第 3 季度（9 月结息）</option>
          <option value="4">第 4 季度（12 月结息）</option>
        </select>
      </Field>
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-white disabled:opacity-60">
        {pending ? "正在计算…" : "计算本季度贴息"}
      </button>
      <div className="sm:col-span-4"><FormMessage result={state.result} /></div>
    </form>
  );
}
