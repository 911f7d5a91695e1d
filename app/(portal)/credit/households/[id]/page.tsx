import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RatingForm } from "@/components/rating-form";
import { StatusBadge } from "@/components/status-badge";
import { requireActor } from "@/lib/server/auth/current-actor";
import { getRatingForm } from "@/lib/server/credit/get-rating-form";
import { RATING_STATUS_LABELS } from "@/lib/server/credit/rating-records";
import { settleDueRatingPublicity } from "@/lib/server/credit/settle-rating-publicity";
import { AppError } from "@/lib/server/errors";
import { saveRatingAction } from "../../actions";

export const metadata: Metadata = { title: "农户信用评级" };

export default async function HouseholdRatingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  await settleDueRatingPublicity(actor.countyId);
  const data = await getRatingForm(actor, { householdId: id }).catch((error) => {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  });
  const h = data.household;
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">信用评级：{h.headName}</h1>
      <dl className="grid grid-cols-[6rem_1fr] gap-y-2 rounded-lg bg-white p-5 text-sm shadow-sm">
        <dt className="text-slate-500">身份证号</dt><dd>{h.idNumber}</dd>
        <dt className="text-slate-500">信用等级</dt><dd data-testid="current-grade">{h.grade ? `${h.grade} 级（${h.gradedOn} 评定）` : "未评级"}</dd>
        {h.blacklisted ? (<><dt className="text-slate-500">失信黑名单</dt><dd className="text-red-700">已列入，不予贷款和贴息</dd></>) : null}
      </dl>
      {data.openRating?.status === "returned" && data.openRating.lastReason ? (
        <p role="note" className="rounded bg-amber-50 p-3 text-sm text-amber-900">退回理由：{data.openRating.lastReason}（请重新评定后提交）</p>
      ) : null}
      {data.form ? (
        <RatingForm action={saveRatingAction} householdId={h.id} ratingId={data.form.ratingId} items={data.form.items}
          gradeBands={data.form.gradeBands} answers={data.form.answers} sheetVersion={data.form.sheetVersion} />
      ) : data.openRating ? (
        <p className="rounded bg-white p-4 text-sm shadow-sm">
          该户的评级{RATING_STATUS_LABELS[data.openRating.status]}，
          <Link href={`/credit/ratings/${data.openRating.id}`} className="text-blue-700 underline">查看评级</Link>。
        </p>
      ) : null}
      <section className="space-y-2">
        <h2 className="font-semibold">评级记录</h2>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full whitespace-nowrap text-left text-sm">
            <thead className="bg-slate-100 text-slate-600"><tr><th className="p-2">编号</th><th className="p-2">评定日期</th><th className="p-2">评分</th><th className="p-2">等级</th><th className="p-2">指标表</th><th className="p-2">状态</th></tr></thead>
            <tbody>
              {data.ratings.map((r) => (
                <tr key={r.id} className="border-t">
                  <td className="p-2"><Link href={`/credit/ratings/${r.id}`} className="text-blue-700 underline">{r.number}</Link></td>
                  <td className="p-2">{r.ratedOn}</td>
                  <td className="p-2 tabular-nums">{r.score}</td>
                  <td className="p-2">{r.grade}</td>
                  <td className="p-2">第 {r.sheetVersion} 版</td>
                  <td className="p-2"><StatusBadge status={r.status} label={RATING_STATUS_LABELS[r.status]} /></td>
                </tr>
              ))}
              {data.ratings.length === 0 ? <tr><td colSpan={6} className="p-4 text-center text-slate-500">暂无评级记录。</td></tr> : null}
            </tbody>
          </table>
        </div>
      </section>
      <div className="flex gap-4 text-sm">
        <Link href={`/households/${h.id}`} className="text-blue-700 underline">农户信息</Link>
        <Link href="/credit" className="text-blue-700 underline">返回信用评级</Link>
      </div>
    </div>
  );
}
