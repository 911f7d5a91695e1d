import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { ENTERPRISE_KIND_LABELS } from "@/lib/domain/enterprise-eligibility";
import { APPLICATION_STATE_LABELS } from "@/lib/domain/workflow";
import { ENTERPRISE_EDITORS, getEnterpriseOrNotFound } from "../queries";

export const metadata: Metadata = { title: "带贫主体" };

export default async function EnterprisePage({ params, searchParams }: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const [{ id }, { saved }] = await Promise.all([params, searchParams]);
  const { actor, enterprise: e } = await getEnterpriseOrNotFound(id);
  const canEdit = (ENTERPRISE_EDITORS as readonly string[]).includes(actor.role);
  const rows: [string, string][] = [
    ["主体名称", e.name],
    ["统一社会信用代码", e.creditCode],
    ["主体类型", ENTERPRISE_KIND_LABELS[e.kind]],
    ["法定代表人", e.legalRepresentative],
    ["所属行业", e.agricultural ? "农业产业" : "非农产业"],
    ["开始经营日期", `${e.operatingSince}（已正常经营 ${e.monthsOperating} 个月）`],
    ["所在乡镇", e.township],
  ];
  return (
    <div className="space-y-4">
      {saved ? <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-800">已保存。</p> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">带贫主体：{e.name}</h1>
        {canEdit ? (
          <div className="flex flex-wrap gap-2">
            <Link href={`/applications/new-enterprise?enterpriseId=${e.id}`} className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">新建贷款申请</Link>
            <Link href={`/enterprises/${e.id}/edit`} className="rounded bg-blue-700 px-4 py-2 text-sm text-white">编辑</Link>
          </div>
        ) : null}
      </div>
      <dl className="grid grid-cols-[8rem_1fr] gap-y-2 rounded-lg bg-white p-5 text-sm shadow-sm">
        {rows.map(([k, v]) => [<dt key={`${k}-t`} className="text-slate-500">{k}</dt>, <dd key={`${k}-d`} className={k === "统一社会信用代码" ? "font-mono" : undefined}>{v}</dd>])}
      </dl>
      <section className="rounded-lg bg-white p-5 shadow-sm">
        <h2 className="font-semibold">贷款申请</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {e.applications.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-2">
              <Link href={`/applications/${a.id}`} className="text-blue-700 underline">{a.number}</Link>
              <span>{a.amount} 元，{a.termMonths} 个月{a.largeLoan ? "（大额贷款）" : ""}</span>
              <StatusBadge status={a.status} label={APPLICATION_STATE_LABELS[a.status]} />
            </li>
          ))}
          {e.applications.length === 0 ? <li className="text-slate-500">暂无贷款申请。</li> : null}
        </ul>
      </section>
      <Link href="/enterprises" className="text-sm text-blue-700 underline">返回带贫主体列表</Link>
    </div>
  );
}
