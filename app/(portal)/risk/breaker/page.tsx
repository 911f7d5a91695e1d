import type { Metadata } from "next";
import { type RecordColumn, RecordTable } from "@/components/record-table";
import { riskTabsFor, SectionTabs } from "@/components/section-tabs";
import { D } from "@/lib/domain/decimal";
import { requireActor } from "@/lib/server/auth/current-actor";
import { BREAKER_LEVEL_LABELS, breakerOverview } from "@/lib/server/risk/breaker-overview";

export const metadata: Metadata = { title: "熔断监测" };

const percent = (r: string | null) => (r === null ? "未设置" : `${new D(r).times(100).toFixed(2)}%`);

const AREA_COLUMNS: RecordColumn[] = [
  { label: "层级" }, { label: "名称" }, { label: "所属乡镇" }, { label: "不良率", align: "right" }, { label: "熔断标准", align: "right" },
  { label: "距标准", align: "right" }, { label: "状态" },
];
const HISTORY_COLUMNS: RecordColumn[] = [{ label: "日期" }, { label: "层级" }, { label: "名称" }, { label: "事件" }, { label: "当时不良率", align: "right" }];

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
      <RecordTable
        columns={AREA_COLUMNS}
        rows={v.rows.map((r) => ({
          id: r.id,
          ...(r.tripped ? { highlight: true } : r.halted ? { highlight: "warning" as const } : {}),
          cells: [
            BREAKER_LEVEL_LABELS[r.level], r.name, r.parent, percent(r.ratio), percent(r.threshold), r.gap === null ? "—" : percent(r.gap),
            r.tripped ? "已熔断，暂停新增贷款" : r.halted ? "所属乡镇熔断，暂停新增贷款" : "正常",
          ],
        }))}
        empty="暂无乡镇或村。"
        testId="breaker-table"
      />
      <section className="space-y-2">
        <h2 className="font-semibold">熔断与恢复记录</h2>
        <RecordTable
          columns={HISTORY_COLUMNS}
          rows={v.history.map((h) => ({ id: h.id, cells: [h.on, BREAKER_LEVEL_LABELS[h.level] ?? h.level, h.name, h.tripped ? "熔断" : "恢复", percent(h.ratio)] }))}
          empty="暂无熔断记录。"
          testId="breaker-history"
        />
      </section>
    </div>
  );
}
