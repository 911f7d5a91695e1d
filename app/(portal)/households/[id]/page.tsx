import type { Metadata } from "next";
import Link from "next/link";
import { LOAN_STATE_LABELS } from "@/lib/domain/loan-workflow";
import { APPLICATION_STATE_LABELS } from "@/lib/domain/workflow";
import { HOUSEHOLD_STATUS_LABELS, LABOUR_CAPACITY_LABELS } from "@/lib/labels";
import { requireActor } from "@/lib/server/auth/current-actor";
import { settleDueRatingPublicity } from "@/lib/server/credit/settle-rating-publicity";
import { getHouseholdOrNotFound } from "../queries";

export const metadata: Metadata = { title: "农户详情" };

export default async function HouseholdPage({ params, searchParams }: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const [{ id }, { saved }] = await Promise.all([params, searchParams]);
  // A rating publicity that has ended makes its grades current before the grade is shown.
  await settleDueRatingPublicity((await requireActor()).countyId);
  const h = await getHouseholdOrNotFound(id);
  const rows: [string, string][] = [
    ["户主姓名", h.headName],
    ["身份证号", h.idNumber],
    ["手机号", h.phone ?? "—"],
    ["所在村", `${h.townshipName} ${h.villageName}`],
    ["住址", h.address ?? "—"],
    ["户类型", HOUSEHOLD_STATUS_LABELS[h.status]],
    ["家庭人口", `${h.membersCount} 人`],
    ["劳动能力", LABOUR_CAPACITY_LABELS[h.labourCapacity]],
    ["信用等级", h.creditGrade ? `${h.creditGrade} 级（${h.creditGradedOn?.toISOString().slice(0, 10) ?? "—"} 评定）` : "未评级"],
    ["备注", h.notes ?? "—"],
  ];
  return (
    <div className="space-y-4">
      {saved ? <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-800">已保存。</p> : null}
      <div className="flex items-center justify-between">
        <h1 className="text-lg font-semibold">农户：{h.headName}</h1>
        {h.canEdit ? <Link href={`/households/${h.id}/edit`} className="rounded bg-blue-700 px-4 py-2 text-sm text-white">编辑</Link> : null}
      </div>
      <dl className="grid grid-cols-[6rem_1fr] gap-y-2 rounded-lg bg-white p-5 text-sm shadow-sm">
        {rows.map(([k, v]) => [<dt key={`${k}-t`} className="text-slate-500">{k}</dt>, <dd key={`${k}-d`}>{v}</dd>])}
      </dl>
      <Link href={`/credit/households/${h.id}`} className="text-sm text-blue-700 underline">信用评级记录</Link>
      <section className="rounded-lg bg-white p-5 shadow-sm">
        <h2 className="font-semibold">扶贫小额信贷</h2>
        <p className="mt-1 text-sm" data-testid="household-outstanding">
          未结清贷款余额：{h.outstandingTotal} 元
        </p>
        <ul className="mt-2 space-y-1 text-sm">
          {h.loans.map((l) => (
            <li key={l.id}>
              贷款合同 {l.contractNumber}：本金 {l.principal} 元，余额 {l.outstanding} 元，{l.disbursedOn} 至 {l.maturityDate}（{LOAN_STATE_LABELS[l.status]}）
              {" "}<Link href={`/applications/${l.applicationId}`} className="text-blue-700 underline">查看</Link>
            </li>
          ))}
          {h.applications.map((a) => (
            <li key={a.id}>
              申请 <Link href={`/applications/${a.id}`} className="text-blue-700 underline">{a.number}</Link>：{a.amount} 元，{a.termMonths} 个月（{APPLICATION_STATE_LABELS[a.status]}）
            </li>
          ))}
          {h.loans.length === 0 && h.applications.length === 0 ? <li className="text-slate-500">暂无贷款申请或贷款。</li> : null}
        </ul>
      </section>
      <Link href="/households" className="text-sm text-blue-700 underline">返回农户列表</Link>
    </div>
  );
}
