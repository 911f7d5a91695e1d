import type { Metadata } from "next";
import Link from "next/link";
import { RecordActionForm } from "@/components/record-action-form";
import { LOAN_TABS, SectionTabs } from "@/components/section-tabs";
import { formatAmount } from "@/lib/domain/money";
import { requireActor } from "@/lib/server/auth/current-actor";
import { listReminders } from "@/lib/server/loans/list-reminders";
import { markReminderDeliveredAction } from "../actions";

export const metadata: Metadata = { title: "到期提醒" };

const KIND = { notify: "到期提醒（60 天）", writtenNotice: "书面通知（30 天）" } as const;

export default async function RemindersPage({ searchParams }: { searchParams: Promise<{ kind?: string; delivered?: string }> }) {
  const params = await searchParams;
  const actor = await requireActor();
  const kind = params.kind === "notify" || params.kind === "writtenNotice" ? params.kind : "all";
  const delivered = params.delivered === "yes" || params.delivered === "all" ? params.delivered : "no";
  const reminders = await listReminders(actor, { kind, delivered });
  const mayMark = actor.role !== "auditor";
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">到期提醒</h1>
      <SectionTabs tabs={LOAN_TABS} current="/loans/reminders" />
      <p className="text-sm text-slate-600">到期前 60 天提醒借款人，30 天前送达书面还款通知书（可打印，金额含大写）；送达后请登记。</p>
      <form className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="kind" className="block text-sm">类型</label>
          <select id="kind" name="kind" defaultValue={kind} className="rounded border border-slate-300 px-3 py-2">
            <option value="all">全部</option><option value="notify">{KIND.notify}</option><option value="writtenNotice">{KIND.writtenNotice}</option>
          </select>
        </div>
        <div>
          <label htmlFor="delivered" className="block text-sm">送达情况</label>
          <select id="delivered" name="delivered" defaultValue={delivered} className="rounded border border-slate-300 px-3 py-2">
            <option value="no">未送达</option><option value="yes">已送达</option><option value="all">全部</option>
          </select>
        </div>
        <button className="rounded border border-slate-300 bg-white px-4 py-2">查询</button>
      </form>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full whitespace-nowrap text-left text-sm" data-testid="reminders">
          <thead className="bg-slate-100 text-slate-600">
            <tr><th className="p-2">到期日</th><th className="p-2">类型</th><th className="p-2">借款人</th><th className="p-2">乡镇 / 村</th><th className="p-2">合同编号</th><th className="p-2 text-right">应还金额（元）</th><th className="p-2">送达</th><th className="p-2">通知书</th></tr>
          </thead>
          <tbody>
            {reminders.map((r) => (
              <tr key={r.id} className="border-t align-top">
                <td className="p-2">{r.dueDate}</td>
                <td className="p-2">{KIND[r.kind]}</td>
                <td className="p-2">{r.borrower}</td>
                <td className="p-2">{r.township} {r.village}</td>
                <td className="p-2"><Link href={`/loans/${r.loanId}`} className="text-blue-700 underline">{r.contractNumber}</Link></td>
                <td className="p-2 text-right tabular-nums">{r.settled ? "已还清" : formatAmount(r.totalDue)}</td>
                <td className="p-2">
                  {r.delivered ? `已送达 ${r.deliveredAt?.slice(0, 10)}` : mayMark ? (
                    <RecordActionForm action={markReminderDeliveredAction} hidden={{ id: r.id }} label="登记送达" tone="plain" />
                  ) : "未送达"}
                </td>
                <td className="p-2">{r.kind === "writtenNotice" ? <Link href={`/loans/reminders/${r.id}/notice`} className="text-blue-700 underline">打印通知书</Link> : "—"}</td>
              </tr>
            ))}
            {reminders.length === 0 ? <tr><td colSpan={8} className="p-4 text-center text-slate-500">没有符合条件的提醒。</td></tr> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
