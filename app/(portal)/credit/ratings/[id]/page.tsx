import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RatingObjectionForm } from "@/components/rating-objection-form";
import { ReasonedActionForm } from "@/components/reasoned-action-form";
import { StatusBadge } from "@/components/status-badge";
import { requireActor } from "@/lib/server/auth/current-actor";
import { getRating } from "@/lib/server/credit/get-rating";
import { RATING_STATUS_LABELS } from "@/lib/server/credit/rating-records";
import { settleDueRatingPublicity } from "@/lib/server/credit/settle-rating-publicity";
import { AppError } from "@/lib/server/errors";
import { recordRatingObjectionAction, resolveRatingObjectionAction, reviewRatingAction } from "../../actions";

export const metadata: Metadata = { title: "信用评级" };

const ACTION_LABELS: Record<string, string> = {
  "credit.saveRating": "保存草稿",
  "credit.submitRating": "村级采集并提交",
  "credit.rateAnswers": "重新填写指标",
  "credit.approveRating": "乡镇审核通过",
  "credit.returnRating": "乡镇退回",
  "credit.startRatingPublicity": "开始公示",
  "credit.raiseRatingObjection": "登记公示异议",
  "credit.upholdRatingObjection": "异议成立，退回重新评定",
  "credit.resumeRatingPublicity": "异议不成立，恢复公示",
  "credit.finaliseRating": "公示期满，评级生效",
  "credit.supersedeRating": "被新评级取代",
};

const OBJECTION_LABELS = { open: "待处理", upheld: "成立", dismissed: "不成立" } as const;

export default async function RatingPage({ params, searchParams }: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const [{ id }, { saved }] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  await settleDueRatingPublicity(actor.countyId);
  const r = await getRating(actor, { id }).catch((error) => {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  });
  const openObjections = r.objections.filter((o) => o.status === "open");
  return (
    <div className="space-y-5">
      {saved ? <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-800">{saved === "submitted" ? "已提交乡镇审核。" : "已保存草稿。"}</p> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">信用评级 {r.number}</h1>
        <StatusBadge status={r.status} label={RATING_STATUS_LABELS[r.status]} />
      </div>
      {r.lastReason && r.status === "returned" ? <p role="note" className="rounded bg-amber-50 p-3 text-sm text-amber-900">退回理由：{r.lastReason}</p> : null}
      <div className="grid gap-5 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-5">
          <dl className="grid grid-cols-[6rem_1fr] gap-y-2 rounded-lg bg-white p-5 text-sm shadow-sm">
            <dt className="text-slate-500">农户</dt>
            <dd><Link href={`/credit/households/${r.household.id}`} className="text-blue-700 underline">{r.household.headName}</Link>（{r.household.idNumber}）</dd>
            <dt className="text-slate-500">地区</dt><dd>{r.household.village}</dd>
            <dt className="text-slate-500">评分</dt><dd data-testid="rating-result">{r.score} 分，{r.grade} 级</dd>
            <dt className="text-slate-500">评定日期</dt><dd>{r.ratedOn}（评级指标表第 {r.sheetVersion} 版）</dd>
            {r.round ? (<><dt className="text-slate-500">公示</dt><dd>{r.round.number}：{r.round.openedOn} 起，至 {r.round.endsOn} 止</dd></>) : null}
          </dl>
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-600"><tr><th className="p-2">类别</th><th className="p-2">指标</th><th className="p-2">情况</th><th className="p-2">得分</th></tr></thead>
              <tbody>
                {r.items.map((i) => (
                  <tr key={i.key} className="border-t">
                    <td className="p-2 whitespace-nowrap text-slate-500">{i.group}</td>
                    <td className="p-2">{i.label}</td>
                    <td className="p-2">{i.answerText}</td>
                    <td className="p-2 whitespace-nowrap tabular-nums">{i.points} / {i.maxPoints}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <section className="rounded-lg bg-white p-5 shadow-sm">
            <h2 className="font-semibold">公示异议</h2>
            <ul className="mt-2 space-y-2 text-sm">
              {r.objections.map((o) => (
                <li key={o.id}>
                  {o.receivedOn} {o.objector}：{o.content}（{OBJECTION_LABELS[o.status]}{o.resolution ? `：${o.resolution}` : ""}）
                </li>
              ))}
              {r.objections.length === 0 ? <li className="text-slate-500">无。</li> : null}
            </ul>
          </section>
          <section className="rounded-lg bg-white p-5 shadow-sm">
            <h2 className="font-semibold">办理记录</h2>
            <ol className="mt-2 space-y-1 text-sm" data-testid="rating-history">
              {r.history.map((e, i) => (
                <li key={i}>
                  <span className="text-slate-500">{e.at.slice(0, 16).replace("T", " ")}</span> {e.actor}：{ACTION_LABELS[e.action] ?? e.action}
                  {e.comment ? `（${e.comment}）` : ""}
                </li>
              ))}
            </ol>
          </section>
        </div>
        <aside className="space-y-4">
          {r.can.edit ? (
            <Link href={`/credit/households/${r.household.id}`} className="block rounded bg-blue-700 px-4 py-2 text-center text-sm text-white">重新评定</Link>
          ) : null}
          {r.can.review ? (
            <ReasonedActionForm action={reviewRatingAction} hidden={{ id: r.id }} title="乡镇审核" reasonLabel="审核意见（退回须填写理由）"
              choices={[{ value: "approve", label: "审核通过" }, { value: "return", label: "退回", tone: "plain" }]} />
          ) : null}
          {r.can.resolveObjection ? openObjections.map((o) => (
            <ReasonedActionForm key={o.id} action={resolveRatingObjectionAction} hidden={{ objectionId: o.id, ratingId: r.id }}
              title={`处理异议（${o.objector}）`} reasonLabel="处理理由"
              choices={[{ value: "upheld", label: "异议成立，重新评定", tone: "danger" }, { value: "dismissed", label: "异议不成立", tone: "plain" }]} />
          )) : null}
          {r.can.recordObjection ? <RatingObjectionForm action={recordRatingObjectionAction} ratingId={r.id} /> : null}
        </aside>
      </div>
      <Link href="/credit" className="text-sm text-blue-700 underline">返回信用评级</Link>
    </div>
  );
}
