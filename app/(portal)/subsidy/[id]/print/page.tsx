import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/print-button";
import { formatAmount } from "@/lib/domain/money";
import { toChineseCapitalAmount } from "@/lib/domain/chinese-amount";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { getSubsidyRun } from "@/lib/server/subsidy/get-subsidy-run";

export const metadata: Metadata = { title: "贴息资金拨付清单" };

const PRINT_CSS = `
@page { size: A4 landscape; margin: 12mm; }
@media print {
  html, body { background: #fff !important; }
  main { max-width: none !important; padding: 0 !important; margin: 0 !important; }
  .payment-list thead { display: table-header-group; }
  .payment-list tr { break-inside: avoid; }
}
`;

/** The printable payment list (贴息资金拨付清单): every line, totals per kind, clawbacks, net total in figures and 大写. */
export default async function SubsidyPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const run = await getSubsidyRun(actor, { id }).catch((error) => {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  });
  return (
    <div className="space-y-4">
      <style>{PRINT_CSS}</style>
      <div className="no-print flex items-center justify-between gap-3">
        <Link href={`/subsidy/${run.id}`} className="text-blue-700 underline">返回申报</Link>
        <PrintButton />
      </div>
      <article className="payment-list space-y-3 bg-white p-6 text-sm shadow-sm print:shadow-none">
        <h1 className="text-center text-xl font-semibold">{run.county}扶贫小额信贷贴息资金拨付清单</h1>
        <p className="text-center">{run.quarterLabel}（计息期间 {run.periodFrom} 至 {run.periodTo}）· 合作银行：{run.bank} · 申报编号 {run.number} · 状态：{run.statusLabel}</p>
        <table className="w-full border-collapse text-left">
          <thead>
            <tr className="border-y border-slate-400">
              <th className="p-1">序号</th><th className="p-1">乡镇</th><th className="p-1">合同编号</th><th className="p-1">借款人</th><th className="p-1">类别</th>
              <th className="p-1 text-right">贴息天数</th><th className="p-1 text-right">利率</th><th className="p-1 text-right">金额（元）</th><th className="p-1">说明</th>
            </tr>
          </thead>
          <tbody>
            {run.lines.map((l, i) => (
              <tr key={l.id} className="border-b border-slate-200">
                <td className="p-1">{i + 1}</td><td className="p-1">{l.township}</td><td className="p-1">{l.contractNumber}</td><td className="p-1">{l.borrower}</td>
                <td className="p-1">{l.kindLabel}</td><td className="p-1 text-right">{l.subsidisedDays}</td><td className="p-1 text-right">{l.rate}</td>
                <td className="p-1 text-right tabular-nums" data-testid="print-line-amount">{formatAmount(l.amount)}</td><td className="p-1">{l.reason ?? ""}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {run.totals.byKind.map((k) => (
              <tr key={k.kind}><td className="p-1" colSpan={7}>其中：{k.label}（{k.count} 笔）</td><td className="p-1 text-right tabular-nums">{formatAmount(k.amount)}</td><td /></tr>
            ))}
            <tr className="border-t border-slate-400 font-medium">
              <td className="p-1" colSpan={7}>明细合计（{run.lines.length} 笔）</td><td className="p-1 text-right tabular-nums" data-testid="print-lines-total">{formatAmount(run.totals.lines)}</td><td />
            </tr>
            {run.clawbacks.map((c) => (
              <tr key={c.id}><td className="p-1" colSpan={7}>减：追回骗取贴息 {c.contractNumber} {c.borrower}</td><td className="p-1 text-right tabular-nums">−{formatAmount(c.amount)}</td><td /></tr>
            ))}
          </tfoot>
        </table>
        <p className="text-base font-semibold">
          应拨付合计：人民币 <span data-testid="print-total">{formatAmount(run.totals.net)}</span> 元（大写：<span data-testid="print-total-words">{toChineseCapitalAmount(run.totals.net)}</span>）
        </p>
        {run.paidOn ? <p>拨付日期：{run.paidOn}　凭证号：{run.voucherNumber}</p> : null}
        <div className="grid grid-cols-3 gap-6 pt-8">
          <p>县金融扶贫服务中心审核认定：{run.certifiedBy ?? "＿＿＿＿"}</p>
          <p>财政局审批：{run.approvedBy ?? "＿＿＿＿"}</p>
          <p>经办：{run.computedBy}</p>
        </div>
      </article>
    </div>
  );
}
