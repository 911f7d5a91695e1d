import type { Metadata } from "next";
import Link from "next/link";
import { inputClass } from "@/components/field";
import { SelectionForm } from "@/components/selection-form";
import { publicityOverview } from "@/lib/server/applications/publicity-overview";
import { settleDuePublicity } from "@/lib/server/applications/settle-publicity";
import { requireActor } from "@/lib/server/auth/current-actor";
import { openPublicityAction } from "./actions";

export const metadata: Metadata = { title: "公示" };

export default async function PublicityPage() {
  const actor = await requireActor();
  await settleDuePublicity(actor.countyId);
  const data = await publicityOverview(actor, {});
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">贷款申请公示</h1>
      {data.canOpen ? (
        <section className="space-y-2">
          <h2 className="font-semibold">待公示的申请</h2>
          <SelectionForm action={openPublicityAction} columns={["编号", "申请人", "村", "金额（元）", "期限（月）"]}
            rows={data.ready.map((a) => ({ id: a.id, cells: [a.number, a.applicant, a.village, a.amount, String(a.termMonths)] }))}
            submitLabel="开始公示" success="已开始公示。" emptyText="没有待公示的申请。">
            <label htmlFor="objectionContact" className="block text-sm font-medium">异议受理方式（地点、电话）</label>
            <input id="objectionContact" name="objectionContact" className={inputClass} defaultValue={`${actor.orgUnitName ?? ""}金融扶贫服务站`} />
          </SelectionForm>
        </section>
      ) : null}
      <section className="space-y-2">
        <h2 className="font-semibold">公示批次</h2>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full whitespace-nowrap text-left text-sm">
            <thead className="bg-slate-100 text-slate-600"><tr><th className="p-2">编号</th><th className="p-2">公示期</th><th className="p-2">申请数</th><th className="p-2">状态</th><th className="p-2">公示表</th></tr></thead>
            <tbody>
              {data.rounds.map((r) => (
                <tr key={r.id} className="border-t">
                  <td className="p-2">{r.number}</td>
                  <td className="p-2">{r.openedOn} 至 {r.endsOn}</td>
                  <td className="p-2">{r.applications}</td>
                  <td className="p-2">{r.status === "open" ? "公示中" : "已结束"}</td>
                  <td className="p-2"><Link href={`/publicity/${r.id}/notice`} className="text-blue-700 underline">打印公示表</Link></td>
                </tr>
              ))}
              {data.rounds.length === 0 ? <tr><td colSpan={5} className="p-4 text-center text-slate-500">暂无公示。</td></tr> : null}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
