import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApplicationTimeline } from "@/components/application-timeline";
import { AttachmentUpload } from "@/components/attachment-upload";
import { BankDecisionForm } from "@/components/bank-decision-form";
import { DisbursementForm } from "@/components/disbursement-form";
import { ObjectionForm } from "@/components/objection-form";
import { ReasonedActionForm } from "@/components/reasoned-action-form";
import { SimpleActionForm } from "@/components/simple-action-form";
import { StatusBadge } from "@/components/status-badge";
import { UseOfFundsPlanForm } from "@/components/use-of-funds-plan-form";
import { LOAN_PURPOSE_LABELS } from "@/lib/domain/eligibility";
import { APPLICATION_EVENT_LABELS, APPLICATION_STATE_LABELS } from "@/lib/domain/workflow";
import { HOUSEHOLD_STATUS_LABELS } from "@/lib/labels";
import { ATTACHMENT_KIND_LABELS } from "@/lib/server/applications/attachment-rules";
import { getApplication } from "@/lib/server/applications/get-application";
import { settleDuePublicity } from "@/lib/server/applications/settle-publicity";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import {
  bankDecisionAction, countyDecisionAction, disbursementAction, recordObjectionAction, resolveObjectionDecisionAction,
  reviewAction, submitAction, uploadAttachmentAction,
} from "../actions";
import { submitEnterpriseAction, useOfFundsPlanAction } from "../enterprise-actions";

/** An enterprise application's plan may be filed until the county decides. */
const PLAN_OPEN = ["draft", "returned", "submitted", "townshipReviewed", "inPublicity", "objection", "publicityPassed"];
const ENTERPRISE_ATTACHMENTS = ["fourPartyAgreement", "useOfFundsPlan", "other"] as const;

export const metadata: Metadata = { title: "贷款申请" };

