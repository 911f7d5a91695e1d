import type { Metadata } from "next";
import Link from "next/link";
import { HOUSEHOLD_STATUS_LABELS, LABOUR_CAPACITY_LABELS } from "@/lib/labels";
import { getHouseholdOrNotFound } from "../queries";

export const metadata: Metadata = { title: "农户详情" };

export default async function HouseholdPage({ params, searchParams }: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const [{ id }, { saved }] = await Promise.all([params, searchParams]);
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
      <Link href="/households" className="text-sm text-blue-700 underline">返回农户列表</Link>
    </div>
  );
}
