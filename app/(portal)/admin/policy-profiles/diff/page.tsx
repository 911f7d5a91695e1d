import type { Metadata } from "next";
import Link from "next/link";
import { diffPolicyProfiles } from "@/lib/server/policy-profiles/diff-policy-profiles";
import { adminQuery } from "../../queries";

export const metadata: Metadata = { title: "版本对比" };

export default async function DiffPage({ searchParams }: { searchParams: Promise<{ a?: string; b?: string; all?: string }> }) {
  const params = await searchParams;
  const diff = await adminQuery(diffPolicyProfiles, { a: params.a ?? "", b: params.b ?? "" });
  const rows = params.all ? diff.rows : diff.rows.filter((r) => r.changed);
  const toggle = new URLSearchParams({ a: String(diff.a.version), b: String(diff.b.version), ...(params.all ? {} : { all: "1" }) });
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">版本对比：第 {diff.a.version} 版 与 第 {diff.b.version} 版</h1>
      <p className="text-sm text-slate-600">
        共 {diff.changed} 项不同。
        <Link href={`/admin/policy-profiles/diff?${toggle}`} className="ml-2 text-blue-700 underline">{params.all ? "只看不同项" : "显示全部设置"}</Link>
      </p>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full text-left text-sm" data-testid="profile-diff">
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th className="p-2">设置（依据）</th>
              <th className="p-2">第 {diff.a.version} 版{diff.a.effectiveFrom ? `（${diff.a.effectiveFrom} 起）` : "（草稿）"}</th>
              <th className="p-2">第 {diff.b.version} 版{diff.b.effectiveFrom ? `（${diff.b.effectiveFrom} 起）` : "（草稿）"}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.path} className={`border-t ${r.changed ? "bg-amber-50" : ""}`}>
                <td className="p-2">
                  <span className="text-xs text-slate-500">{r.group} · </span>{r.label}
                  <span className="block text-xs text-slate-500">依据：{r.source}</span>
                </td>
                <td className="p-2">{r.a}</td>
                <td className="p-2">{r.b}</td>
              </tr>
            ))}
            {rows.length === 0 ? <tr><td colSpan={3} className="p-4 text-center text-slate-500">两个版本的设置完全相同。</td></tr> : null}
          </tbody>
        </table>
      </div>
      <Link href="/admin/policy-profiles" className="text-sm text-blue-700 underline">返回政策参数</Link>
    </div>
  );
}
