"use client";

import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";

export function AttachmentUpload({ action, applicationId, kinds }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  applicationId: string;
  kinds: { value: string; label: string }[];
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-end">
      <input type="hidden" name="applicationId" value={applicationId} />
      <Field name="kind" label="材料类型" errors={errors.kind}>
        <select id="kind" name="kind" className={inputClass} defaultValue="applicationForm">
          {kinds.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
        </select>
      </Field>
      <Field name="file" label="文件（图片或 PDF，不超过 10 MB）" errors={errors.file ?? errors.data}>
        <input id="file" name="file" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" className={inputClass}
          aria-describedby="file-error" />
      </Field>
      <button type="submit" disabled={pending} className="rounded bg-slate-700 px-4 py-2 text-sm text-white disabled:opacity-60">
        {pending ? "上传中…" : "上传"}
      </button>
      <div className="sm:col-span-3"><FormMessage result={state.result} success="已上传。" /></div>
    </form>
  );
}
