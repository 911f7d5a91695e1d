import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminForm } from "@/components/admin-form";
import { RecordActionForm } from "@/components/record-action-form";
import { D } from "@/lib/domain/decimal";
import { formatAmount } from "@/lib/domain/money";
import { requireActor } from "@/lib/server/auth/current-actor";
import { listLossCases } from "@/lib/server/risk/list-loss-cases";
import { lossShareAction, recordRecoveryAction, returnRecoveryAction } from "../../actions";
import { SCHEME_LABELS, SHARE_STATUS_LABELS } from "../labels";

export const metadata: Metadata = { title: "损失分担案件" };

const percent = (ratio: string) => `${new D(ratio).times(100).toFixed(2)}%`;

export default async function LossCasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const actor = await requireActor();
  const [c] = await listLossCases(actor, { id });
  if (!c) notFound();
  return (
    <div className="space-y-5">
      <p className="text-sm"><Link href="/loans/loss-cases" className="text-blue-700 underline">← 返回损失分担列表</Link></p>
      <h1 className="text-lg font-semibold">损失分担案件 {c.number}</h1>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg bg-white p-4 text-sm shadow-sm sm:grid-cols-3">
        <div><dt className="text-slate-500">贷款合同</dt><dd>{c.contractNumber}（{c.borrower}，{c.bank}）</dd></div>
        <div><dt className="text-slate-500">分担方案</dt><dd>{SCHEME_LABELS[c.scheme] ?? c.scheme}</dd></div>
        <div><dt className="text-slate-500">状态</dt><dd>{c.status === "open" ? "分担中" : "已结案，贷款账销案存"}</dd></div>
        <div><dt className="text-slate-500">未还本金</dt><dd className="tabular-nums">{formatAmount(c.unpaidPrincipal)} 元</dd></div>
        <div><dt className="text-slate-500">未还合同利息</dt><dd className="tabular-nums">{formatAmount(c.unpaidInterest)} 元</dd></div>
        <div><dt className="text-slate-500">损失金额</dt><dd className="tabular-nums font-semibold" data-testid="loss">{formatAmount(c.loss)} 元</dd></div>
        <div><dt className="text-slate-500">缓冲期满日</dt><dd data-testid="buffer-ends">{c.bufferEndsOn}</dd></div>
        <div><dt className="text-slate-500">分担时限</dt><dd data-testid="split-deadline" className={c.late ? "text-red-700" : ""}>{c.splitDeadline}{c.late ? "（已超期）" : ""}</dd></div>
      </dl>
      <section className="space-y-2">
        <h2 className="font-semibold">各方分担</h2>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100 text-slate-600">
              <tr><th className="p-2">分担方</th><th className="p-2 text-right">比例</th><th className="p-2 text-right">分担金额（元）</th><th className="p-2">状态</th><th className="p-2">办理</th></tr>
            </thead>
            <tbody>
              {c.shares.map((s) => (
                <tr key={s.id} className="border-t align-top" data-testid={`share-${s.party}`} aria-label={s.partyLabel}>
                  <td className="p-2">{s.partyLabel}</td>
                  <td className="p-2 text-right tabular-nums">{percent(s.ratio)}</td>
                  <td className="p-2 text-right tabular-nums">{formatAmount(s.amount)}</td>
                  <td className="p-2">{SHARE_STATUS_LABELS[s.status]}{s.reference ? `（凭证 ${s.reference}）` : ""}</td>
                  <td className="p-2">
                    {s.mayAct && s.status === "pending" ? (
                      <RecordActionForm action={lossShareAction} hidden={{ shareId: s.id, action: "confirm", expectedStatus: "pending" }} label="确认分担" success="已确认。" />
                    ) : null}
                    {s.mayAct && s.status === "confirmed" ? (
                      <RecordActionForm action={lossShareAction} hidden={{ shareId: s.id, action: "pay", expectedStatus: "confirmed" }}
                        fields={[{ name: "reference", label: "付款凭证号" }]} label="登记付款" />
                    ) : null}
                  </td>
                </tr>
              ))}
              <tr className="border-t font-semibold">
                <td className="p-2">合计</td><td className="p-2 text-right">100.00%</td><td className="p-2 text-right tabular-nums">{formatAmount(c.loss)}</td><td colSpan={2} />
              </tr>
            </tbody>
          </table>
        </div>
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">追偿回款</h2>
        {c.recoveries.length === 0 ? <p className="text-sm text-slate-500">暂无追偿回款。</p> : (
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-600">
                <tr><th className="p-2">收回日期</th><th className="p-2 text-right">收回金额</th><th className="p-2 text-right">追偿费用</th><th className="p-2 text-right">净额</th><th className="p-2">各方返还</th><th className="p-2">风险补偿金返还</th></tr>
              </thead>
              <tbody>
                {c.recoveries.map((r) => (
                  <tr key={r.id} className={`border-t align-top ${r.fundLate ? "bg-red-50" : ""}`}>
                    <td className="p-2">{r.receivedOn}</td>
                    <td className="p-2 text-right tabular-nums">{formatAmount(r.amount)}</td>
                    <td className="p-2 text-right tabular-nums">{formatAmount(r.costs)}</td>
                    <td className="p-2 text-right tabular-nums">{formatAmount(r.net)}</td>
                    <td className="p-2">{r.shares.map((s) => <div key={s.party}>{s.partyLabel}：{formatAmount(s.amount)} 元</div>)}</td>
                    <td className="p-2">
                      {r.fundPaidOn ? `${r.fundPaidOn} 已返还` : r.fundDueBy ? `须于 ${r.fundDueBy} 前返还` : "—"}
                      {r.fundLate ? <span className="ml-1 font-semibold text-red-700">（超期）</span> : null}
                      {!r.fundPaidOn && r.fundDueBy && c.mayReturnToFund ? (
                        <RecordActionForm action={returnRecoveryAction} hidden={{ recoveryId: r.id }} label="登记已返还"
                          fields={[{ name: "paidOn", label: "到账日期", type: "date" }, { name: "reference", label: "凭证号" }]} />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {c.mayRecordRecovery ? (
          <AdminForm action={recordRecoveryAction} hidden={{ caseId: c.id }} submitLabel="登记追偿回款" testId="record-recovery"
            fields={[
              { name: "amount", label: "收回金额（元）" },
              { name: "costs", label: "追偿费用（元）", hint: "诉讼费、执行费等；费用超过收回金额时差额由各方按比例分担" },
              { name: "receivedOn", label: "收回日期", type: "date" },
            ]} />
        ) : null}
      </section>
    </div>
  );
}
