"use client";

import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";

/** Records an objection to a rating in publicity. */
export function RatingObjectionForm({ action, ratingId }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  ratingId: string;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="font-medium">登记评级公示异议</h3>
      <input type="hidden" name="ratingId" value={ratingId} />
      <Field name="objector" label="异议人" errors={errors.objector}>
        <input id="objector" name="objector" className={inputClass} defaultValue={state.values.objector} aria-describedby="objector-error" aria-invalid={errors.objector ? true : undefined} />
      </Field>
      <Field name="content" label="异议内容" errors={errors.content}>
        <textarea id="content" name="content" rows={2} className={inputClass} defaultValue={state.values.content} aria-describedby="content-error" aria-invalid={errors.content ? true : undefined} />
      </Field>
      <Field name="receivedOn" label="收到日期（不填为今天）" errors={errors.receivedOn}>
        <input id="receivedOn" name="receivedOn" type="date" className={inputClass} defaultValue={state.values.receivedOn} aria-describedby="receivedOn-error" />
      </Field>
      <FormMessage result={state.result} success="已登记异议。" />
      <button type="submit" disabled={pending} className="rounded bg-amber-600 px-4 py-2 text-sm text-white disabled:opacity-60">登记异议</button>
    </form>
  );
}
