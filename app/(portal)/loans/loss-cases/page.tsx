import type { Metadata } from "next";
import Link from "next/link";
import { LOAN_TABS, SectionTabs } from "@/components/section-tabs";
import { formatAmount } from "@/lib/domain/money";
import { requireActor } from "@/lib/server/auth/current-actor";
import { listLossCases } from "@/lib/server/risk/list-loss-cases";
import { SHARE_STATUS_LABELS } from "./labels";

export const metadata: Metadata = { title: "损失分担与追偿" };

export default async function LossCasesPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const params = await searchParams;
  const actor = await requireActor();
  const status = params.status === "open" || params.status === "settled" ? params.status : "all";
  const cases = await listLossCases(actor, { status });
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">损失分担与追偿</h1>
      <SectionTabs tabs={LOAN_TABS} current="/loans/loss-cases" />
      <nav aria-label="案件状态" className="flex gap-3 text-sm">
        {[["all", "全部"], ["open", "分担中"], ["settled", "已结案"]].map(([v, l]) => (
          <Link key={v} href={`/loans/loss-cases?status=${v}`} aria-current={v === status ? "page" : undefined} className={v === status ? "font-semibold" : "text-blue-700 underline"}>{l}</Link>
        ))}
      </nav>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full whitespace-nowrap text-left text-sm">
          <thead className="bg-slate-100 text-slate-600">
            <tr><th className="p-2">案件号</th><th className="p-2">合同编号</th><th className="p-2">借款人</th><th className="p-2 text-right">损失金额（元）</th><th className="p-2">缓冲期满</th><th className="p-2">分担时限</th><th className="p-2">各方进度</th><th className="p-2">状态</th></tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} className={`border-t ${c.late ? "bg-red-50 text-red-800" : ""}`}>
                <td className="p-2"><Link href={`/loans/loss-cases/${c.id}`} className="text-blue-700 underline">{c.number}</Link></td>
                <td className="p-2">{c.contractNumber}</td>
                <td className="p-2">{c.borrower}</td>
                <td className="p-2 text-right tabular-nums">{formatAmount(c.loss)}</td>
                <td className="p-2">{c.bufferEndsOn}</td>
                <td className="p-2">{c.splitDeadline}{c.late ? "（已超期）" : ""}</td>
                <td className="p-2">{c.shares.map((s) => `${s.partyLabel}${SHARE_STATUS_LABELS[s.status]}`).join("，")}</td>
                <td className="p-2">{c.status === "open" ? "分担中" : "已结案（账销案存）"}</td>
              </tr>
            ))}
            {cases.length === 0 ? <tr><td colSpan={8} className="p-4 text-center text-slate-500">暂无损失分担案件。</td></tr> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
