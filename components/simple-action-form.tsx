"use client";

import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";
import { FormMessage } from "./form-message";

/** One button that runs an action on a record, with its outcome (and every field message) shown. */
export function SimpleActionForm({ action, hidden, label, success, note }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  label: string;
  success?: string;
  note?: string;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const fieldMessages = state.result && !state.result.ok ? Object.values(state.result.fieldErrors ?? {}).flat() : [];
  return (
    <form onSubmit={onSubmit} className="space-y-2">
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      {note ? <p className="text-sm text-slate-600">{note}</p> : null}
      <FormMessage result={state.result} success={success} />
      {fieldMessages.length > 1 ? (
        <ul className="list-disc pl-5 text-sm text-red-700">{fieldMessages.map((m) => <li key={m}>{m}</li>)}</ul>
      ) : null}
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-sm text-white disabled:opacity-60">
        {pending ? "处理中…" : label}
      </button>
    </form>
  );
}
