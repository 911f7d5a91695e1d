import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { type RecordColumn, RecordTable } from "@/components/record-table";
import { HOUSEHOLD_STATUS_LABELS } from "@/lib/labels";
import { IMPORT_ROLES } from "@/lib/server/households/import-households";
import { searchHouseholdsAction } from "./actions";
import { listHouseholdsForPage } from "./queries";

export const metadata: Metadata = { title: "农户信息" };

const HOUSEHOLD_COLUMNS: RecordColumn[] = [{ label: "户主" }, { label: "身份证号", mono: true }, { label: "村" }, { label: "户类型" }, { label: "人口" }];

export default async function HouseholdsPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string; idNotFound?: string }> }) {
  const params = await searchParams;
  const { actor, result } = await listHouseholdsForPage(params);
  const q = params.q ?? "";
  const hrefFor = (page: number) => `/households?${new URLSearchParams({ q, page: String(page) })}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">农户信息</h1>
        <div className="flex gap-2">
          {(IMPORT_ROLES as readonly string[]).includes(actor.role) ? (
            <Link href="/households/import" className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">批量导入</Link>
          ) : null}
          {actor.role === "village_cadre" ? (
            <Link href="/households/new" className="rounded bg-blue-700 px-4 py-2 text-sm text-white">登记农户</Link>
          ) : null}
        </div>
      </div>
      <form role="search" action={searchHouseholdsAction} className="flex gap-2">
        <label htmlFor="q" className="sr-only">搜索</label>
        <input id="q" name="q" defaultValue={q} placeholder="户主姓名或完整身份证号" aria-describedby="q-hint"
          className="w-full max-w-xs rounded border border-slate-300 px-3 py-2" />
        <button className="shrink-0 rounded border border-slate-300 bg-white px-4 py-2">搜索</button>
      </form>
      <p id="q-hint" className="text-xs text-slate-500">身份证号加密保存，只能按完整的 18 位号码查找；姓名可输入部分文字。</p>
      {params.idNotFound ? <p role="status" className="text-sm text-red-700">您的辖区内没有该身份证号的农户。</p> : null}
      {result === null ? (
        <p role="alert" className="text-sm text-red-700">搜索条件有误，请缩短搜索内容后重试。</p>
      ) : (
        <>
          <RecordTable
            columns={HOUSEHOLD_COLUMNS}
            rows={result.rows.map((r) => ({
              id: r.id,
              cells: [{ link: `/households/${r.id}`, text: r.headName }, r.idNumber, r.village, HOUSEHOLD_STATUS_LABELS[r.status], r.membersCount],
            }))}
            empty="没有符合条件的农户。"
          />
          <Pagination page={result.page} pageSize={result.pageSize} total={result.total} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
