"use client";

import { useActionState, useId } from "react";
import type { ActionResult } from "@/lib/action-result";

export type StatementImportSummary = {
  number: string;
  rows: number;
  matched: number;
  differs: number;
  missingInPortal: number;
  missingInStatement: number;
  status: string;
};

export type SubsidyStatementUploadState = { result: ActionResult<StatementImportSummary> | null };

function summaryText(s: StatementImportSummary): string {
  const open = s.differs + s.missingInPortal + s.missingInStatement;
  const parts = [`一致 ${s.matched} 笔`, `金额不一致 ${s.differs} 笔`, `平台无此贷款 ${s.missingInPortal} 笔`, `对账单未列 ${s.missingInStatement} 笔`];
  return `已导入对账单（${s.rows} 行）：${parts.join("；")}。${open === 0 ? "对账完成。" : "请县中心逐笔处理差异。"}`;
}

/** Upload of the bank's interest statement for a claim, with the per-row error report. */
export function SubsidyStatementUpload({ action, runId, templateHref }: {
  action: (state: SubsidyStatementUploadState, form: FormData) => Promise<SubsidyStatementUploadState>;
  runId: string;
  templateHref: string;
}) {
  const [state, formAction, pending] = useActionState(action, { result: null });
  const uid = useId();
  const result = state.result;
  const failure = result && !result.ok ? result : null;
  const problems = failure ? Object.values(failure.fieldErrors ?? {}).flat().filter((p) => p !== failure.message) : [];
  return (
    <section aria-labelledby={`${uid}-title`} className="rounded-lg bg-white p-4 shadow-sm">
      <h2 id={`${uid}-title`} className="font-semibold">上传银行贴息对账单</h2>
      <p className="mt-1 text-sm text-slate-600">
        请先<a href={templateHref} className="text-blue-700 underline" download>下载对账单模板</a>
        ，由银行在“贴息金额（元）”列填写后上传。任何一行有错误时，整份文件都不会写入；重新上传将替换上一次的对账结果。
      </p>
      <form action={formAction} className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <input type="hidden" name="runId" value={runId} />
        <div className="flex-1">
          <label htmlFor={`${uid}-file`} className="block text-sm font-medium">对账单文件（.xlsx）</label>
          <input id={`${uid}-file`} name="file" type="file" required className="mt-1 block w-full text-sm"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={failure ? true : undefined} aria-describedby={`${uid}-report`} />
        </div>
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-white hover:bg-blue-800 disabled:opacity-60">
          {pending ? "正在导入…" : "上传并对账"}
        </button>
      </form>
      <div id={`${uid}-report`} aria-live="polite" className="mt-3" data-testid="statement-report">
        {result?.ok ? <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-800">{summaryText(result.data)}</p> : null}
        {failure ? (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
            <p className="font-medium">{failure.message}</p>
            {problems.length > 0 ? <ul className="mt-2 list-disc space-y-1 pl-5">{problems.map((p, i) => <li key={`${i}-${p}`}>{p}</li>)}</ul> : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
