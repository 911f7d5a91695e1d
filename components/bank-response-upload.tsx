"use client";

import { useActionState, useId } from "react";
import type { ActionResult } from "@/lib/action-result";

/** What an import of the bank's response workbook did. */
export type BankImportSummary = {
  batchNumber: string;
  approved: number;
  declined: number;
  /** Loans created (approved rows with a disbursement date). */
  disbursed: number;
  /** Rows repeating a decision already recorded. */
  unchanged: number;
  /** Rows with no answer yet. */
  skipped: number;
};

export type BankResponseUploadState = { result: ActionResult<BankImportSummary> | null };

type Props = {
  action: (state: BankResponseUploadState, form: FormData) => Promise<BankResponseUploadState>;
  batchId: string;
  /** The batch's workbook download, which is also the template to fill in. */
  templateHref: string;
  /** The section's heading. */
  title?: string;
};

function summaryText(s: BankImportSummary): string {
  const parts = [`同意 ${s.approved} 件（其中已放款并生成贷款 ${s.disbursed} 件）`, `不同意 ${s.declined} 件`];
  if (s.skipped > 0) parts.push(`未填写审批结果、暂不处理 ${s.skipped} 件`);
  if (s.unchanged > 0) parts.push(`已录入且无变化 ${s.unchanged} 件`);
  return `已导入批次 ${s.batchNumber} 的银行审批结果：${parts.join("；")}。`;
}

/** Upload of the bank's filled-in batch workbook, with the per-row error report (issue 4, step 7). */
export function BankResponseUpload({ action, batchId, templateHref, title = "上传银行审批结果" }: Props) {
  const [state, formAction, pending] = useActionState(action, { result: null });
  // Unique per instance: a page may show one upload per batch.
  const uid = useId();
  const ids = { title: `${uid}-title`, file: `${uid}-file`, report: `${uid}-report` };
  const result = state.result;
  const failure = result && !result.ok ? result : null;
  // The per-row report first; a message that only repeats the headline is not listed again.
  const problems = failure
    ? [...(failure.fieldErrors?.file ?? []), ...Object.entries(failure.fieldErrors ?? {}).filter(([k]) => k !== "file").flatMap(([, v]) => v)]
        .filter((p) => p !== failure.message)
    : [];

  return (
    <section aria-labelledby={ids.title} className="rounded-lg bg-white p-5 shadow-sm" data-batch-id={batchId}>
      <h2 id={ids.title} className="text-lg font-semibold">{title}</h2>
      <p className="mt-1 text-sm text-slate-600">
        请先<a href={templateHref} className="text-blue-700 underline" download>下载本批次清单（模板）</a>
        ，由银行在黄色表头的各列填写审批结果后上传。任何一行有错误时，整份文件都不会写入。
      </p>
      <form action={formAction} className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <input type="hidden" name="batchId" value={batchId} />
        <div className="flex-1">
          <label htmlFor={ids.file} className="block text-sm font-medium">审批结果文件（.xlsx）</label>
          <input
            id={ids.file}
            name="file"
            type="file"
            required
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="mt-1 block w-full text-sm"
            aria-invalid={failure ? true : undefined}
            aria-describedby={ids.report}
          />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-blue-700 px-4 py-2 text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {pending ? "正在导入…" : "上传并导入"}
        </button>
      </form>
      <div id={ids.report} aria-live="polite" className="mt-4" data-testid="bank-response-report">
        {result?.ok ? (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-800">
            {summaryText(result.data)}
          </p>
        ) : null}
        {failure ? (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
            <p className="font-medium">{failure.message}</p>
            {problems.length > 0 ? (
              <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="bank-response-errors">
                {problems.map((p, i) => (
                  <li key={`${i}-${p}`}>{p}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
