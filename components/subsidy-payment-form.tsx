"use client";

import type { FormState } from "@/lib/action-result";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";
import { useFormAction } from "./use-form-action";

/** The finance bureau records a claim's payment: date and voucher number. */
export function SubsidyPaymentForm({ action, runId, today }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  runId: string;
  today: string;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="font-medium">登记拨付</h3>
      <input type="hidden" name="runId" value={runId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="paidOn" label="拨付日期" errors={errors.paidOn}>
          <input id="paidOn" name="paidOn" type="date" className={inputClass} defaultValue={state.values.paidOn ?? today} aria-describedby="paidOn-error" />
        </Field>
        <Field name="voucherNumber" label="凭证号" errors={errors.voucherNumber}>
          <input id="voucherNumber" name="voucherNumber" className={inputClass} defaultValue={state.values.voucherNumber} aria-describedby="voucherNumber-error" />
        </Field>
      </div>
      <FormMessage result={state.result} success="已登记拨付。" />
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-sm text-white disabled:opacity-60">
        {pending ? "处理中…" : "确认已拨付"}
      </button>
    </form>
  );
}
