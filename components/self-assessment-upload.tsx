"use client";

import type { FormState } from "@/lib/action-result";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";
import { useFormAction } from "./use-form-action";

/** The bank's self-assessment (PDF or image, at most 10 MB) for an evaluation not yet approved. */
export function SelfAssessmentUpload({ action, evaluationId }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  evaluationId: string;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
      <input type="hidden" name="id" value={evaluationId} />
      <Field name="file" label="银行自评材料（PDF 或图片，不超过 10 MB）" errors={errors.file ?? errors.data ?? errors.fileName}>
        <input id="file" name="file" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" className={inputClass}
          aria-describedby="file-error" />
      </Field>
      <button type="submit" disabled={pending} className="rounded bg-slate-700 px-4 py-2 text-sm text-white disabled:opacity-60">
        {pending ? "上传中…" : "上传"}
      </button>
      <div className="sm:col-span-2"><FormMessage result={state.result} success="已上传。" /></div>
    </form>
  );
}
