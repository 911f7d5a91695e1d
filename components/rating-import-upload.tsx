"use client";

import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";

export type RatingImportSummary = { imported: number; skipped: number };

/** Upload of the filled-in rating workbook, with its per-row error report (nothing is written on any error). */
export function RatingImportUpload({ action, templateHref }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  templateHref: string;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const summary = state.result?.ok ? (state.result.data as RatingImportSummary) : null;
  const failure = state.result && !state.result.ok ? state.result : null;
  const problems = failure ? Object.values(failure.fieldErrors ?? {}).flat().filter((p) => p !== failure.message) : [];
  return (
    <section aria-labelledby="rating-import-title" className="rounded-lg bg-white p-4 shadow-sm">
      <h2 id="rating-import-title" className="font-semibold">批量采集</h2>
      <p className="mt-1 text-sm text-slate-600">
        <a href={templateHref} className="text-blue-700 underline" download>下载本村评级采集表（模板）</a>
        ，逐户填写各项指标后上传；导入的评级提交乡镇审核。任何一行有错误时，整份文件都不会写入。
      </p>
      <form onSubmit={onSubmit} className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <div className="flex-1">
          <label htmlFor="rating-file" className="block text-sm font-medium">评级采集表（.xlsx）</label>
          <input id="rating-file" name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="mt-1 block w-full text-sm" aria-describedby="rating-import-report" aria-invalid={failure ? true : undefined} />
        </div>
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-sm text-white disabled:opacity-60">
          {pending ? "正在导入…" : "上传并导入"}
        </button>
      </form>
      <div id="rating-import-report" aria-live="polite" className="mt-3" data-testid="rating-import-report">
        {summary ? (
          <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-800">
            已导入 {summary.imported} 户的评级，已提交乡镇审核{summary.skipped ? `；${summary.skipped} 户未填写，未导入` : ""}。
          </p>
        ) : null}
        {failure ? (
          <div role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">
            <p className="font-medium">{failure.message}</p>
            {problems.length > 0 ? <ul className="mt-2 list-disc space-y-1 pl-5">{problems.map((p, i) => <li key={`${i}-${p}`}>{p}</li>)}</ul> : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
