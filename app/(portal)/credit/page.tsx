import type { Metadata } from "next";
import Link from "next/link";
import { RatingImportUpload } from "@/components/rating-import-upload";
import { SimpleActionForm } from "@/components/simple-action-form";
import { StatusBadge } from "@/components/status-badge";
import { requireActor } from "@/lib/server/auth/current-actor";
import { creditOverview } from "@/lib/server/credit/credit-overview";
import { creditWorkbench } from "@/lib/server/credit/credit-workbench";
import { RATING_STATUS_LABELS } from "@/lib/server/credit/rating-records";
import { settleDueRatingPublicity } from "@/lib/server/credit/settle-rating-publicity";
import { importRatingsAction, openRatingPublicityAction } from "./actions";

export const metadata: Metadata = { title: "信用评级" };

type Row = { id: string; number: string; headName: string; village: string; score: string; grade: string; status: keyof typeof RATING_STATUS_LABELS; ratedOn: string | null };

function RatingTable({ rows, empty, testId }: { rows: Row[]; empty: string; testId: string }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full whitespace-nowrap text-left text-sm" data-testid={testId}>
        <thead className="bg-slate-100 text-slate-600">
          <tr><th className="p-2">编号</th><th className="p-2">户主</th><th className="p-2">村</th><th className="p-2">评分</th><th className="p-2">等级</th><th className="p-2">状态</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t">
              <td className="p-2"><Link href={`/credit/ratings/${r.id}`} className="text-blue-700 underline">{r.number}</Link></td>
              <td className="p-2">{r.headName}</td>
              <td className="p-2">{r.village}</td>
              <td className="p-2 tabular-nums">{r.score}</td>
              <td className="p-2">{r.grade}</td>
              <td className="p-2"><StatusBadge status={r.status} label={RATING_STATUS_LABELS[r.status]} /></td>
            </tr>
          ))}
          {rows.length === 0 ? <tr><td colSpan={6} className="p-4 text-center text-slate-500">{empty}</td></tr> : null}
        </tbody>
      </table>
    </div>
  );
}

