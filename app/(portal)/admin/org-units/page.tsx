import type { Metadata } from "next";
import Link from "next/link";
import { AdminForm } from "@/components/admin-form";
import { listOrgUnits } from "@/lib/server/org-units/list-org-units";
import { adminQuery } from "../queries";
import { createOrgUnitAction, importOrgUnitsAction } from "./actions";

export const metadata: Metadata = { title: "组织机构" };

function Unit({ unit, indent }: { unit: { id: string; code: string; name: string; active: boolean; households: number }; indent?: boolean }) {
  return (
    <tr className={`border-t ${unit.active ? "" : "text-slate-400"}`}>
      <td className="p-2 font-mono">{unit.code}</td>
      <td className={`p-2 ${indent ? "pl-8" : "font-medium"}`}>
        <Link href={`/admin/org-units/${unit.id}`} className="text-blue-700 underline">{unit.name}</Link>
      </td>
      <td className="p-2">{indent ? "村" : "乡镇"}</td>
      <td className="p-2 text-right">{unit.households}</td>
      <td className="p-2">{unit.active ? "在用" : "已停用"}</td>
    </tr>
  );
}

export default async function OrgUnitsPage() {
  const tree = await adminQuery(listOrgUnits, {});
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold">组织机构</h1>
        <p className="text-sm text-slate-600">{tree.county.name}（{tree.county.code}）的乡镇和村，代码为 12 位统计用区划代码。</p>
      </div>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full whitespace-nowrap text-left text-sm" data-testid="org-tree">
          <thead className="bg-slate-100 text-slate-600">
            <tr><th className="p-2">代码</th><th className="p-2">名称</th><th className="p-2">层级</th><th className="p-2 text-right">农户数</th><th className="p-2">状态</th></tr>
          </thead>
          <tbody>
            {tree.townships.flatMap((t) => [<Unit key={t.id} unit={t} />, ...t.villages.map((v) => <Unit key={v.id} unit={v} indent />)])}
            {tree.townships.length === 0 ? <tr><td colSpan={5} className="p-4 text-center text-slate-500">尚无乡镇，请添加或导入。</td></tr> : null}
          </tbody>
        </table>
      </div>
      <section className="space-y-2">
        <h2 className="font-semibold">添加乡镇或村</h2>
        <AdminForm
          action={createOrgUnitAction}
          submitLabel="添加"
          fields={[
            { name: "level", label: "层级", type: "select", options: [{ value: "township", label: "乡镇" }, { value: "village", label: "村" }] },
            { name: "code", label: "代码（12 位）", hint: `乡镇如 ${tree.county.code.slice(0, 6)}105000；村的前 9 位与所属乡镇相同`, maxLength: 12 },
            { name: "name", label: "名称", wide: true },
          ]}
        />
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">从工作簿导入</h2>
        <p className="text-sm text-slate-600">
          列为“代码、名称、上级代码”。任何一行有误时不写入任何数据，并列出每行的问题。
          <a href="/api/admin/org-units/template" className="ml-1 text-blue-700 underline">下载模板（含本县现有机构）</a>
        </p>
        <AdminForm
          action={importOrgUnitsAction}
          submitLabel="导入"
          pendingLabel="正在导入…"
          testId="org-import"
          fields={[{ name: "file", label: "工作簿文件（.xlsx）", type: "file", accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", wide: true }]}
        />
      </section>
    </div>
  );
}
