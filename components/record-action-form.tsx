"use client";

import { useId } from "react";
import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";
import { inputClass } from "./field";
import { FormMessage } from "./form-message";

export type RecordField = { name: string; label: string; type?: "text" | "date"; defaultValue?: string };

/**
 * A compact action on one record (confirm a share, record a payment with its reference), safe to
 * repeat many times on a page: ids are unique per instance, errors shown beside each field.
 */
export function RecordActionForm({ action, hidden, fields = [], label, success, tone = "primary", testId }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  fields?: readonly RecordField[];
  label: string;
  success?: string;
  tone?: "primary" | "plain";
  testId?: string;
}) {
  const uid = useId();
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" data-testid={testId} noValidate>
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <div className="flex flex-wrap items-end gap-2">
        {fields.map((f) => (
          <div key={f.name}>
            <label htmlFor={`${uid}-${f.name}`} className="block text-xs text-slate-600">{f.label}</label>
            <input id={`${uid}-${f.name}`} name={f.name} type={f.type ?? "text"} defaultValue={state.values[f.name] ?? f.defaultValue}
              aria-invalid={errors[f.name] ? true : undefined} aria-describedby={`${uid}-${f.name}-error`} className={`${inputClass} py-1 text-sm`} />
            <div id={`${uid}-${f.name}-error`} aria-live="polite" className="text-xs text-red-700">{errors[f.name]?.map((e) => <p key={e}>{e}</p>)}</div>
          </div>
        ))}
        <button type="submit" disabled={pending}
          className={`rounded px-3 py-1.5 text-sm disabled:opacity-60 ${tone === "primary" ? "bg-blue-700 text-white" : "border border-slate-300 bg-white"}`}>
          {pending ? "处理中…" : label}
        </button>
      </div>
      <FormMessage result={state.result} success={success} />
    </form>
  );
}
