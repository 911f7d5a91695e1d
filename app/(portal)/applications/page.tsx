import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { StatusBadge } from "@/components/status-badge";
import { LOAN_PURPOSE_LABELS } from "@/lib/domain/eligibility";
import { APPLICATION_STATE_LABELS, APPLICATION_STATES } from "@/lib/domain/workflow";
import { listApplications } from "@/lib/server/applications/list-applications";
import { settleDuePublicity } from "@/lib/server/applications/settle-publicity";
import { requireActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "贷款申请" };

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<{ status?: string; q?: string; page?: string }> }) {
  const params = await searchParams;
  const actor = await requireActor();
  await settleDuePublicity(actor.countyId);
  const result = await listApplications(actor, { status: params.status ?? "", q: params.q ?? "", page: params.page ?? "1" }).catch(() => null);
  const hrefFor = (page: number) => `/applications?${new URLSearchParams({ status: params.status ?? "", q: params.q ?? "", page: String(page) })}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">贷款申请</h1>
        {actor.role === "village_cadre" ? (
          <Link href="/applications/new" className="rounded bg-blue-700 px-4 py-2 text-sm text-white">新建申请</Link>
        ) : null}
        {actor.role === "township_officer" || actor.role === "county_officer" ? (
          <div className="flex flex-wrap gap-2">
            <Link href="/enterprises" className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">带贫主体</Link>
            <Link href="/applications/new-enterprise" className="rounded bg-blue-700 px-4 py-2 text-sm text-white">新建带贫主体贷款申请</Link>
          </div>
        ) : null}
      </div>
      <form className="flex flex-wrap gap-2">
        <label htmlFor="status" className="sr-only">状态</label>
        <select id="status" name="status" defaultValue={params.status ?? ""} className="rounded border border-slate-300 px-3 py-2">
          <option value="">全部状态</option>
          {APPLICATION_STATES.map((s) => <option key={s} value={s}>{APPLICATION_STATE_LABELS[s]}</option>)}
        </select>
        <label htmlFor="q" className="sr-only">申请人</label>
        <input id="q" name="q" defaultValue={params.q} placeholder="户主姓名或带贫主体名称" className="rounded border border-slate-300 px-3 py-2" />
        <button className="shrink-0 rounded border border-slate-300 bg-white px-4 py-2">筛选</button>
      </form>
      {result === null ? (
        <p role="alert" className="text-sm text-red-700">筛选条件有误，请重新选择。</p>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="w-full whitespace-nowrap text-left text-sm">
              <thead className="bg-slate-100 text-slate-600">
                <tr><th className="p-2">编号</th><th className="p-2">申请人</th><th className="p-2">地区</th><th className="p-2 text-right">金额（元）</th><th className="p-2">期限</th><th className="p-2">用途</th><th className="p-2">状态</th></tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.id} className="border-t">
                    <td className="p-2"><Link href={`/applications/${r.id}`} className="text-blue-700 underline">{r.number}</Link></td>
                    <td className="p-2">
                      {r.applicant}
                      {r.kind === "enterprise" ? <span className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-600">带贫主体{r.largeLoan ? " · 大额" : ""}</span> : null}
                    </td>
                    <td className="p-2">{r.area}</td>
                    <td className="p-2 text-right font-mono">{r.amount}</td>
                    <td className="p-2">{r.termMonths} 个月</td>
                    <td className="p-2">{LOAN_PURPOSE_LABELS[r.purpose as keyof typeof LOAN_PURPOSE_LABELS] ?? r.purpose}</td>
                    <td className="p-2"><StatusBadge status={r.status} label={APPLICATION_STATE_LABELS[r.status]} /></td>
                  </tr>
                ))}
                {result.rows.length === 0 ? <tr><td colSpan={7} className="p-4 text-center text-slate-500">没有符合条件的申请。</td></tr> : null}
              </tbody>
            </table>
          </div>
          <Pagination page={result.page} pageSize={result.pageSize} total={result.total} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
