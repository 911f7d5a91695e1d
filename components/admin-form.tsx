"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/action-result";
import { Field, inputClass } from "./field";

export type AdminFieldSpec = {
  name: string;
  label: string;
  type?: "text" | "password" | "date" | "select" | "textarea" | "checkbox" | "checkboxes" | "file" | "tel";
  options?: readonly { value: string; label: string }[];
  hint?: string;
  placeholder?: string;
  wide?: boolean;
  accept?: string;
  autoComplete?: string;
  maxLength?: number;
};

/** What an admin action returns on success: a confirmation and, once, a secret to hand over. */
export type AdminNotice = { notice?: string; secret?: string; secretLabel?: string };

type Props = {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields?: readonly AdminFieldSpec[];
  hidden?: Record<string, string>;
  initial?: Record<string, string>;
  submitLabel: string;
  pendingLabel?: string;
  /** A button-only form (lock, deactivate…) laid out inline. */
  inline?: boolean;
  tone?: "primary" | "danger" | "plain";
  testId?: string;
};

const BUTTON = {
  primary: "bg-blue-700 text-white",
  danger: "bg-red-700 text-white",
  plain: "border border-slate-300 bg-white text-slate-800",
} as const;

/** Row errors of an import come as `rows.<row>.<column>`: shown as one table. */
function rowErrors(errors: Record<string, string[]>) {
  return Object.entries(errors)
    .filter(([key]) => key.startsWith("rows."))
    .map(([key, messages]) => {
      const [, row, ...column] = key.split(".");
      return { row: Number(row), column: column.join("."), messages };
    })
    .sort((a, b) => a.row - b.row);
}

/**
 * A small admin form: fields with their errors beside them, an import report table, and on
 * success a confirmation (and a one-time secret, shown once).
 */
export function AdminForm({ action, fields = [], hidden = {}, initial = {}, submitLabel, pendingLabel, inline, tone = "primary", testId }: Props) {
  const [state, formAction, pending] = useActionState(action, { result: null, values: initial });
  const v = state.values;
  const result = state.result;
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const report = rowErrors(errors);
  const shown = new Set(fields.flatMap((f) => [f.name, ...(f.options ?? []).map((o) => `${f.name}.${o.value}`)]));
  const otherErrors = Object.entries(errors).filter(([key]) => !key.startsWith("rows.") && !shown.has(key));
  const notice = result?.ok ? ((result.data ?? {}) as AdminNotice) : null;
  const invalid = (name: string) => (errors[name] ? true : undefined);

  const control = (f: AdminFieldSpec) => {
    const common = { id: f.name, name: f.name, "aria-invalid": invalid(f.name), "aria-describedby": `${f.name}-error` };
    switch (f.type) {
      case "select":
        return (
          <select {...common} defaultValue={v[f.name] ?? ""} key={v[f.name] ?? ""} className={inputClass}>
            <option value="">请选择</option>
            {f.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        );
      case "textarea":
        return <textarea {...common} defaultValue={v[f.name]} rows={6} placeholder={f.placeholder} className={`${inputClass} font-mono text-sm`} />;
      case "checkbox":
        return (
          <label className="flex items-center gap-2 text-sm">
            <input {...common} type="checkbox" defaultChecked={v[f.name] === "on"} className="h-4 w-4" />
            {f.placeholder ?? "是"}
          </label>
        );
      case "checkboxes":
        return (
          <div className="flex flex-wrap gap-x-4 gap-y-1" role="group" aria-describedby={`${f.name}-error`}>
            {f.options?.map((o) => (
              <label key={o.value} className="flex items-center gap-1 text-sm">
                <input type="checkbox" name={`${f.name}.${o.value}`} defaultChecked={v[`${f.name}.${o.value}`] === "on"} className="h-4 w-4" />
                {o.label}
              </label>
            ))}
          </div>
        );
      case "file":
        return <input {...common} type="file" accept={f.accept} className="block w-full text-sm" />;
      default:
        return (
          <input {...common} type={f.type ?? "text"} defaultValue={v[f.name]} placeholder={f.placeholder} maxLength={f.maxLength}
            autoComplete={f.autoComplete ?? (f.type === "password" ? "new-password" : "off")} className={inputClass} />
        );
    }
  };

  const hiddenInputs = Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  const button = (
    <button type="submit" disabled={pending} className={`shrink-0 rounded px-4 py-2 text-sm disabled:opacity-60 ${BUTTON[tone]}`}>
      {pending ? (pendingLabel ?? "正在提交…") : submitLabel}
    </button>
  );
  const messages = (
    <>
      {result && !result.ok ? (
        <div role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">
          <p>{result.message}</p>
          {otherErrors.flatMap(([key, list]) => list.map((m) => <p key={`${key}-${m}`}>{m}</p>))}
        </div>
      ) : null}
      {report.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="import-report">
            <thead className="bg-red-50 text-red-900"><tr><th className="p-2">行号</th><th className="p-2">列</th><th className="p-2">问题</th></tr></thead>
            <tbody>
              {report.map((r) => r.messages.map((m) => (
                <tr key={`${r.row}-${r.column}-${m}`} className="border-t"><td className="p-2">第 {r.row} 行</td><td className="p-2">{r.column}</td><td className="p-2">{m}</td></tr>
              )))}
            </tbody>
          </table>
        </div>
      ) : null}
      {notice?.notice ? <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-800">{notice.notice}</p> : null}
      {notice?.secret ? (
        <div className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <p>{notice.secretLabel ?? "一次性密码"}（仅显示这一次，请当面或电话告知本人）：</p>
          <p className="mt-1 select-all font-mono text-lg tracking-wider" data-testid="one-time-password">{notice.secret}</p>
        </div>
      ) : null}
    </>
  );

  if (inline) {
    return (
      <form action={formAction} className="inline-flex flex-col gap-2" data-testid={testId}>
        {hiddenInputs}
        {button}
        {messages}
      </form>
    );
  }
  return (
    <form action={formAction} className="grid gap-4 rounded-lg bg-white p-5 shadow-sm sm:grid-cols-2" noValidate
      data-testid={testId}>
      {hiddenInputs}
      {fields.map((f) => (
        <div key={f.name} className={f.wide || f.type === "textarea" || f.type === "checkboxes" ? "sm:col-span-2" : undefined}>
          <Field name={f.name} label={f.label} errors={errors[f.name]} hint={f.hint}>{control(f)}</Field>
        </div>
      ))}
      <div className="space-y-3 sm:col-span-2">
        {messages}
        {button}
      </div>
    </form>
  );
}
