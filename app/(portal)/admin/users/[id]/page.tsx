import type { Metadata } from "next";
import Link from "next/link";
import { AdminForm } from "@/components/admin-form";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { getUser } from "@/lib/server/users/get-user";
import { adminQuery, formatDateTime } from "../../queries";
import { deactivateUserAction, lockUserAction, reactivateUserAction, resetPasswordAction, unlockUserAction } from "../actions";
import { USER_STATUS_LABELS, USER_STATUS_TONE } from "../labels";

export const metadata: Metadata = { title: "用户详情" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const u = await adminQuery(getUser, { id });
  const rows: [string, React.ReactNode][] = [
    ["用户名", u.username],
    ["姓名", u.displayName],
    ["手机号", u.phone ?? "—"],
    ["角色", ROLE_LABELS[u.role]],
    ["所属机构", `${u.unitName}（${u.unitCode}）`],
    ["合作银行", u.bankName ?? "—"],
    ["状态", <span key="s" data-testid="user-status" className={`rounded px-2 py-0.5 text-xs ${USER_STATUS_TONE[u.status]}`}>{USER_STATUS_LABELS[u.status]}</span>],
    ["须修改密码", u.mustChangePassword ? "是（下次登录时）" : "否"],
    ["连续登录失败", `${u.failedLoginCount} 次`],
    ["最近登录", formatDateTime(u.lastLoginAt)],
    ["密码修改于", formatDateTime(u.passwordChangedAt)],
    ["创建于", formatDateTime(u.createdAt)],
  ];
  const hidden = { id: u.id };
  const locked = u.status === "locked" || u.status === "adminLocked" || u.failedLoginCount > 0;
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">用户：{u.displayName}（{u.username}）</h1>
      <dl className="grid grid-cols-[7rem_1fr] gap-y-2 rounded-lg bg-white p-5 text-sm shadow-sm">
        {rows.map(([k, v]) => [<dt key={`${k}-t`} className="text-slate-500">{k}</dt>, <dd key={`${k}-d`}>{v}</dd>])}
      </dl>
      <section className="space-y-3 rounded-lg bg-white p-5 shadow-sm">
        <h2 className="font-semibold">账户操作</h2>
        {u.isSelf ? <p className="text-sm text-slate-600">这是您自己的账户：不能锁定或停用；修改密码请使用页面顶部的“修改密码”。</p> : null}
        <div className="flex flex-wrap items-start gap-3">
          {!u.isSelf ? <AdminForm action={resetPasswordAction} hidden={hidden} submitLabel="重置密码" inline tone="plain" testId="reset-password" /> : null}
          {!u.isSelf && u.status !== "adminLocked" && u.status !== "inactive" ? <AdminForm action={lockUserAction} hidden={hidden} submitLabel="锁定账户" inline tone="plain" /> : null}
          {locked ? <AdminForm action={unlockUserAction} hidden={hidden} submitLabel="解除锁定" inline tone="plain" /> : null}
          {!u.isSelf && u.status !== "inactive" ? <AdminForm action={deactivateUserAction} hidden={hidden} submitLabel="停用账户" inline tone="danger" /> : null}
          {u.status === "inactive" ? <AdminForm action={reactivateUserAction} hidden={hidden} submitLabel="重新启用" inline tone="plain" /> : null}
        </div>
        <p className="text-xs text-slate-500">账户不会被删除：停用后不能登录，历史记录中仍保留其姓名。</p>
      </section>
      <Link href="/admin/users" className="text-sm text-blue-700 underline">返回用户列表</Link>
    </div>
  );
}