export default async function CreditPage({ searchParams }: { searchParams: Promise<{ opened?: string }> }) {
  const { opened } = await searchParams;
  const actor = await requireActor();
  await settleDueRatingPublicity(actor.countyId);
  const data = await creditWorkbench(actor, {});
  // The actor's own township (and village) as credit areas, from the current grades.
  const areas = actor.townshipId ? (await creditOverview(actor, {})).townships[0] : undefined;
  const ownVillage = areas?.villages.find((v) => v.id === actor.villageId);
  const pct = (ratio: string) => `${(Number.parseFloat(ratio) * 100).toFixed(2)}%`;
  return (
    <div className="space-y-5">
      {opened ? <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-800">已开始公示。</p> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">信用评级</h1>
        <nav className="flex flex-wrap gap-3 text-sm">
          <Link href="/credit/overview" className="text-blue-700 underline">信用村、信用乡镇</Link>
          {actor.role !== "village_cadre" ? <Link href="/credit/blacklist" className="text-blue-700 underline">失信黑名单</Link> : null}
          <Link href="/credit/sheets" className="text-blue-700 underline">评级指标表</Link>
        </nav>
      </div>
      <p className="text-sm text-slate-600">
        {data.sheetVersion ? `现行评级指标表：第 ${data.sheetVersion.version} 版（${data.sheetVersion.effectiveFrom} 起施行）。` : "本县尚未设置评级指标表。"}
        评级由村级采集、乡镇审核，经公示无异议后生效；各合作银行互认本县评定的信用等级。
      </p>

      {areas ? (
        <p className="rounded-lg bg-white p-4 text-sm shadow-sm" data-testid="own-credit-area">
          {ownVillage ? `${ownVillage.name}：${ownVillage.isCredit ? "信用村" : "尚未达到信用村标准"}（信用户 ${ownVillage.credited}/${ownVillage.members}，${pct(ownVillage.ratio)}${ownVillage.since ? `，${ownVillage.since} 起` : ""}）；` : ""}
          {areas.name}：{areas.isCredit ? "信用乡镇" : "尚未达到信用乡镇标准"}（信用村 {areas.credited}/{areas.members}，{pct(areas.ratio)}{areas.since ? `，${areas.since} 起` : ""}）。
        </p>
      ) : null}

      {data.role === "village_cadre" ? (
        <section className="space-y-2">
          <h2 className="font-semibold">本村农户</h2>
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="w-full whitespace-nowrap text-left text-sm" data-testid="credit-households">
              <thead className="bg-slate-100 text-slate-600">
                <tr><th className="p-2">户主</th><th className="p-2">信用等级</th><th className="p-2">评定日期</th><th className="p-2">评级进度</th><th className="p-2">操作</th></tr>
              </thead>
              <tbody>
                {data.households.map((h) => (
                  <tr key={h.id} className="border-t">
                    <td className="p-2">{h.headName}</td>
                    <td className="p-2">{h.grade ?? "未评级"}</td>
                    <td className="p-2">{h.gradedOn ?? "—"}</td>
                    <td className="p-2">{h.openRating ? <StatusBadge status={h.openRating.status} label={RATING_STATUS_LABELS[h.openRating.status]} /> : "—"}</td>
                    <td className="p-2">
                      <Link href={`/credit/households/${h.id}`} className="text-blue-700 underline" aria-label={`评级 ${h.headName}`}>
                        {!h.openRating ? "评级" : h.openRating.status === "draft" || h.openRating.status === "returned" ? "继续评级" : "查看"}
                      </Link>
                    </td>
                  </tr>
                ))}
                {data.households.length === 0 ? <tr><td colSpan={5} className="p-4 text-center text-slate-500">本村暂无农户。</td></tr> : null}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {data.canReview ? (
        <section className="space-y-2">
          <h2 className="font-semibold">待乡镇审核的评级</h2>
          <RatingTable rows={data.toReview} empty="没有待审核的评级。" testId="ratings-to-review" />
        </section>
      ) : null}

      {data.canOpenPublicity ? (
        <section className="space-y-2">
          <h2 className="font-semibold">待公示的评级</h2>
          {data.readyForPublicity.length === 0 ? <p className="rounded bg-white p-4 text-sm text-slate-500 shadow-sm">没有待公示的评级（须经乡镇审核通过）。</p> : null}
          {data.readyForPublicity.map((v) => (
            <div key={v.villageId} className="rounded-lg bg-white p-4 shadow-sm">
              <SimpleActionForm action={openRatingPublicityAction} hidden={{ villageId: v.villageId }} label={`开始公示（${v.village}）`}
                note={`${v.village}有 ${v.count} 户的评级已经乡镇审核，可以公示。`} success="已开始公示。" />
            </div>
          ))}
        </section>
      ) : null}

      {data.role === "village_cadre" ? <RatingImportUpload action={importRatingsAction} templateHref="/api/credit/template" /> : null}

      <section className="space-y-2">
        <h2 className="font-semibold">公示中的评级</h2>
        <RatingTable rows={data.inPublicity} empty="没有公示中的评级。" testId="ratings-in-publicity" />
      </section>

      {data.returned.length > 0 ? (
        <section className="space-y-2">
          <h2 className="font-semibold">已退回、待重新评定</h2>
          <RatingTable rows={data.returned} empty="" testId="ratings-returned" />
        </section>
      ) : null}

      <section className="space-y-2">
        <h2 className="font-semibold">评级公示</h2>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full whitespace-nowrap text-left text-sm">
            <thead className="bg-slate-100 text-slate-600"><tr><th className="p-2">编号</th><th className="p-2">村</th><th className="p-2">公示期</th><th className="p-2">户数</th><th className="p-2">状态</th><th className="p-2">公示表</th></tr></thead>
            <tbody>
              {data.rounds.map((r) => (
                <tr key={r.id} className="border-t">
                  <td className="p-2">{r.number}</td>
                  <td className="p-2">{r.village}</td>
                  <td className="p-2">{r.openedOn} 至 {r.endsOn}</td>
                  <td className="p-2">{r.ratings}</td>
                  <td className="p-2">{r.status === "open" ? "公示中" : "已结束"}</td>
                  <td className="p-2"><Link href={`/credit/publicity/${r.id}/notice`} className="text-blue-700 underline">打印公示表</Link></td>
                </tr>
              ))}
              {data.rounds.length === 0 ? <tr><td colSpan={6} className="p-4 text-center text-slate-500">暂无评级公示。</td></tr> : null}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
