import type { Metadata } from "next";
import Link from "next/link";
import { AdminForm } from "@/components/admin-form";
import { getOrgUnit } from "@/lib/server/org-units/get-org-unit";
import { adminQuery, formatDateTime } from "../../queries";
import { deactivateOrgUnitAction, reactivateOrgUnitAction, renameOrgUnitAction } from "../actions";

export const metadata: Metadata = { title: "机构详情" };

export default async function OrgUnitPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const u = await adminQuery(getOrgUnit, { id });
  const level = u.level === "township" ? "乡镇" : "村";
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{level}：{u.name}</h1>
      <dl className="grid grid-cols-[7rem_1fr] gap-y-2 rounded-lg bg-white p-5 text-sm shadow-sm">
        <dt className="text-slate-500">代码</dt><dd className="font-mono">{u.code}</dd>
        <dt className="text-slate-500">上级</dt><dd>{u.parent ? `${u.parent.name}（${u.parent.code}）` : "—"}</dd>
        <dt className="text-slate-500">状态</dt><dd data-testid="unit-status">{u.active ? "在用" : "已停用"}</dd>
        <dt className="text-slate-500">农户</dt><dd>{u.households} 户</dd>
        <dt className="text-slate-500">在用账户</dt><dd>{u.activeUsers} 个</dd>
        {u.level === "township" ? <><dt className="text-slate-500">在用的村</dt><dd>{u.activeVillages} 个</dd></> : null}
      </dl>
      <section className="space-y-2">
        <h2 className="font-semibold">改名</h2>
        <AdminForm
          action={renameOrgUnitAction}
          hidden={{ id: u.id, expectedName: u.name }}
          initial={{ name: u.name }}
          submitLabel="保存新名称"
          fields={[{ name: "name", label: "新名称", wide: true }]}
        />
      </section>
      <section className="space-y-2 rounded-lg bg-white p-5 shadow-sm">
        <h2 className="font-semibold">名称变更历史</h2>
        {u.history.length === 0 ? <p className="text-sm text-slate-500">未改过名。</p> : (
          <ul className="space-y-1 text-sm">
            {u.history.map((h) => <li key={h.id}>{formatDateTime(h.changedAt)}：“{h.oldName}”改为“{h.newName}”{h.changedBy ? `（${h.changedBy}）` : ""}</li>)}
          </ul>
        )}
      </section>
      <section className="space-y-2 rounded-lg bg-white p-5 shadow-sm">
        <h2 className="font-semibold">停用</h2>
        <p className="text-sm text-slate-600">有农户、贷款申请或贷款、在用账户（乡镇还包括在用的村和包干银行）时不能停用。机构不会被删除。</p>
        {u.active
          ? <AdminForm action={deactivateOrgUnitAction} hidden={{ id: u.id }} submitLabel={`停用该${level}`} inline tone="danger" />
          : <AdminForm action={reactivateOrgUnitAction} hidden={{ id: u.id }} submitLabel="重新启用" inline tone="plain" />}
      </section>
      <Link href="/admin/org-units" className="text-sm text-blue-700 underline">返回组织机构</Link>
    </div>
  );
}
