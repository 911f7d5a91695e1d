"use client";

import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";

/** A large loan's use-of-funds plan (进度安排、关键节点、资金用途分类), filed or corrected until the county decides. */
export function UseOfFundsPlanForm({ action, applicationId, initial }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  applicationId: string;
  initial: { schedule: string; milestones: string; categories: string } | null;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: initial ?? {} });
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const props = (name: string) => ({
    id: `plan-${name}`, name, defaultValue: state.values[name] ?? "", rows: 2, className: inputClass,
    "aria-invalid": errors[name] ? true : undefined, "aria-describedby": `plan-${name}-error`,
  });
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="applicationId" value={applicationId} />
      <Field name="plan-schedule" label="进度安排" errors={errors.schedule}><textarea {...props("schedule")} /></Field>
      <Field name="plan-milestones" label="关键节点" errors={errors.milestones}><textarea {...props("milestones")} /></Field>
      <Field name="plan-categories" label="资金用途分类" errors={errors.categories}><textarea {...props("categories")} /></Field>
      <FormMessage result={state.result} success="资金使用计划已保存。" />
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-sm text-white disabled:opacity-60">
        {pending ? "正在保存…" : initial ? "修改资金使用计划" : "提交资金使用计划"}
      </button>
    </form>
  );
}
