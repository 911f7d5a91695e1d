import type { Metadata } from "next";
import Link from "next/link";
import { AdminForm } from "@/components/admin-form";
import { profileTemplates } from "@/lib/domain/profile-templates";
import { listPolicyProfiles } from "@/lib/server/policy-profiles/list-policy-profiles";
import { adminQuery, formatDateTime } from "../queries";
import { createPolicyProfileAction } from "./actions";
import { PROFILE_STATE_LABELS, PROFILE_STATE_TONE } from "./labels";

export const metadata: Metadata = { title: "政策参数" };

export default async function PolicyProfilesPage() {
  const profiles = await adminQuery(listPolicyProfiles, {});
  const templates = profileTemplates().map((t) => ({ value: t.id, label: `${t.name}（${t.document}）` }));
  const versions = profiles.map((p) => ({ value: p.id, label: `第 ${p.version} 版 · ${p.name}（${PROFILE_STATE_LABELS[p.state]}）` }));
  const inForce = profiles.find((p) => p.state === "inForce");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold">政策参数</h1>
        <p className="text-sm text-slate-600">
          本县执行的政策设置（POLICY §14–15）。每次修改形成新版本，激活时指定生效日期；已激活的版本只读，业务按办理当日生效的版本执行。
        </p>
      </div>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full whitespace-nowrap text-left text-sm" data-testid="profile-list">
          <thead className="bg-slate-100 text-slate-600">
            <tr><th className="p-2">版本</th><th className="p-2">名称</th><th className="p-2">状态</th><th className="p-2">生效日期</th><th className="p-2">激活时间</th></tr>
          </thead>
          <tbody>
            {profiles.map((p) => (
              <tr key={p.id} className="border-t">
                <td className="p-2"><Link href={`/admin/policy-profiles/${p.id}`} className="text-blue-700 underline">第 {p.version} 版</Link></td>
                <td className="p-2">{p.name}</td>
                <td className="p-2"><span className={`rounded px-2 py-0.5 text-xs ${PROFILE_STATE_TONE[p.state]}`}>{PROFILE_STATE_LABELS[p.state]}</span></td>
                <td className="p-2">{p.effectiveFrom ?? "—"}</td>
                <td className="p-2">{formatDateTime(p.activatedAt)}</td>
              </tr>
            ))}
            {profiles.length === 0 ? <tr><td colSpan={5} className="p-4 text-center text-slate-500">尚无政策参数，请从模板新建。</td></tr> : null}
          </tbody>
        </table>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <section className="space-y-2">
          <h2 className="font-semibold">从内置模板新建草稿</h2>
          <AdminForm action={createPolicyProfileAction} hidden={{ source: "template" }} submitLabel="新建草稿" testId="create-from-template"
            fields={[{ name: "templateId", label: "政策模板", type: "select", options: templates, wide: true }]} />
        </section>
        <section className="space-y-2">
          <h2 className="font-semibold">复制已有版本</h2>
          <AdminForm action={createPolicyProfileAction} hidden={{ source: "copy" }} submitLabel="复制为新草稿" testId="create-copy"
            initial={inForce ? { fromId: inForce.id } : {}}
            fields={[{ name: "fromId", label: "复制哪个版本", type: "select", options: versions, wide: true, hint: "默认为现行版本" }]} />
        </section>
      </div>
      {profiles.length >= 2 ? (
        <section className="space-y-2">
          <h2 className="font-semibold">对比两个版本</h2>
          <form action="/admin/policy-profiles/diff" className="flex flex-wrap items-end gap-2 rounded-lg bg-white p-4 shadow-sm">
            {(["a", "b"] as const).map((k, i) => (
              <div key={k}>
                <label htmlFor={`diff-${k}`} className="block text-sm">{k === "a" ? "版本甲" : "版本乙"}</label>
                <select id={`diff-${k}`} name={k} defaultValue={String(profiles[Math.min(i === 0 ? 1 : 0, profiles.length - 1)].version)} className="rounded border border-slate-300 px-3 py-2">
                  {profiles.map((p) => <option key={p.id} value={p.version}>第 {p.version} 版</option>)}
                </select>
              </div>
            ))}
            <button className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">对比</button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
