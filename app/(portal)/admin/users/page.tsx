import type { Metadata } from "next";
import Link from "next/link";
import { ROLE_LABELS, ROLES } from "@/lib/domain/roles";
import { listUsers } from "@/lib/server/users/list-users";
import { adminQuery, formatDateTime } from "../queries";
import { USER_STATUS_LABELS, USER_STATUS_TONE } from "./labels";

export const metadata: Metadata = { title: "用户管理" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string; role?: string }> }) {
  const params = await searchParams;
  const q = params.q ?? "";
  const role = ROLES.find((r) => r === params.role) ?? "";
  const users = await adminQuery(listUsers, { q, role });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">用户管理</h1>
        <Link href="/admin/users/new" className="rounded bg-blue-700 px-4 py-2 text-sm text-white">新建用户</Link>
      </div>
      <form role="search" className="flex flex-wrap gap-2">
        <label htmlFor="q" className="sr-only">搜索</label>
        <input id="q" name="q" defaultValue={q} placeholder="用户名或姓名" className="w-full max-w-xs rounded border border-slate-300 px-3 py-2" />
        <label htmlFor="role" className="sr-only">角色</label>
        <select id="role" name="role" defaultValue={role} className="rounded border border-slate-300 px-3 py-2">
          <option value="">全部角色</option>
          {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
        </select>
        <button className="shrink-0 rounded border border-slate-300 bg-white px-4 py-2">搜索</button>
      </form>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full whitespace-nowrap text-left text-sm">
          <thead className="bg-slate-100 text-slate-600">
            <tr><th className="p-2">用户名</th><th className="p-2">姓名</th><th className="p-2">角色</th><th className="p-2">所属机构</th><th className="p-2">状态</th><th className="p-2">最近登录</th></tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t">
                <td className="p-2"><Link href={`/admin/users/${u.id}`} className="text-blue-700 underline">{u.username}</Link></td>
                <td className="p-2">{u.displayName}</td>
                <td className="p-2">{ROLE_LABELS[u.role]}</td>
                <td className="p-2">{u.unitName}{u.bankName ? ` · ${u.bankName}` : ""}</td>
                <td className="p-2">
                  <span className={`rounded px-2 py-0.5 text-xs ${USER_STATUS_TONE[u.status]}`}>{USER_STATUS_LABELS[u.status]}</span>
                  {u.mustChangePassword ? <span className="ml-1 text-xs text-amber-700">待改密码</span> : null}
                </td>
                <td className="p-2">{formatDateTime(u.lastLoginAt)}</td>
              </tr>
            ))}
            {users.length === 0 ? <tr><td colSpan={6} className="p-4 text-center text-slate-500">没有符合条件的用户。</td></tr> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
