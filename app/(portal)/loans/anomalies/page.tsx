import type { Metadata } from "next";
import Link from "next/link";
import { LOAN_TABS, SectionTabs } from "@/components/section-tabs";
import { requireActor } from "@/lib/server/auth/current-actor";
import { listAnomalyReports } from "@/lib/server/loans/list-anomaly-reports";

export const metadata: Metadata = { title: "异常报告" };

export default async function AnomaliesPage() {
  const actor = await requireActor();
  const reports = await listAnomalyReports(actor, {});
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">异常报告</h1>
      <SectionTabs tabs={LOAN_TABS} current="/loans/anomalies" />
      <p className="text-sm text-slate-600">在贷款详情页报告的异常情况，县中心、所在乡镇和村、贷款银行同时可见。</p>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full text-left text-sm" data-testid="anomalies">
          <thead className="bg-slate-100 text-slate-600">
            <tr><th className="p-2">报告时间</th><th className="p-2">类型</th><th className="p-2">借款人 / 合同</th><th className="p-2">地区</th><th className="p-2">情况说明</th><th className="p-2">报告人</th></tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id} className="border-t align-top">
                <td className="whitespace-nowrap p-2">{new Date(r.at).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false })}</td>
                <td className="whitespace-nowrap p-2">{r.kindLabel}</td>
                <td className="whitespace-nowrap p-2">{r.borrower} {r.loanId ? <Link href={`/loans/${r.loanId}`} className="text-blue-700 underline">{r.contractNumber}</Link> : null}</td>
                <td className="whitespace-nowrap p-2">{r.area}</td>
                <td className="p-2">{r.description}</td>
                <td className="whitespace-nowrap p-2">{r.reportedBy}</td>
              </tr>
            ))}
            {reports.length === 0 ? <tr><td colSpan={6} className="p-4 text-center text-slate-500">暂无异常报告。</td></tr> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
