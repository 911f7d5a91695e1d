import type { Metadata } from "next";
import Link from "next/link";
import { AdminForm } from "@/components/admin-form";
import { ROLE_LABELS, ROLES } from "@/lib/domain/roles";
import { listBanks } from "@/lib/server/banks/list-banks";
import { listOrgUnits } from "@/lib/server/org-units/list-org-units";
import { adminQuery } from "../../queries";
import { createUserAction } from "../actions";

export const metadata: Metadata = { title: "新建用户" };

export default async function NewUserPage() {
  const [tree, banks] = await Promise.all([adminQuery(listOrgUnits, {}), adminQuery(listBanks, {})]);
  const units = [
    { value: tree.county.id, label: `${tree.county.name}（县级：县中心、银行、财政、审计、管理员）` },
    ...tree.townships.filter((t) => t.active).flatMap((t) => [
      { value: t.id, label: `${t.name}（乡镇）` },
      ...t.villages.filter((v) => v.active).map((v) => ({ value: v.id, label: `${t.name} ${v.name}（村）` })),
    ]),
  ];
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">新建用户</h1>
      <AdminForm
        action={createUserAction}
        submitLabel="创建用户"
        pendingLabel="正在创建…"
        fields={[
          { name: "username", label: "用户名", hint: "3–32 位，以字母开头；登录时使用", autoComplete: "off" },
          { name: "displayName", label: "姓名" },
          { name: "phone", label: "手机号", type: "tel" },
          { name: "role", label: "角色", type: "select", options: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })) },
          { name: "orgUnitId", label: "所属机构", type: "select", options: units, hint: "村干部选村，乡镇站选乡镇，其他角色选县" },
          { name: "bankId", label: "合作银行（仅合作银行用户）", type: "select", options: banks.filter((b) => b.active).map((b) => ({ value: b.id, label: b.name })) },
        ]}
      />
      <p className="text-sm text-slate-600">创建后系统生成一次性密码，仅显示一次；用户首次登录须修改密码。</p>
      <Link href="/admin/users" className="text-sm text-blue-700 underline">返回用户列表</Link>
    </div>
  );
}
