import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/print-button";
import { toChineseCapitalAmount } from "@/lib/domain/chinese-amount";
import { formatAmount } from "@/lib/domain/money";
import { requireActor } from "@/lib/server/auth/current-actor";
import { listReminders } from "@/lib/server/loans/list-reminders";

export const metadata: Metadata = { title: "贷款到期还款通知书" };

const PRINT_CSS = `
@page { size: A4 portrait; margin: 20mm; }
.notice-sheet { width: 210mm; max-width: 100%; }
@media print {
  html, body { background: #fff !important; }
  main { max-width: none !important; padding: 0 !important; margin: 0 !important; }
  .notice-sheet { width: auto; max-width: none; margin: 0 !important; padding: 0 !important; box-shadow: none !important; }
}
`;

function chineseDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${y} 年 ${Number(m)} 月 ${Number(d)} 日`;
}

/** The Dengzhou written notice (书面通知), one A4 sheet per borrower, amounts in figures and 大写. */
export default async function ReminderNoticePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const actor = await requireActor();
  const [r] = await listReminders(actor, { id, delivered: "all", kind: "all" });
  if (!r) notFound();
  const rows = [
    ["应还本金", r.principalDue],
    ["应还利息", r.interestDue],
    ["合计", r.totalDue],
  ] as const;
  return (
    <div className="space-y-6">
      <style>{PRINT_CSS}</style>
      <div className="no-print flex flex-wrap items-center gap-3">
        <PrintButton label="打印通知书" />
        <Link href="/loans/reminders" className="text-sm text-blue-700 underline">返回到期提醒</Link>
      </div>
      <article className="notice-sheet mx-auto bg-white p-4 text-[12pt] leading-loose text-black shadow-sm sm:p-[20mm]" data-testid="written-notice">
        <h2 className="text-center text-[20pt] font-bold tracking-widest">贷款到期还款通知书</h2>
        <p className="mt-6">{r.borrower}（{r.township}{r.village}{r.address ? `，${r.address}` : ""}）：</p>
        <p className="indent-[2em]">
          您于 {chineseDate(r.disbursedOn)} 在{r.bank}办理的扶贫小额信贷（合同编号 {r.contractNumber}，贷款金额 {formatAmount(r.loanPrincipal)} 元），
          有一期还款将于 <strong>{chineseDate(r.dueDate)}</strong> 到期，应还金额如下：
        </p>
        <table className="my-4 w-full border-collapse text-[11pt]">
          <thead>
            <tr><th className="border border-black p-2">项目</th><th className="border border-black p-2">金额（小写）</th><th className="border border-black p-2">金额（大写）</th></tr>
          </thead>
          <tbody>
            {rows.map(([label, amount]) => (
              <tr key={label}>
                <td className="border border-black p-2 text-center">{label}</td>
                <td className="border border-black p-2 text-right tabular-nums">￥{formatAmount(amount)}</td>
                <td className="border border-black p-2">{toChineseCapitalAmount(amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="indent-[2em]">请您按时足额还款，以免产生逾期罚息、影响个人信用记录和今后贷款。如有困难，请及时与村、乡镇金融扶贫服务站或贷款银行联系。</p>
        <div className="mt-16 grid grid-cols-2 gap-8">
          <div>
            <p>借款人签收：</p>
            <p className="mt-8">签收日期：　　年　　月　　日</p>
          </div>
          <div className="text-right">
            <p>{r.township}金融扶贫服务站</p>
            <p>{r.bank}</p>
            <p className="mt-2">{chineseDate(r.raisedOn)}</p>
          </div>
        </div>
      </article>
    </div>
  );
}
