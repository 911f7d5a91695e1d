"use client";

import type { FormState } from "@/lib/action-result";
import { ENTERPRISE_KIND_LABELS } from "@/lib/domain/enterprise-eligibility";
import { useFormAction } from "./use-form-action";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";

type Props = {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  initial: Record<string, string>;
  /** County staff pick the township; a township officer files under its own (none offered). */
  townships: { id: string; name: string }[] | null;
  submitLabel: string;
};

/** 带贫主体: a poverty-leading enterprise or a cooperative, with its unified social credit code. */
export function EnterpriseForm({ action, initial, townships, submitLabel }: Props) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: initial });
  const v = state.values;
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const props = (name: string) => ({
    id: name, name, defaultValue: v[name] ?? "", className: inputClass,
    "aria-invalid": errors[name] ? true : undefined, "aria-describedby": `${name}-error`,
  });

  return (
    <form onSubmit={onSubmit} className="grid gap-4 rounded-lg bg-white p-5 shadow-sm sm:grid-cols-2" noValidate>
      {v.id ? <input type="hidden" name="id" value={v.id} /> : null}
      {v.updatedAt ? <input type="hidden" name="updatedAt" value={v.updatedAt} /> : null}
      <div className="sm:col-span-2">
        <Field name="name" label="主体名称" errors={errors.name}>
          <input {...props("name")} />
        </Field>
      </div>
      <Field name="creditCode" label="统一社会信用代码" errors={errors.creditCode} hint="18 位，见营业执照；末位为校验码">
        <input {...props("creditCode")} maxLength={18} autoComplete="off" className={`${inputClass} font-mono uppercase`} />
      </Field>
      <Field name="legalRepresentative" label="法定代表人" errors={errors.legalRepresentative}>
        <input {...props("legalRepresentative")} />
      </Field>
      <Field name="kind" label="主体类型" errors={errors.kind}>
        <select {...props("kind")}>
          <option value="">请选择</option>
          {Object.entries(ENTERPRISE_KIND_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </Field>
      <Field name="agricultural" label="所属行业" errors={errors.agricultural}>
        <select {...props("agricultural")}>
          <option value="">请选择</option>
          <option value="true">农业产业</option>
          <option value="false">非农产业</option>
        </select>
      </Field>
      <Field name="operatingSince" label="开始经营日期" errors={errors.operatingSince} hint="营业执照成立日期；合作社正常经营满 2 年方可申请">
        <input {...props("operatingSince")} type="date" />
      </Field>
      {townships ? (
        <Field name="townshipId" label="所在乡镇" errors={errors.townshipId}>
          <select {...props("townshipId")}>
            <option value="">请选择</option>
            {townships.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </Field>
      ) : null}
      <div className="space-y-3 sm:col-span-2">
        <FormMessage result={state.result} />
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-5 py-2 text-white disabled:opacity-60">
          {pending ? "正在保存…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
