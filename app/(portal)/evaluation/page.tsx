import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/current-actor";
import { shanghaiToday } from "@/lib/server/clock";
import { evaluationOverview } from "@/lib/server/evaluation/evaluation-overview";

export const metadata: Metadata = { title: "银行考评" };

const STATUS_LABELS: Record<string, string> = { draft: "待审定", approved: "已审定" };

/** The year evaluated by default: the last full year (evaluations are due by the end of February). */
function defaultEvaluationYear(): number {
  return Number.parseInt(shanghaiToday().slice(0, 4), 10) - 1;
}

export default async function EvaluationPage({ searchParams }: { searchParams: Promise<{ year?: string; county?: string }> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const year = /^\d{4}$/.test(sp.year ?? "") ? Number(sp.year) : defaultEvaluationYear();
  const v = await evaluationOverview(actor, { year, countyId: sp.county });
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">合作银行考评</h1>
      <p className="text-sm text-slate-600">
        每年对各合作银行按 30 项考核评分表评分（各类按其满分折算），综合得分 = 考核指标得分 × 90% + 三部门结构评分平均 × 10%。
        考评由县级经办人录入，另一名县级经办人审定后锁定。
      </p>
      <form className="flex items-end gap-2" method="get">
        <div>
          <label htmlFor="year" className="block text-sm font-medium">考评年度</label>
          <input id="year" name="year" defaultValue={year} inputMode="numeric" className="mt-1 w-28 rounded border border-slate-300 px-3 py-2" />
        </div>
        {sp.county ? <input type="hidden" name="county" value={sp.county} /> : null}
        <button type="submit" className="rounded bg-slate-700 px-4 py-2 text-sm text-white">查看</button>
      </form>
      {v.countyId === null ? (
        <p className="rounded bg-amber-50 p-3 text-sm text-amber-800">请从县级数据进入以查看该县的银行考评。</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full whitespace-nowrap text-left text-sm" data-testid="evaluation-comparison">
            <caption className="p-2 text-left font-semibold">{year} 年度各合作银行考评对比（按综合得分排序）</caption>
            <thead className="bg-slate-100 text-slate-600">
              <tr>
                <th className="p-2">名次</th><th className="p-2">合作银行</th><th className="p-2 text-right">考核指标得分</th>
                <th className="p-2 text-right">综合得分</th><th className="p-2">等级</th><th className="p-2">状态</th><th className="p-2" />
              </tr>
            </thead>
            <tbody>
              {v.rows.map((r, i) => (
                <tr key={r.bankId} className="border-t" data-bank={r.bankName}>
                  <td className="p-2">{r.evaluation ? i + 1 : "—"}</td>
                  <td className="p-2">{r.bankName}{r.active ? "" : "（已停用）"}</td>
                  <td className="p-2 text-right tabular-nums">{r.evaluation?.indicator ?? "—"}</td>
                  <td className="p-2 text-right tabular-nums">{r.evaluation?.total ?? "—"}</td>
                  <td className="p-2">{r.evaluation?.grade ?? "—"}</td>
                  <td className="p-2">{r.evaluation ? STATUS_LABELS[r.evaluation.status] : "未录入"}</td>
                  <td className="p-2">
                    <Link className="text-blue-700 underline" href={`/evaluation/${r.bankId}?year=${year}${sp.county ? `&county=${sp.county}` : ""}`}>
                      {r.evaluation || actor.role !== "county_officer" ? "查看" : "录入考评"}
                    </Link>
                  </td>
                </tr>
              ))}
              {v.rows.length === 0 ? <tr><td colSpan={7} className="p-4 text-center text-slate-500">本县尚无合作银行。</td></tr> : null}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
