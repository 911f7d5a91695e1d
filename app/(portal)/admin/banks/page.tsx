import type { Metadata } from "next";
import Link from "next/link";
import { listBanks } from "@/lib/server/banks/list-banks";
import { adminQuery } from "../queries";

export const metadata: Metadata = { title: "合作银行" };

export default async function BanksPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const [{ saved }, banks] = await Promise.all([searchParams, adminQuery(listBanks, {})]);
  return (
    <div className="space-y-4">
      {saved ? <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-800">已保存。</p> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">合作银行</h1>
        <Link href="/admin/banks/new" className="rounded bg-blue-700 px-4 py-2 text-sm text-white">添加合作银行</Link>
      </div>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-slate-600">
            <tr><th className="p-2">名称</th><th className="p-2">网点</th><th className="p-2">联系人</th><th className="p-2">包干乡镇</th><th className="p-2">账户</th><th className="p-2">状态</th></tr>
          </thead>
          <tbody>
            {banks.map((b) => (
              <tr key={b.id} className="border-t">
                <td className="p-2"><Link href={`/admin/banks/${b.id}`} className="text-blue-700 underline">{b.name}</Link></td>
                <td className="p-2">{b.branch ?? "—"}</td>
                <td className="p-2">{[b.contact, b.phone].filter(Boolean).join(" ") || "—"}</td>
                <td className="p-2">{b.townships.join("、") || "—"}</td>
                <td className="p-2">{b.users}</td>
                <td className="p-2">{b.active ? "在用" : "已停用"}</td>
              </tr>
            ))}
            {banks.length === 0 ? <tr><td colSpan={6} className="p-4 text-center text-slate-500">尚无合作银行。</td></tr> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
