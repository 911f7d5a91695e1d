"use client";

import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";
import { FormMessage } from "./form-message";

export type SelectableRow = { id: string; cells: string[] };

/** A table of records with a checkbox each, extra fields, and one submit: "do this to the ticked ones". */
export function SelectionForm({ action, columns, rows, submitLabel, success, children, emptyText }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  columns: string[];
  rows: SelectableRow[];
  submitLabel: string;
  success: string;
  emptyText: string;
  children?: React.ReactNode;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const errors = state.result && !state.result.ok ? Object.values(state.result.fieldErrors ?? {}).flat() : [];
  if (rows.length === 0) {
    return (
      <div className="space-y-2">
        <FormMessage result={state.result} success={success} />
        <p className="rounded bg-white p-4 text-sm text-slate-500 shadow-sm">{emptyText}</p>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <div className="overflow-x-auto">
        <table className="w-full whitespace-nowrap text-left text-sm">
          <thead className="text-slate-500"><tr><th className="p-2">选择</th>{columns.map((c) => <th key={c} className="p-2">{c}</th>)}</tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t">
                <td className="p-2"><input type="checkbox" name="applicationIds" value={r.id} defaultChecked aria-label={`选择 ${r.cells[0]}`} /></td>
                {r.cells.map((c, i) => <td key={i} className="p-2">{c}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {children}
      <FormMessage result={state.result} success={success} />
      {errors.length > 1 ? <ul className="list-disc pl-5 text-sm text-red-700">{errors.map((e) => <li key={e}>{e}</li>)}</ul> : null}
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-sm text-white disabled:opacity-60">{submitLabel}</button>
    </form>
  );
}
