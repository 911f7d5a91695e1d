import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { SubsidyRunForm } from "@/components/subsidy-run-form";
import { formatAmount } from "@/lib/domain/money";
import { requireActor } from "@/lib/server/auth/current-actor";
import { shanghaiToday } from "@/lib/server/clock";
import { listSubsidyRuns } from "@/lib/server/subsidy/list-subsidy-runs";
import { runQuarterAction } from "./actions";

export const metadata: Metadata = { title: "贴息" };

/** The last quarter settled by today (settlement on the 20th of Mar/Jun/Sep/Dec). */
function lastSettledQuarter(today: string): { year: number; quarter: number } {
  const [y, m, d] = today.split("-").map((s) => Number.parseInt(s, 10));
  const settled = [3, 6, 9, 12].filter((month) => m > month || (m === month && d >= 20)).length;
  return settled === 0 ? { year: y - 1, quarter: 4 } : { year: y, quarter: settled };
}

export default async function SubsidyPage() {
  const actor = await requireActor();
  const data = await listSubsidyRuns(actor, {});
  const last = lastSettledQuarter(shanghaiToday());
  const quarters = [...new Map(data.runs.map((r) => [`${r.year}-${r.quarter}`, r])).values()];
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-lg font-semibold">贴息申报</h1>
        {actor.role !== "bank_officer" ? <Link href="/subsidy/dashboard" className="text-blue-700 underline">贴息资金看板</Link> : null}
      </div>
      <p className="text-sm text-slate-600">
        按季结息（每年 3、6、9、12 月 20 日），按合作银行逐季计算：农户贷款按日余额、合同利率与贴息上限孰低、扣除逾期天数、据实贴息；带贫主体按带动户数对应本金的 2%；有担保机构的县同时计算担保费补贴。
      </p>
      {actor.role === "county_officer" ? (
        <section className="space-y-2">
          <h2 className="font-semibold">计算季度贴息</h2>
          <SubsidyRunForm action={runQuarterAction} banks={data.banks} defaultYear={last.year} defaultQuarter={last.quarter} />
          <p className="text-xs text-slate-500">同一银行同一季度只计算一次：已计算的申报直接打开，不会重算。</p>
        </section>
      ) : null}
      <section className="space-y-2">
        <h2 className="font-semibold">申报</h2>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full whitespace-nowrap text-left text-sm">
            <thead className="bg-slate-100 text-slate-600">
              <tr><th className="p-2">编号</th><th className="p-2">季度</th><th className="p-2">期间</th><th className="p-2">合作银行</th><th className="p-2">状态</th><th className="p-2 text-right">应拨付（元）</th></tr>
            </thead>
            <tbody>
              {data.runs.map((r) => (
                <tr key={r.id} className="border-t">
                  <td className="p-2"><Link href={`/subsidy/${r.id}`} className="text-blue-700 underline">{r.number}</Link></td>
                  <td className="p-2">{r.quarterLabel}</td>
                  <td className="p-2">{r.period}</td>
                  <td className="p-2">{r.bank}</td>
                  <td className="p-2"><StatusBadge status={r.status} label={r.statusLabel} /></td>
                  <td className="p-2 text-right tabular-nums">{formatAmount(r.total)}</td>
                </tr>
              ))}
              {data.runs.length === 0 ? <tr><td colSpan={6} className="p-4 text-center text-slate-500">暂无贴息申报。</td></tr> : null}
            </tbody>
          </table>
        </div>
      </section>
      {quarters.length > 0 ? (
        <section className="space-y-1">
          <h2 className="font-semibold">导出 Excel（按银行、按乡镇汇总及明细）</h2>
          <ul className="flex flex-wrap gap-3 text-sm">
            {quarters.map((q) => (
              <li key={`${q.year}-${q.quarter}`}><a href={`/api/subsidy/export?year=${q.year}&quarter=${q.quarter}`} className="text-blue-700 underline">{q.quarterLabel}</a></li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
