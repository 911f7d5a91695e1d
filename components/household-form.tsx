"use client";

import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";
import { HOUSEHOLD_STATUS_LABELS, LABOUR_CAPACITY_LABELS } from "@/lib/labels";
import { Field, inputClass } from "./field";

type Props = {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  initial: Record<string, string>;
  submitLabel: string;
};

export function HouseholdForm({ action, initial, submitLabel }: Props) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: initial });
  const v = state.values;
  const errors = state.result && !state.result.ok ? state.result.fieldErrors ?? {} : {};
  const invalid = (name: string) => (errors[name] ? true : undefined);
  const described = (name: string) => `${name}-error`;

  return (
    <form onSubmit={onSubmit} className="grid gap-4 rounded-lg bg-white p-5 shadow-sm sm:grid-cols-2" noValidate>
      {v.id ? <input type="hidden" name="id" value={v.id} /> : null}
      {v.version ? <input type="hidden" name="version" value={v.version} /> : null}
      <Field name="headName" label="户主姓名" errors={errors.headName}>
        <input id="headName" name="headName" defaultValue={v.headName} className={inputClass}
          aria-invalid={invalid("headName")} aria-describedby={described("headName")} />
      </Field>
      <Field name="idNumber" label="身份证号" errors={errors.idNumber} hint="18 位，末位可为 X">
        <input id="idNumber" name="idNumber" defaultValue={v.idNumber} className={inputClass} maxLength={18}
          autoComplete="off" aria-invalid={invalid("idNumber")} aria-describedby={described("idNumber")} />
      </Field>
      <Field name="phone" label="手机号" errors={errors.phone}>
        <input id="phone" name="phone" type="tel" inputMode="numeric" defaultValue={v.phone} className={inputClass}
          aria-invalid={invalid("phone")} aria-describedby={described("phone")} />
      </Field>
      <Field name="status" label="户类型" errors={errors.status}>
        <select id="status" name="status" defaultValue={v.status ?? ""} className={inputClass}
          aria-invalid={invalid("status")} aria-describedby={described("status")}>
          <option value="">请选择</option>
          {Object.entries(HOUSEHOLD_STATUS_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </Field>
      <Field name="membersCount" label="家庭人口（人）" errors={errors.membersCount}>
        <input id="membersCount" name="membersCount" inputMode="numeric" defaultValue={v.membersCount} className={inputClass}
          aria-invalid={invalid("membersCount")} aria-describedby={described("membersCount")} />
      </Field>
      <Field name="labourCapacity" label="劳动能力" errors={errors.labourCapacity}>
        <select id="labourCapacity" name="labourCapacity" defaultValue={v.labourCapacity ?? ""} className={inputClass}
          aria-invalid={invalid("labourCapacity")} aria-describedby={described("labourCapacity")}>
          <option value="">请选择</option>
          {Object.entries(LABOUR_CAPACITY_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </Field>
      <div className="sm:col-span-2">
        <Field name="address" label="住址" errors={errors.address}>
          <input id="address" name="address" defaultValue={v.address} className={inputClass}
            aria-invalid={invalid("address")} aria-describedby={described("address")} />
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field name="notes" label="备注" errors={errors.notes}>
          <textarea id="notes" name="notes" defaultValue={v.notes} rows={3} className={inputClass}
            aria-invalid={invalid("notes")} aria-describedby={described("notes")} />
        </Field>
      </div>
      <div className="sm:col-span-2">
        {state.result && !state.result.ok ? (
          <p role="alert" className="mb-3 rounded bg-red-50 p-3 text-sm text-red-800">{state.result.message}</p>
        ) : null}
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-5 py-2 text-white disabled:opacity-60">
          {pending ? "正在保存…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
