"use client";

import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";

/** A county officer proposes a 失信黑名单 entry; another officer must approve it. */
export function BlacklistForm({ action }: { action: (state: FormState, form: FormData) => Promise<FormState> }) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: { kind: "household" } });
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const props = (name: string) => ({
    id: name, name, defaultValue: state.values[name], className: inputClass,
    "aria-invalid": errors[name] ? true : undefined, "aria-describedby": `${name}-error`,
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2" noValidate>
      <h2 className="font-semibold sm:col-span-2">提出列入失信黑名单</h2>
      <Field name="kind" label="对象类型" errors={errors.kind}>
        <select {...props("kind")}>
          <option value="household">农户（按身份证号）</option>
          <option value="enterprise">企业或合作社（按统一社会信用代码）</option>
        </select>
      </Field>
      <Field name="identifier" label="身份证号或统一社会信用代码" errors={errors.identifier}>
        <input {...props("identifier")} autoComplete="off" />
      </Field>
      <div className="sm:col-span-2">
        <Field name="entryReason" label="列入理由" errors={errors.entryReason}>
          <textarea {...props("entryReason")} rows={2} />
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field name="entryEvidence" label="证据材料（文书名称、文号等）" errors={errors.entryEvidence}>
          <textarea {...props("entryEvidence")} rows={2} />
        </Field>
      </div>
      <div className="space-y-2 sm:col-span-2">
        <FormMessage result={state.result} success="已提出，待另一名县级工作人员复核后生效。" />
        <button type="submit" disabled={pending} className="rounded bg-red-700 px-4 py-2 text-sm text-white disabled:opacity-60">提出列入</button>
      </div>
    </form>
  );
}
