import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SimpleActionForm } from "@/components/simple-action-form";
import { SubsidyDecisionForm } from "@/components/subsidy-decision-form";
import { StatusBadge } from "@/components/status-badge";
import { SubsidyFraudForm } from "@/components/subsidy-fraud-form";
import { SubsidyPaymentForm } from "@/components/subsidy-payment-form";
import { SubsidyStatementUpload } from "@/components/subsidy-statement-upload";
import { formatAmount } from "@/lib/domain/money";
import { requireActor } from "@/lib/server/auth/current-actor";
import { shanghaiToday } from "@/lib/server/clock";
import { AppError } from "@/lib/server/errors";
import { getSubsidyRun } from "@/lib/server/subsidy/get-subsidy-run";
import { approveAction, certifyAction, importStatementAction, markFraudAction, payAction, resolveLineAction } from "../actions";

export const metadata: Metadata = { title: "贴息申报" };

const OPEN = ["differs", "missingInPortal", "missingInStatement"];
/** A bank's claim may hold thousands of lines: the page shows the first ones, the list and the workbook all. */
const SHOWN_LINES = 500;

export default async function SubsidyRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const run = await getSubsidyRun(actor, { id }).catch((error) => {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  });
  const county = actor.role === "county_officer";
  const finance = actor.role === "finance_officer";
  const canUpload = (county || actor.role === "bank_officer") && (run.status === "computed" || run.status === "reconciled");
  return (
    <div className="space-y-5" data-run-status={run.status}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold">贴息申报 {run.number}：{run.bank} · {run.quarterLabel}</h1>
          <p className="text-sm text-slate-600">
            计息期间 {run.periodFrom} 至 {run.periodTo}（算头不算尾）· 政策参数第 {run.profileVersion} 版 · 计算人 {run.computedBy}
            {run.certifiedBy ? ` · 审核认定 ${run.certifiedBy}` : ""}{run.approvedBy ? ` · 财政审批 ${run.approvedBy}` : ""}
            {run.paidOn ? ` · 拨付 ${run.paidOn}（凭证号 ${run.voucherNumber}）` : ""}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <StatusBadge status={run.status} label={run.statusLabel} />
          <Link href={`/subsidy/${run.id}/print`} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">拨付清单（打印）</Link>
        </div>
      </div>

      <section className="grid gap-3 sm:grid-cols-4">
        {run.totals.byKind.map((k) => (
          <div key={k.kind} className="rounded-lg bg-white p-3 shadow-sm">
            <p className="text-xs text-slate-500">{k.label}（{k.count} 笔）</p>
            <p className="text-lg tabular-nums">{formatAmount(k.amount)}</p>
          </div>
        ))}
        {run.clawbacks.length > 0 ? (
          <div className="rounded-lg bg-white p-3 shadow-sm"><p className="text-xs text-slate-500">追回扣减</p><p className="text-lg tabular-nums">−{formatAmount(run.totals.clawbacks)}</p></div>
        ) : null}
        <div className="rounded-lg bg-white p-3 shadow-sm">
          <p className="text-xs text-slate-500">应拨付合计</p>
          <p className="text-lg font-semibold tabular-nums" data-testid="run-total">{formatAmount(run.total)}</p>
        </div>
      </section>

      {canUpload ? <SubsidyStatementUpload action={importStatementAction} runId={run.id} templateHref={`/api/subsidy/runs/${run.id}/statement-template`} /> : null}

      {run.statement.length > 0 ? (
        <section className="space-y-2">
          <h2 className="font-semibold">银行对账（{run.openDifferences > 0 ? `${run.openDifferences} 处差异待处理` : "无待处理差异"}）</h2>
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-600"><tr><th className="p-2">合同编号</th><th className="p-2 text-right">银行（元）</th><th className="p-2 text-right">平台（元）</th><th className="p-2">结果</th><th className="p-2">处理</th></tr></thead>
              <tbody>
                {run.statement.map((s) => (
                  <tr key={s.id} className={`border-t ${OPEN.includes(s.status) ? "bg-amber-50" : ""}`} data-statement-status={s.status}>
                    <td className="p-2">{s.contractNumber}</td>
                    <td className="p-2 text-right tabular-nums">{s.bankAmount ? formatAmount(s.bankAmount) : "—"}</td>
                    <td className="p-2 text-right tabular-nums">{s.portalAmount ? formatAmount(s.portalAmount) : "—"}</td>
                    <td className="p-2">{s.statusLabel}</td>
                    <td className="p-2">
                      {OPEN.includes(s.status) && county && run.status === "computed" ? (
                        <SubsidyDecisionForm action={resolveLineAction} hidden={{ id: s.id, runId: run.id }} title={`处理差异：${s.contractNumber}`}
                          reasonLabel="处理说明（以平台计算为准的理由）" choices={[{ value: "resolve", label: "确认处理" }]} success="已处理。" />
                      ) : (s.resolution ?? "")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {county && run.status === "reconciled" ? (
        <SimpleActionForm action={certifyAction} hidden={{ runId: run.id }} label="审核认定" success="已审核认定，报财政局审批。"
          note="审核认定须由计算人以外的县级工作人员办理。" />
      ) : null}
      {finance && run.status === "certified" ? (
        <SimpleActionForm action={approveAction} hidden={{ runId: run.id }} label="财政审批通过" success="已审批，待拨付。" />
      ) : null}
      {finance && run.status === "approved" ? <SubsidyPaymentForm action={payAction} runId={run.id} today={shanghaiToday()} /> : null}

      <section className="space-y-2">
        <h2 className="font-semibold">贴息明细（{run.lines.length} 笔）</h2>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full whitespace-nowrap text-left text-sm" data-testid="subsidy-lines">
            <thead className="bg-slate-100 text-slate-600">
              <tr><th className="p-2">乡镇</th><th className="p-2">合同编号</th><th className="p-2">借款人</th><th className="p-2">类别</th><th className="p-2 text-right">计息天数</th><th className="p-2 text-right">贴息天数</th><th className="p-2 text-right">利率</th><th className="p-2 text-right">金额（元）</th><th className="p-2">说明</th></tr>
            </thead>
            <tbody>
              {run.lines.slice(0, SHOWN_LINES).map((l) => (
                <tr key={l.id} className={`border-t ${l.eligible ? "" : "text-slate-500"}`}>
                  <td className="p-2">{l.township}</td>
                  <td className="p-2">{l.contractNumber}</td>
                  <td className="p-2">{l.borrower}</td>
                  <td className="p-2">{l.kindLabel}</td>
                  <td className="p-2 text-right">{l.days}</td>
                  <td className="p-2 text-right">{l.subsidisedDays}</td>
                  <td className="p-2 text-right">{l.rate}</td>
                  <td className="p-2 text-right tabular-nums" data-amount={l.amount}>{formatAmount(l.amount)}</td>
                  <td className="p-2 whitespace-normal">
                    {[l.reason, l.clawedBack ? "已登记骗取贴息" : null].filter(Boolean).join("；")}
                    {l.explanation ? (
                      <details className="text-xs text-slate-600"><summary className="cursor-pointer text-blue-700">计算过程</summary>{l.explanation}</details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {run.lines.length > SHOWN_LINES ? (
          <p className="text-sm text-slate-600">仅显示前 {SHOWN_LINES} 笔；全部明细见拨付清单或导出的 Excel。</p>
        ) : null}
      </section>

      {run.clawbacks.length > 0 ? (
        <section className="space-y-2">
          <h2 className="font-semibold">本期扣减的追回贴息</h2>
          <ul className="list-disc pl-5 text-sm">
            {run.clawbacks.map((c) => <li key={c.id}>{c.contractNumber} {c.borrower}：{formatAmount(c.amount)} 元（{c.reason}）</li>)}
          </ul>
        </section>
      ) : null}

      {county ? (
        <SubsidyFraudForm action={markFraudAction} runId={run.id}
          lines={run.lines.filter((l) => l.kind !== "guaranteeFee" && !l.clawedBack).map((l) => ({ id: l.id, label: `${l.contractNumber} ${l.borrower} ${l.kindLabel} ${formatAmount(l.amount)} 元` }))} />
      ) : null}
    </div>
  );
}
