import type { Metadata } from "next";
import Link from "next/link";
import { SubsidyDecisionForm } from "@/components/subsidy-decision-form";
import { formatAmount } from "@/lib/domain/money";
import { requireActor } from "@/lib/server/auth/current-actor";
import { subsidyDashboard } from "@/lib/server/subsidy/subsidy-dashboard";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/server/errors";
import { decideFraudAction } from "../actions";

export const metadata: Metadata = { title: "贴息资金看板" };

function Table({ title, head, rows, testId }: { title: string; head: string[]; rows: string[][]; testId?: string }) {
  return (
    <section className="space-y-2">
      <h2 className="font-semibold">{title}</h2>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full whitespace-nowrap text-left text-sm" data-testid={testId}>
          <thead className="bg-slate-100 text-slate-600"><tr>{head.map((h, i) => <th key={h} className={`p-2 ${i === head.length - 1 ? "text-right" : ""}`}>{h}</th>)}</tr></thead>
          <tbody>
            {rows.map((r, i) => <tr key={i} className="border-t">{r.map((c, j) => <td key={j} className={`p-2 ${j === r.length - 1 ? "text-right tabular-nums" : ""}`}>{c}</td>)}</tr>)}
            {rows.length === 0 ? <tr><td colSpan={head.length} className="p-4 text-center text-slate-500">暂无数据。</td></tr> : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default async function SubsidyDashboardPage() {
  const actor = await requireActor();
  const d = await subsidyDashboard(actor, {}).catch((error) => {
    if (error instanceof AppError && error.code === "FORBIDDEN") notFound();
    throw error;
  });
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-lg font-semibold">贴息资金看板</h1>
        <Link href="/subsidy" className="text-blue-700 underline">贴息申报</Link>
      </div>
      <p className="text-sm">累计已拨付：<span className="text-lg font-semibold tabular-nums">{formatAmount(d.paidTotal)}</span> 元</p>
      <div className="grid gap-5 lg:grid-cols-2">
        <Table title="已拨付（按季度）" head={["季度", "申报数", "金额（元）"]} rows={d.perQuarter.map((q) => [q.label, String(q.count), formatAmount(q.amount)])} />
        <Table title="已拨付（按银行）" head={["合作银行", "申报数", "金额（元）"]} rows={d.perBank.map((b) => [b.bank, String(b.count), formatAmount(b.amount)])} />
        <Table title="已拨付明细（按乡镇，追回扣减前）" head={["乡镇", "笔数", "金额（元）"]} rows={d.perTownship.map((t) => [t.township, String(t.count), formatAmount(t.amount)])} />
        <Table title="在途申报" head={["状态", "申报数", "金额（元）"]} rows={d.pending.map((p) => [p.label, String(p.count), formatAmount(p.amount)])} testId="pending-claims" />
        <Table title="骗取贴息追回" head={["状态", "笔数", "金额（元）"]} rows={d.clawbacks.map((c) => [c.label, String(c.count), formatAmount(c.amount)])} />
      </div>
      {actor.role === "county_officer" && d.pendingClawbacks.length > 0 ? (
        <section className="space-y-2">
          <h2 className="font-semibold">待复核的骗取贴息登记</h2>
          {d.pendingClawbacks.map((c) => (
            <SubsidyDecisionForm key={c.id} action={decideFraudAction} hidden={{ clawbackId: c.id }} reasonLabel="复核意见（不予认定时必填）"
              title={`${c.contractNumber}：追回 ${formatAmount(c.amount)} 元（${c.reason}）`}
              choices={[{ value: "approve", label: "认定并生效" }, { value: "reject", label: "不予认定", tone: "danger" }]} success="已复核。" />
          ))}
        </section>
      ) : null}
    </div>
  );
}
