import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Pagination } from "@/components/pagination";
import { ENTERPRISE_KIND_LABELS } from "@/lib/domain/enterprise-eligibility";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { listEnterprises } from "@/lib/server/enterprises/list-enterprises";
import { ENTERPRISE_EDITORS } from "./queries";

export const metadata: Metadata = { title: "带贫主体" };

function yearsAndMonths(months: number) {
  const y = Math.floor(months / 12);
  const m = months % 12;
  return y > 0 ? `${y} 年${m > 0 ? ` ${m} 个月` : ""}` : `${m} 个月`;
}

export default async function EnterprisesPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const params = await searchParams;
  const actor = await requireActor();
  const result = await listEnterprises(actor, { q: params.q ?? "", page: params.page ?? "1" }).catch((error) => {
    if (error instanceof AppError && error.code === "FORBIDDEN") notFound();
    if (error instanceof AppError && error.code === "VALIDATION") return null;
    throw error;
  });
  const q = params.q ?? "";
  const canEdit = (ENTERPRISE_EDITORS as readonly string[]).includes(actor.role);
  const hrefFor = (page: number) => `/enterprises?${new URLSearchParams({ q, page: String(page) })}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">带贫主体（带贫企业、农民专业合作社）</h1>
        {canEdit ? (
          <div className="flex flex-wrap gap-2">
            <Link href="/applications/new-enterprise" className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">新建带贫主体贷款申请</Link>
            <Link href="/enterprises/new" className="rounded bg-blue-700 px-4 py-2 text-sm text-white">登记带贫主体</Link>
          </div>
        ) : null}
      </div>
      <form role="search" className="flex gap-2">
        <label htmlFor="q" className="sr-only">搜索</label>
        <input id="q" name="q" defaultValue={q} placeholder="主体名称或统一社会信用代码"
          className="w-full max-w-xs rounded border border-slate-300 px-3 py-2" />
        <button className="shrink-0 rounded border border-slate-300 bg-white px-4 py-2">搜索</button>
      </form>
      {result === null ? (
        <p role="alert" className="text-sm text-red-700">搜索条件有误，请缩短搜索内容后重试。</p>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="w-full whitespace-nowrap text-left text-sm">
              <thead className="bg-slate-100 text-slate-600">
                <tr><th className="p-2">名称</th><th className="p-2">统一社会信用代码</th><th className="p-2">类型</th><th className="p-2">行业</th><th className="p-2">乡镇</th><th className="p-2">经营时间</th></tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.id} className="border-t">
                    <td className="p-2"><Link href={`/enterprises/${r.id}`} className="text-blue-700 underline">{r.name}</Link></td>
                    <td className="p-2 font-mono">{r.creditCode}</td>
                    <td className="p-2">{ENTERPRISE_KIND_LABELS[r.kind]}</td>
                    <td className="p-2">{r.agricultural ? "农业" : "非农"}</td>
                    <td className="p-2">{r.township}</td>
                    <td className="p-2">{r.operatingSince} 起（{yearsAndMonths(r.monthsOperating)}）</td>
                  </tr>
                ))}
                {result.rows.length === 0 ? <tr><td colSpan={6} className="p-4 text-center text-slate-500">没有登记的带贫主体。</td></tr> : null}
              </tbody>
            </table>
          </div>
          <Pagination page={result.page} pageSize={result.pageSize} total={result.total} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
