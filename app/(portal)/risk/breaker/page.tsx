import type { Metadata } from "next";
import { riskTabsFor, SectionTabs } from "@/components/section-tabs";
import { D } from "@/lib/domain/decimal";
import { requireActor } from "@/lib/server/auth/current-actor";
import { BREAKER_LEVEL_LABELS, breakerOverview } from "@/lib/server/risk/breaker-overview";

export const metadata: Metadata = { title: "熔断监测" };

const percent = (r: string | null) => (r === null ? "未设置" : `${new D(r).times(100).toFixed(2)}%`);

export default async function BreakerPage() {
  const actor = await requireActor();
  const v = await breakerOverview(actor, {});
  const cmp = v.rule.comparison === "gt" ? "超过" : "达到或超过";
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">熔断监测</h1>
      <SectionTabs tabs={riskTabsFor(actor.role)} current="/risk/breaker" />
      <p className="text-sm text-slate-600">
        不良贷款率 = 不良户贷余额 ÷ 户贷余额（逾期超过 {v.rule.nonPerformingOverdueDays} 天、缓冲期内或进入代偿/分担的贷款计为不良）。
        乡镇{cmp} {percent(v.rule.township)}、村{cmp} {percent(v.rule.village)}{v.rule.lender ? `、放贷机构${cmp} ${percent(v.rule.lender)}` : ""} 即暂停新增贷款（熔断）；乡镇熔断时其下各村一并暂停。按距熔断标准由近及远排列，截至 {v.today}。
      </p>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full whitespace-nowrap text-left text-sm" data-testid="breaker-table">
          <thead className="bg-slate-100 text-slate-600">
            <tr><th className="p-2">层级</th><th className="p-2">名称</th><th className="p-2">所属乡镇</th><th className="p-2 text-right">不良率</th><th className="p-2 text-right">熔断标准</th><th className="p-2 text-right">距标准</th><th className="p-2">状态</th></tr>
          </thead>
          <tbody>
            {v.rows.map((r) => (
              <tr key={r.id} className={`border-t ${r.tripped ? "bg-red-50 text-red-800" : r.halted ? "bg-amber-50" : ""}`} data-area={r.name}>
                <td className="p-2">{BREAKER_LEVEL_LABELS[r.level]}</td>
                <td className="p-2">{r.name}</td>
                <td className="p-2">{r.parent}</td>
                <td className="p-2 text-right tabular-nums">{percent(r.ratio)}</td>
                <td className="p-2 text-right tabular-nums">{percent(r.threshold)}</td>
                <td className="p-2 text-right tabular-nums">{r.gap === null ? "—" : percent(r.gap)}</td>
                <td className="p-2">{r.tripped ? "已熔断，暂停新增贷款" : r.halted ? "所属乡镇熔断，暂停新增贷款" : "正常"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="space-y-2">
        <h2 className="font-semibold">熔断与恢复记录</h2>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full whitespace-nowrap text-left text-sm" data-testid="breaker-history">
            <thead className="bg-slate-100 text-slate-600"><tr><th className="p-2">日期</th><th className="p-2">层级</th><th className="p-2">名称</th><th className="p-2">事件</th><th className="p-2 text-right">当时不良率</th></tr></thead>
            <tbody>
              {v.history.map((h) => (
                <tr key={h.id} className="border-t">
                  <td className="p-2">{h.on}</td><td className="p-2">{BREAKER_LEVEL_LABELS[h.level] ?? h.level}</td><td className="p-2">{h.name}</td>
                  <td className="p-2">{h.tripped ? "熔断" : "恢复"}</td><td className="p-2 text-right tabular-nums">{percent(h.ratio)}</td>
                </tr>
              ))}
              {v.history.length === 0 ? <tr><td colSpan={5} className="p-4 text-center text-slate-500">暂无熔断记录。</td></tr> : null}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
