import type { Metadata } from "next";
import { BankResponseUpload } from "@/components/bank-response-upload";
import { inputClass } from "@/components/field";
import { SelectionForm } from "@/components/selection-form";
import { batchOverview } from "@/lib/server/applications/batch-overview";
import { requireActor } from "@/lib/server/auth/current-actor";
import { importBankDecisionsAction } from "./actions";
import { createBatchAction } from "./create-actions";

export const metadata: Metadata = { title: "批转银行" };

export default async function BatchesPage() {
  const actor = await requireActor();
  const data = await batchOverview(actor, {});
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">批转银行</h1>
      {actor.role === "county_officer" ? (
        <section className="space-y-2">
          <h2 className="font-semibold">已审批、待批转的申请</h2>
          <SelectionForm action={createBatchAction} columns={["编号", "申请人", "金额（元）", "期限（月）"]}
            rows={data.ready.map((a) => ({ id: a.id, cells: [a.number, a.applicant, a.amount, String(a.termMonths)] }))}
            submitLabel="生成批次并推送银行" success="已生成批次。" emptyText="没有待批转的申请。">
            <label htmlFor="bankId" className="block text-sm font-medium">合作银行</label>
            <select id="bankId" name="bankId" className={inputClass} defaultValue="">
              <option value="">请选择</option>
              {data.banks.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
            </select>
          </SelectionForm>
        </section>
      ) : null}
      <section className="space-y-2">
        <h2 className="font-semibold">批次</h2>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full whitespace-nowrap text-left text-sm">
            <thead className="bg-slate-100 text-slate-600"><tr><th className="p-2">批次号</th><th className="p-2">银行</th><th className="p-2">推送日期</th><th className="p-2">办结时限</th><th className="p-2">待办/总数</th><th className="p-2">导出</th></tr></thead>
            <tbody>
              {data.batches.map((b) => (
                <tr key={b.id} className={`border-t ${b.late ? "bg-red-50 text-red-800" : ""}`} data-late={b.late ? "true" : undefined}>
                  <td className="p-2">{b.number}</td>
                  <td className="p-2">{b.bank}</td>
                  <td className="p-2">{b.sentOn}</td>
                  <td className="p-2">{b.deadline}{b.late ? "（已超期）" : ""}</td>
                  <td className="p-2">{b.pending} / {b.total}</td>
                  <td className="p-2"><a href={`/api/batches/${b.id}/workbook`} className="text-blue-700 underline">下载 Excel</a></td>
                </tr>
              ))}
              {data.batches.length === 0 ? <tr><td colSpan={6} className="p-4 text-center text-slate-500">暂无批次。</td></tr> : null}
            </tbody>
          </table>
        </div>
      </section>
      {actor.role === "bank_officer" || actor.role === "county_officer" ? (
        // Batches still waiting, and the latest few (a re-upload of the same file changes nothing).
        data.batches.filter((b, i) => b.pending > 0 || i < 5).map((b) => (
          <section key={b.id} className="space-y-2" aria-label={`批次 ${b.number} 审批结果`}>
            <h2 className="font-semibold">批次 {b.number}（{b.bank}）：上传银行审批结果</h2>
            <BankResponseUpload action={importBankDecisionsAction} batchId={b.id} templateHref={`/api/batches/${b.id}/workbook`} />
          </section>
        ))
      ) : null}
    </div>
  );
}
