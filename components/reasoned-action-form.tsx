"use client";

import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";

type Choice = { value: string; label: string; tone?: "primary" | "danger" | "plain" };

const TONES = {
  primary: "bg-blue-700 text-white",
  danger: "bg-red-700 text-white",
  plain: "border border-slate-300 bg-white",
};

/**
 * A decision with an optional reason: the buttons submit `decision=<value>` (approve, return,
 * reject…); the reason shows its error beside it when the rule requires one.
 */
export function ReasonedActionForm({ action, hidden, choices, reasonLabel = "意见或理由", title, success }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  choices: Choice[];
  reasonLabel?: string;
  title: string;
  success?: string;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="font-medium">{title}</h3>
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <Field name="reason" label={reasonLabel} errors={errors.reason}>
        <textarea id="reason" name="reason" rows={2} defaultValue={state.values.reason} className={inputClass}
          aria-invalid={errors.reason ? true : undefined} aria-describedby="reason-error" />
      </Field>
      <FormMessage result={state.result} success={success} />
      <div className="flex flex-wrap gap-2">
        {choices.map((c) => (
          <button key={c.value} type="submit" name="decision" value={c.value} disabled={pending}
            className={`rounded px-4 py-2 text-sm disabled:opacity-60 ${TONES[c.tone ?? "primary"]}`}>
            {c.label}
          </button>
        ))}
      </div>
    </form>
  );
}
