"use client";

import { useId } from "react";
import type { FormState } from "@/lib/action-result";
import { inputClass } from "./field";
import { FormMessage } from "./form-message";
import { useFormAction } from "./use-form-action";

type Choice = { value: string; label: string; tone?: "primary" | "danger" };

/**
 * A decision with a reason, for pages that show several at once (one per bank-statement
 * difference, one per fraud finding): every instance has its own element ids, so each label
 * and error message belongs to its own field.
 */
export function SubsidyDecisionForm({ action, hidden, title, reasonLabel, choices, success }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  title: string;
  reasonLabel: string;
  choices: Choice[];
  success?: string;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const uid = useId();
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const reasonErrors = errors.reason ?? errors.resolution;
  return (
    <form onSubmit={onSubmit} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3" aria-label={title}>
      <p className="text-sm font-medium">{title}</p>
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <label htmlFor={`${uid}-reason`} className="block text-sm">{reasonLabel}</label>
      <textarea id={`${uid}-reason`} name="reason" rows={2} defaultValue={state.values.reason} className={inputClass}
        aria-invalid={reasonErrors ? true : undefined} aria-describedby={`${uid}-reason-error`} />
      <div id={`${uid}-reason-error`} aria-live="polite" className="text-sm text-red-700">{reasonErrors?.map((e) => <p key={e}>{e}</p>)}</div>
      <FormMessage result={state.result} success={success} />
      <div className="flex flex-wrap gap-2">
        {choices.map((c) => (
          <button key={c.value} type="submit" name="decision" value={c.value} disabled={pending}
            className={`rounded px-3 py-1.5 text-sm text-white disabled:opacity-60 ${c.tone === "danger" ? "bg-red-700" : "bg-blue-700"}`}>
            {c.label}
          </button>
        ))}
      </div>
    </form>
  );
}
