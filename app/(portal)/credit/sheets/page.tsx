import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SheetEditor } from "@/components/sheet-editor";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { listIndicatorSheets } from "@/lib/server/credit/list-indicator-sheets";
import { choicesText } from "@/lib/server/credit/sheet-form";
import { createIndicatorSheetAction } from "../actions";

export const metadata: Metadata = { title: "评级指标表" };

const dayAfter = (d: string) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + 1);
  return x.toISOString().slice(0, 10);
};

export default async function SheetsPage() {
  const actor = await requireActor();
  const data = await listIndicatorSheets(actor, {}).catch((error) => {
    // A system-wide auditor has no county to show.
    if (error instanceof AppError && error.code === "FORBIDDEN") notFound();
    throw error;
  });
  const current = data.versions.find((v) => v.id === data.inForceId);
  const minOf = (g: string) => data.start.gradeBands.find((b) => b.grade === g)?.min ?? "";
  const latestDate = data.versions[0]?.effectiveFrom;
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">信用评级指标表</h1>
      <section className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full whitespace-nowrap text-left text-sm" data-testid="sheet-versions">
          <thead className="bg-slate-100 text-slate-600"><tr><th className="p-2">版本</th><th className="p-2">生效日期</th><th className="p-2">指标数</th><th className="p-2">满分</th><th className="p-2">等级划分</th><th className="p-2">已用于评级</th><th className="p-2">状态</th></tr></thead>
          <tbody>
            {data.versions.map((v) => (
              <tr key={v.id} className="border-t">
                <td className="p-2">第 {v.version} 版</td>
                <td className="p-2">{v.effectiveFrom}</td>
                <td className="p-2">{v.sheet.items.length}</td>
                <td className="p-2">{v.maxScore}</td>
                <td className="p-2">{v.sheet.gradeBands.map((b) => `${b.grade}≥${b.min}`).join(" ")}</td>
                <td className="p-2">{v.ratings} 户次</td>
                <td className="p-2">{v.id === data.inForceId ? "现行" : v.effectiveFrom > data.today ? "待生效" : "已停用"}</td>
              </tr>
            ))}
            {data.versions.length === 0 ? <tr><td colSpan={7} className="p-4 text-center text-slate-500">尚未设置指标表。</td></tr> : null}
          </tbody>
        </table>
      </section>
      {current ? (
        <section className="space-y-2">
          <h2 className="font-semibold">现行指标（第 {current.version} 版）</h2>
          <ul className="grid gap-1 rounded-lg bg-white p-4 text-sm shadow-sm sm:grid-cols-2">
            {current.sheet.items.map((i) => <li key={i.key}><span className="text-slate-500">{i.group}</span> {i.label}（满分 {i.maxPoints}）：{choicesText(i)}</li>)}
          </ul>
        </section>
      ) : null}
      {data.canEdit ? (
        <section className="space-y-2">
          <h2 className="font-semibold">制定新版本</h2>
          <p className="text-sm text-slate-600">新版本自生效日期起用于新的评级；此前的评级仍按其当时的版本保存，不会被改写。</p>
          <SheetEditor action={createIndicatorSheetAction}
            items={data.start.items.map((i) => ({ key: i.key, label: i.label, group: i.group, kind: i.kind, maxPoints: i.maxPoints, choices: choicesText(i), unit: i.unit ?? "" }))}
            bands={{ AAA: minOf("AAA"), AA: minOf("AA"), A: minOf("A"), B: minOf("B") }}
            defaultDate={latestDate && latestDate >= data.today ? dayAfter(latestDate) : data.today} />
        </section>
      ) : null}
    </div>
  );
}