export default async function ApplicationPage({ params, searchParams }: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const [{ id }, { saved }] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  await settleDuePublicity(actor.countyId);
  const a = await getApplication(actor, { id }).catch((error) => {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  });
  const can = (event: string) => a.actions.includes(event as (typeof a.actions)[number]);
  const label = (e: string) => APPLICATION_EVENT_LABELS[e as keyof typeof APPLICATION_EVENT_LABELS] ?? e;
  const isEnterprise = a.kind === "enterprise";
  const rows: [string, string][] = isEnterprise
    ? [
        ["申请人", a.enterprise ? `${a.enterprise.name}（${a.enterprise.creditCode}）` : "—"],
        ["主体类型", a.enterprise ? `${a.enterprise.kindLabel} · ${a.enterprise.agricultural ? "农业产业" : "非农产业"}` : "—"],
        ["法定代表人", a.enterprise?.legalRepresentative ?? "—"],
        ["开始经营日期", a.enterprise?.operatingSince ?? "—"],
        ["所在乡镇", a.township],
        ["申请金额", `${a.amount} 元${a.largeLoan ? "（大额贷款）" : ""}`],
        ["期限", `${a.termMonths} 个月`],
        ["申请年利率", a.requestedRate ?? "—"],
        ["用途", LOAN_PURPOSE_LABELS[a.purpose as keyof typeof LOAN_PURPOSE_LABELS] ?? a.purpose],
        ["项目说明", a.projectDescription],
        ["还款来源", a.repaymentSource],
      ]
    : [
        ["申请人", a.household ? `${a.household.headName}（${a.household.idNumber}）` : "—"],
        ["户类型 / 信用等级", a.household ? `${HOUSEHOLD_STATUS_LABELS[a.household.status]} / ${a.household.creditGrade ?? "未评级"}` : "—"],
        ["地区", `${a.township} ${a.village}`],
        ["申请金额", `${a.amount} 元`],
        ["期限", `${a.termMonths} 个月`],
        ["用途", LOAN_PURPOSE_LABELS[a.purpose as keyof typeof LOAN_PURPOSE_LABELS] ?? a.purpose],
        ["项目说明", a.projectDescription],
        ["还款来源", a.repaymentSource],
        ["合作带贫主体", a.cooperationPartner ?? "—"],
      ];
  if (a.publicity) rows.push(["公示", `${a.publicity.number}：${a.publicity.openedOn} 起，至 ${a.publicity.endsOn} 止`]);
  if (a.batch) rows.push(["批转", `${a.batch.number} · ${a.batch.bank} · 办结时限 ${a.batch.deadline}`]);
  const preparing = a.status === "draft" || a.status === "returned";
  const enterpriseStaff = actor.role === "township_officer" || actor.role === "county_officer";
  const editable = preparing && (isEnterprise ? enterpriseStaff : actor.role === "village_cadre");
  const canFilePlan = isEnterprise && enterpriseStaff && PLAN_OPEN.includes(a.status);
  const attachmentKinds = Object.entries(ATTACHMENT_KIND_LABELS)
    .filter(([value]) => !isEnterprise || (ENTERPRISE_ATTACHMENTS as readonly string[]).includes(value))
    .map(([value, l]) => ({ value, label: l }));
  const openObjections = a.objections.filter((o) => o.status === "open");

  return (
    <div className="space-y-5">
      {saved ? <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-800">已保存。</p> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">贷款申请 {a.number}</h1>
        <StatusBadge status={a.status} label={APPLICATION_STATE_LABELS[a.status]} />
      </div>
      {a.lastReason && (a.status === "returned" || a.status.endsWith("Rejected") || a.status === "objectionUpheld") ? (
        <p role="note" className="rounded bg-amber-50 p-3 text-sm text-amber-900">理由：{a.lastReason}</p>
      ) : null}

      <div className="grid gap-5 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-5">
          <dl className="grid grid-cols-[7rem_1fr] gap-y-2 rounded-lg bg-white p-5 text-sm shadow-sm">
            {rows.map(([k, v]) => [<dt key={`${k}t`} className="text-slate-500">{k}</dt>, <dd key={`${k}d`}>{v}</dd>])}
          </dl>

          <section className="rounded-lg bg-white p-5 shadow-sm">
            <h2 className="font-semibold">申请材料</h2>
            <ul className="mt-2 space-y-1 text-sm">
              {a.attachments.map((f) => (
                <li key={f.id}>
                  {ATTACHMENT_KIND_LABELS[f.kind]}：<a className="text-blue-700 underline" href={`/api/attachments/${f.id}`}>{f.fileName}</a>
                  <span className="text-slate-500">（{Math.ceil(f.size / 1024)} KB）</span>
                </li>
              ))}
              {a.attachments.length === 0 ? <li className="text-slate-500">尚未上传材料。</li> : null}
            </ul>
            {editable ? (
              <div className="mt-3">
                <AttachmentUpload action={uploadAttachmentAction} applicationId={a.id} kinds={attachmentKinds} />
              </div>
            ) : null}
          </section>

          {isEnterprise ? (
            <>
              <section className="rounded-lg bg-white p-5 shadow-sm">
                <h2 className="font-semibold">带动的帮扶农户（{a.drivenHouseholds.length} 户）</h2>
                <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2" data-testid="driven-households">
                  {a.drivenHouseholds.map((h) => (
                    <li key={h.id}>
                      {h.headName}<span className="text-slate-500">（{h.village} · {HOUSEHOLD_STATUS_LABELS[h.status]} · {h.idNumber}）</span>
                    </li>
                  ))}
                  {a.drivenHouseholds.length === 0 ? <li className="text-slate-500">尚未关联带动农户。</li> : null}
                </ul>
              </section>
              <section className="rounded-lg bg-white p-5 shadow-sm">
                <h2 className="font-semibold">四方协议</h2>
                {a.agreement ? (
                  <p className="mt-2 text-sm">{a.agreement.signedOn} 签订；签约各方：{a.agreement.parties}</p>
                ) : <p className="mt-2 text-sm text-slate-500">尚未填写四方协议。</p>}
              </section>
              <section className="rounded-lg bg-white p-5 shadow-sm">
                <h2 className="font-semibold">资金使用计划{a.largeLoan ? "（大额贷款，县中心审批前必须提交）" : ""}</h2>
                {a.useOfFundsPlan ? (
                  <dl className="mt-2 grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
                    <dt className="text-slate-500">进度安排</dt><dd>{a.useOfFundsPlan.schedule}</dd>
                    <dt className="text-slate-500">关键节点</dt><dd>{a.useOfFundsPlan.milestones}</dd>
                    <dt className="text-slate-500">资金用途分类</dt><dd>{a.useOfFundsPlan.categories}</dd>
                  </dl>
                ) : <p className="mt-2 text-sm text-slate-500">{a.largeLoan ? "尚未提交资金使用计划，县中心不能审批。" : "非大额贷款，可不提交。"}</p>}
                {canFilePlan && !preparing && (a.largeLoan || a.useOfFundsPlan) ? (
                  <div className="mt-3">
                    <UseOfFundsPlanForm action={useOfFundsPlanAction} applicationId={a.id} initial={a.useOfFundsPlan} />
                  </div>
                ) : null}
              </section>
            </>
          ) : null}

          {a.objections.length > 0 ? (
            <section className="rounded-lg bg-white p-5 shadow-sm">
              <h2 className="font-semibold">公示异议</h2>
              <ul className="mt-2 space-y-3 text-sm">
                {a.objections.map((o) => (
                  <li key={o.id} className="border-t pt-2">
                    <p>{o.receivedOn} · {o.objector}：{o.content}</p>
                    <p className="text-slate-500">{o.status === "open" ? "待处理" : `${o.status === "upheld" ? "异议成立" : "异议不成立"}：${o.resolution}`}</p>
                    {o.status === "open" && (actor.role === "township_officer" || actor.role === "county_officer") ? (
                      <div className="mt-2">
                        <ReasonedActionForm action={resolveObjectionDecisionAction} hidden={{ objectionId: o.id, applicationId: a.id }}
                          title="处理异议" reasonLabel="处理理由" success="已处理。"
                          choices={[{ value: "dismissed", label: "异议不成立" }, { value: "upheld", label: "异议成立，不予推荐", tone: "danger" }]} />
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          {a.loan ? (
            <section className="rounded-lg bg-white p-5 shadow-sm">
              <h2 className="font-semibold">贷款与还款计划</h2>
              <p className="mt-1 text-sm">合同 {a.loan.contractNumber} · 本金 {a.loan.principal} 元 · 年利率 {a.loan.rate} · {a.loan.disbursedOn} 至 {a.loan.maturityDate}</p>
              <div className="mt-2 overflow-x-auto">
                <table className="w-full whitespace-nowrap text-left text-sm" data-testid="schedule">
                  <thead className="text-slate-500"><tr><th className="p-1">期次</th><th className="p-1">到期日</th><th className="p-1 text-right">应还本金（元）</th><th className="p-1 text-right">应付利息（元）</th></tr></thead>
                  <tbody>
                    {a.loan.schedule.map((s) => (
                      <tr key={s.seq} className="border-t"><td className="p-1">{s.seq}</td><td className="p-1">{s.dueDate}</td><td className="p-1 text-right font-mono">{s.principalDue}</td><td className="p-1 text-right font-mono">{s.interestDue}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}
        </div>

        <aside className="space-y-4">
          {editable ? (
            <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <Link href={`/applications/${a.id}/${isEnterprise ? "edit-enterprise" : "edit"}`} className="inline-block rounded border border-slate-300 px-4 py-2 text-sm">修改申请</Link>
              {isEnterprise ? (
                <SimpleActionForm action={submitEnterpriseAction} hidden={{ id: a.id }} label={label("submit")} success="已提交乡镇审核。"
                  note="提交前系统将核验带贫主体贷款条件、带动农户、四方协议及其扫描件。" />
              ) : (
                <SimpleActionForm action={submitAction} hidden={{ id: a.id }} label={label("submit")} success="已提交乡镇审核。"
                  note="提交前系统将核验贷款条件和已上传的申请书。" />
              )}
            </div>
          ) : null}
          {can("townshipApprove") ? (
            <ReasonedActionForm action={reviewAction} hidden={{ id: a.id }} title="乡镇审核" success="已处理。"
              choices={[{ value: "approve", label: "审核通过" }, { value: "return", label: "退回修改", tone: "plain" }]} />
          ) : null}
          {(a.status === "inPublicity" || a.status === "objection") && can("raiseObjection") ? (
            <ObjectionForm action={recordObjectionAction} applicationId={a.id} />
          ) : null}
          {a.status === "inPublicity" ? (
            <p className="rounded bg-blue-50 p-3 text-sm text-blue-900">公示期至 {a.publicity?.endsOn} 结束；期满无异议的申请自动通过公示。</p>
          ) : null}
          {can("countyApprove") ? (
            <ReasonedActionForm action={countyDecisionAction} hidden={{ id: a.id }} title="县中心审批" success="已处理。"
              choices={[
                { value: "approve", label: "审核通过并批转" },
                { value: "return", label: "退回", tone: "plain" },
                { value: "reject", label: "不予批转", tone: "danger" },
              ]} />
          ) : null}
          {a.status === "batched" && can("bankApprove") ? (
            <BankDecisionForm action={bankDecisionAction} applicationId={a.id} amount={a.amount} termMonths={a.termMonths} />
          ) : null}
          {a.status === "bankApproved" && can("disburse") ? (
            <DisbursementForm action={disbursementAction} applicationId={a.id} />
          ) : null}
          {openObjections.length > 0 ? <p className="text-sm text-amber-800">尚有 {openObjections.length} 条异议未处理。</p> : null}
          <section className="rounded-lg bg-white p-4 shadow-sm">
            <h2 className="mb-3 font-semibold">办理记录</h2>
            <ApplicationTimeline entries={a.events.map((e) => ({
              id: e.id, at: e.at, actorName: e.actorName, comment: e.comment,
              eventLabel: e.event === "saveDraft" ? "保存草稿" : e.event === "fileUseOfFundsPlan" ? "提交资金使用计划" : label(e.event),
              statusLabel: APPLICATION_STATE_LABELS[e.toStatus],
            }))} />
          </section>
        </aside>
      </div>
    </div>
  );
}
