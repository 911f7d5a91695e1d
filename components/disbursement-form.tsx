"use client";

import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";

export function DisbursementForm({ action, applicationId }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  applicationId: string;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="font-medium">登记放款</h3>
      <input type="hidden" name="id" value={applicationId} />
      <Field name="disbursementDate" label="放款日期" errors={errors.disbursementDate}>
        <input id="disbursementDate" name="disbursementDate" type="date" className={inputClass} aria-describedby="disbursementDate-error" />
      </Field>
      <FormMessage result={state.result} success="已放款，贷款已生成。" />
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-sm text-white disabled:opacity-60">登记放款</button>
    </form>
  );
}
