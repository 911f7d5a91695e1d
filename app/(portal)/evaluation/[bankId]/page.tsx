import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BankEvaluationForm } from "@/components/bank-evaluation-form";
import { SelfAssessmentUpload } from "@/components/self-assessment-upload";
import { SimpleActionForm } from "@/components/simple-action-form";
import { requireActor } from "@/lib/server/auth/current-actor";
import { shanghaiToday } from "@/lib/server/clock";
import { evaluationOverview } from "@/lib/server/evaluation/evaluation-overview";
import { approveEvaluationAction, saveEvaluationAction, uploadSelfAssessmentAction } from "../actions";

export const metadata: Metadata = { title: "银行考评" };

export default async function BankEvaluationPage({ params, searchParams }: {
  params: Promise<{ bankId: string }>;
  searchParams: Promise<{ year?: string; county?: string }>;
}) {
  const actor = await requireActor();
  const { bankId } = await params;
  const sp = await searchParams;
  const year = /^\d{4}$/.test(sp.year ?? "") ? Number(sp.year) : Number.parseInt(shanghaiToday().slice(0, 4), 10) - 1;
  const v = await evaluationOverview(actor, { year, bankId, countyId: sp.county });
  if (!v.selected) notFound();
  const e = v.selected.evaluation;
  const locked = e?.status === "approved";
  const canEdit = actor.role === "county_officer" && !locked;
  const canApprove = actor.role === "county_officer" && e !== null && !locked && e.createdById !== actor.userId;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-lg font-semibold">{v.selected.bankName} · {year} 年度考评</h1>
        <Link href={`/evaluation?year=${year}`} className="text-blue-700 underline">返回考评对比</Link>
      </div>
      {e ? (
        <p className="text-sm text-slate-600" data-testid="evaluation-status">
          状态：{locked ? "已审定（已锁定，不能再修改）" : "待审定"}；录入人：{e.createdBy}
          {locked ? `；审定人：${e.approvedBy}，审定时间：${e.approvedAt?.slice(0, 10)}` : ""}
        </p>
      ) : (
        <p className="text-sm text-slate-600">该银行本年度尚未录入考评。</p>
      )}
      <BankEvaluationForm
        key={`${e?.id ?? "new"}-${e?.version ?? 0}`}
        action={saveEvaluationAction}
        bankId={v.selected.bankId}
        year={year}
        readOnly={!canEdit}
        rules={v.rules}
        initial={{
          items: e?.items ?? {},
          structural: e?.structural ?? ["", "", ""],
          item29Reason: e?.item29Reason ?? "",
          version: e?.version ?? null,
        }}
      />
      {e ? (
        <section className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
          <h2 className="font-semibold">银行自评材料</h2>
          {e.selfAssessmentName ? (
            <p className="text-sm"><a className="text-blue-700 underline" href={`/api/evaluations/${e.id}/self-assessment`} target="_blank" rel="noreferrer">{e.selfAssessmentName}</a></p>
          ) : <p className="text-sm text-slate-500">尚未上传。</p>}
          {canEdit ? <SelfAssessmentUpload action={uploadSelfAssessmentAction} evaluationId={e.id} /> : null}
        </section>
      ) : null}
      {e && !locked && actor.role === "county_officer" ? (
        <section className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
          <h2 className="font-semibold">审定</h2>
          {canApprove ? (
            <SimpleActionForm action={approveEvaluationAction} hidden={{ id: e.id, version: String(e.version) }} label="审定考评"
              success="已审定，考评已锁定。" note="审定后考评结果锁定，不能再修改。录入或修改过该考评的人员不能审定。" />
          ) : <p className="text-sm text-slate-500">须由录入人以外的另一名县级经办人审定。</p>}
        </section>
      ) : null}
    </div>
  );
}
