import type { Metadata } from "next";
import Link from "next/link";
import { PolicyProfileEditor } from "@/components/policy-profile-editor";
import { PolicyProfileSettings } from "@/lib/domain/policy-profile";
import { SETTING_META } from "@/lib/domain/policy-profile-meta";
import { formatSettingValue, SETTING_GROUPS, settingsToFormValues } from "@/lib/policy-profile-form";
import { getPolicyProfile } from "@/lib/server/policy-profiles/get-policy-profile";
import { adminQuery, formatDateTime } from "../../queries";
import { saveProfileAction } from "../actions";
import { PROFILE_STATE_LABELS, PROFILE_STATE_TONE } from "../labels";

export const metadata: Metadata = { title: "政策参数版本" };

export default async function PolicyProfilePage({ params, searchParams }: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ activated?: string }>;
}) {
  const [{ id }, { activated }] = await Promise.all([params, searchParams]);
  const p = await adminQuery(getPolicyProfile, { id });
  const parsed = PolicyProfileSettings.safeParse(p.settings);
  return (
    <div className="space-y-4">
      {activated ? <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-800">已激活，自 {p.effectiveFrom} 起生效。</p> : null}
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">第 {p.version} 版：{p.name}</h1>
        <span data-testid="profile-state" className={`rounded px-2 py-0.5 text-xs ${PROFILE_STATE_TONE[p.state]}`}>{PROFILE_STATE_LABELS[p.state]}</span>
      </div>
      <p className="text-sm text-slate-600">
        模板：{p.template}
        {p.effectiveFrom ? ` · 生效日期：${p.effectiveFrom}` : ""}
        {p.activatedAt ? ` · 激活于 ${formatDateTime(p.activatedAt)}` : ""}
      </p>
      {p.editable ? (
        <>
          {p.problems.length > 0 ? (
            <section className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="pending-problems">
              <h2 className="font-semibold text-amber-900">激活前还需处理 {p.problems.length} 项</h2>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-amber-900">
                {p.problems.map((x) => <li key={`${x.path}-${x.message}`}>{x.message}</li>)}
              </ul>
            </section>
          ) : (
            <p className="rounded bg-green-50 p-3 text-sm text-green-800">所有设置已完整，可以选择生效日期后激活。</p>
          )}
          {parsed.success ? (
            <PolicyProfileEditor action={saveProfileAction} id={p.id} fingerprint={p.fingerprint} name={p.name} values={settingsToFormValues(parsed.data)} today={p.today} />
          ) : (
            <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">该草稿的设置无法读取，请从模板重新新建。</p>
          )}
        </>
      ) : (
        <>
          <p className="text-sm text-slate-600">已激活的版本只读。如需调整，请在列表页“复制已有版本”后编辑新草稿。</p>
          {SETTING_GROUPS.map((g) => (
            <section key={g.key} className="overflow-x-auto rounded-lg bg-white shadow-sm">
              <h2 className="border-b p-3 font-semibold">{g.label}</h2>
              <table className="w-full text-left text-sm">
                <tbody>
                  {g.paths.map((path) => (
                    <tr key={path} className="border-t first:border-t-0">
                      <th scope="row" className="w-1/2 p-2 font-normal">
                        {SETTING_META[path].label}
                        <span className="block text-xs text-slate-500">依据：{SETTING_META[path].source}</span>
                      </th>
                      <td className="p-2" data-testid={`value-${path}`}>{formatSettingValue(path, p.settings)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </>
      )}
      <Link href="/admin/policy-profiles" className="text-sm text-blue-700 underline">返回政策参数</Link>
    </div>
  );
}
