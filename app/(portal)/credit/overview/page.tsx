import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { creditOverview } from "@/lib/server/credit/credit-overview";
import { settleDueRatingPublicity } from "@/lib/server/credit/settle-rating-publicity";

export const metadata: Metadata = { title: "信用村、信用乡镇" };

const percent = (ratio: string) => `${(Number.parseFloat(ratio) * 100).toFixed(2)}%`;

function Status({ isCredit, label }: { isCredit: boolean; label: string }) {
  return isCredit
    ? <span className="inline-block rounded bg-green-100 px-2 py-0.5 text-xs text-green-800">{label}</span>
    : <span className="inline-block rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">未达标</span>;
}

function History({ rows }: { rows: { isCredit: boolean; since: string | null; until: string | null }[] }) {
  if (rows.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <span className="text-xs text-slate-600">
      {rows.map((h) => `${h.since} ${h.isCredit ? "达标" : "未达标"}${h.until ? `（至 ${h.until}）` : ""}`).join("；")}
    </span>
  );
}

export default async function CreditOverviewPage() {
  const actor = await requireActor();
  await settleDueRatingPublicity(actor.countyId);
  const data = await creditOverview(actor, {}).catch((error) => {
    // A system-wide auditor has no county to show.
    if (error instanceof AppError && error.code === "FORBIDDEN") notFound();
    throw error;
  });
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">信用村、信用乡镇</h1>
      <p className="text-sm text-slate-600">
        信用村：信用户（A 级及以上）占已评级农户 {percent(data.thresholds.village)}（含）以上；信用乡镇：信用村占全部村 {percent(data.thresholds.township)}（含）以上。
        按农户现行信用等级计算；未评级农户不计入。
      </p>
      <p className="rounded-lg bg-white p-4 text-sm shadow-sm" data-testid="county-summary">
        共 {data.county.townships} 个乡镇，其中信用乡镇 {data.county.creditTownships} 个；共 {data.county.villages} 个村，其中信用村 {data.county.creditVillages} 个。
      </p>
      {data.townships.map((t) => (
        <section key={t.id} className="space-y-2" data-testid={`township-${t.name}`}>
          <h2 className="flex flex-wrap items-center gap-2 font-semibold">
            {t.name}
            <Status isCredit={t.isCredit} label="信用乡镇" />
            <span className="text-sm font-normal text-slate-600">信用村 {t.credited}/{t.members}（{percent(t.ratio)}）{t.since ? `，${t.since} 起` : ""}</span>
          </h2>
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-600">
                <tr><th className="p-2">村</th><th className="p-2">已评级户</th><th className="p-2">信用户</th><th className="p-2">占比</th><th className="p-2">状态</th><th className="p-2">变化记录</th></tr>
              </thead>
              <tbody>
                {t.villages.map((v) => (
                  <tr key={v.id} className="border-t" data-testid={`village-${v.name}`}>
                    <td className="p-2 whitespace-nowrap">{v.name}</td>
                    <td className="p-2 tabular-nums">{v.members}</td>
                    <td className="p-2 tabular-nums">{v.credited}</td>
                    <td className="p-2 tabular-nums">{percent(v.ratio)}</td>
                    <td className="p-2 whitespace-nowrap"><Status isCredit={v.isCredit} label="信用村" />{v.since ? <span className="ml-1 text-xs text-slate-500">{v.since} 起</span> : null}</td>
                    <td className="p-2"><History rows={v.history} /></td>
                  </tr>
                ))}
                {t.villages.length === 0 ? <tr><td colSpan={6} className="p-4 text-center text-slate-500">暂无村。</td></tr> : null}
              </tbody>
            </table>
          </div>
          {t.history.length > 0 ? <p className="text-xs text-slate-600">乡镇变化记录：<History rows={t.history} /></p> : null}
        </section>
      ))}
      <Link href="/credit" className="text-sm text-blue-700 underline">返回信用评级</Link>
    </div>
  );
}
