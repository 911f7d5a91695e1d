import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { type RecordColumn, RecordTable } from "@/components/record-table";
import { LOAN_PURPOSE_LABELS } from "@/lib/domain/eligibility";
import { APPLICATION_STATE_LABELS, APPLICATION_STATES } from "@/lib/domain/workflow";
import { listApplications } from "@/lib/server/applications/list-applications";
import { settleDuePublicity } from "@/lib/server/applications/settle-publicity";
import { requireActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "贷款申请" };

const APPLICATION_COLUMNS: RecordColumn[] = [
  { label: "编号" }, { label: "申请人" }, { label: "地区" }, { label: "金额（元）", align: "right", mono: true }, { label: "期限" }, { label: "用途" }, { label: "状态" },
];

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
          <RecordTable
            columns={APPLICATION_COLUMNS}
            rows={result.rows.map((r) => ({
              id: r.id,
              cells: [
                { link: `/applications/${r.id}`, text: r.number },
                r.kind === "enterprise" ? { text: r.applicant, tag: `带贫主体${r.largeLoan ? " · 大额" : ""}` } : r.applicant,
                r.area, r.amount, `${r.termMonths} 个月`, LOAN_PURPOSE_LABELS[r.purpose as keyof typeof LOAN_PURPOSE_LABELS] ?? r.purpose,
                { badge: r.status, text: APPLICATION_STATE_LABELS[r.status] },
              ],
            }))}
            empty="没有符合条件的申请。"
          />
          <Pagination page={result.page} pageSize={result.pageSize} total={result.total} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
