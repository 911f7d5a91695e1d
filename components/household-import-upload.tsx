"use client";

import Link from "next/link";
import type { FormState } from "@/lib/action-result";
import { useFormAction } from "./use-form-action";

/** What a successful household import returns (lib/server/households/import-households.ts). */
export type HouseholdImportSummary = {
  imported: number;
  villages: { code: string; name: string; townshipName: string; count: number }[];
};

type RowProblem = { row: number; column: string; message: string };

/** Row problems come as field errors keyed `rows.<row>.<column>`. */
function rowProblems(fieldErrors: Record<string, string[]>): RowProblem[] {
  return Object.entries(fieldErrors)
    .filter(([key]) => key.startsWith("rows."))
    .flatMap(([key, messages]) => {
      const [, row, ...column] = key.split(".");
      return messages.map((message) => ({ row: Number(row), column: column.join("."), message }));
    })
    .sort((a, b) => a.row - b.row);
}

const FILE_TYPES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Upload of a filled-in household register: the template link, the file, and afterwards either
 * the summary per village or every row's problem (nothing is written when there is any).
 */
export function HouseholdImportUpload({ action, templateHref }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  templateHref: string;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const summary = state.result?.ok ? (state.result.data as HouseholdImportSummary) : null;
  const failure = state.result && !state.result.ok ? state.result : null;
  const problems = rowProblems(failure?.fieldErrors ?? {});
  const fileErrors = failure?.fieldErrors?.file ?? [];
  const otherErrors = Object.entries(failure?.fieldErrors ?? {})
    .filter(([key]) => key !== "file" && !key.startsWith("rows."))
    .flatMap(([, list]) => list);
  return (
    <section aria-labelledby="household-import-title" className="space-y-4 rounded-lg bg-white p-5 shadow-sm" data-testid="household-import">
      <h2 id="household-import-title" className="font-semibold">上传农户登记表</h2>
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>
          <a href={templateHref} download className="text-blue-700 underline">下载导入模板</a>
          （“说明”表列出各列的填写要求和您可登记的村）；
        </li>
        <li>每行填写一户：户主姓名、身份证号、村、户类型、家庭人口、劳动能力，联系电话、住址、备注可空；</li>
        <li>上传填好的文件。系统按单户登记的同样规则逐行检查，任何一行有误时整份文件都不会写入，并列出每行的问题。</li>
      </ol>
      <form onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <div className="flex-1">
          <label htmlFor="household-file" className="block text-sm font-medium">农户登记表（.xlsx）</label>
          <input id="household-file" name="file" type="file" accept={FILE_TYPES} className="mt-1 block w-full text-sm"
            aria-describedby="household-file-error household-import-report" aria-invalid={fileErrors.length ? true : undefined} />
          <p id="household-file-error" aria-live="polite" className="mt-1 text-sm text-red-700">{fileErrors.join("；")}</p>
        </div>
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-sm text-white disabled:opacity-60">
          {pending ? "正在导入…" : "上传并导入"}
        </button>
      </form>
      <div id="household-import-report" aria-live="polite" className="space-y-3">
        {summary ? (
          <div role="status" className="space-y-2 rounded bg-green-50 p-3 text-sm text-green-900" data-testid="import-summary">
            <p className="font-medium">导入完成：已登记 {summary.imported} 户。</p>
            <table className="w-full max-w-xl text-left">
              <thead><tr><th className="py-1 pr-4">乡镇</th><th className="py-1 pr-4">村</th><th className="py-1 pr-4">村代码</th><th className="py-1 text-right">户数</th></tr></thead>
              <tbody>
                {summary.villages.map((v) => (
                  <tr key={v.code} className="border-t border-green-200">
                    <td className="py-1 pr-4">{v.townshipName}</td><td className="py-1 pr-4">{v.name}</td>
                    <td className="py-1 pr-4 font-mono">{v.code}</td><td className="py-1 text-right">{v.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Link href="/households" className="text-blue-700 underline">查看农户信息</Link>
          </div>
        ) : null}
        {failure ? (
          <div role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">
            <p className="font-medium">{failure.message}</p>
            {otherErrors.map((m) => <p key={m}>{m}</p>)}
          </div>
        ) : null}
        {problems.length > 0 ? (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="import-report">
              <caption className="sr-only">各行的问题</caption>
              <thead className="bg-red-50 text-red-900"><tr><th className="p-2">行号</th><th className="p-2">列</th><th className="p-2">问题</th></tr></thead>
              <tbody>
                {problems.map((p) => (
                  <tr key={`${p.row}-${p.column}-${p.message}`} className="border-t">
                    <td className="p-2 whitespace-nowrap">第 {p.row} 行</td><td className="p-2 whitespace-nowrap">{p.column}</td><td className="p-2">{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </section>
  );
}
