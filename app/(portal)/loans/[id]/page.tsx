import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminForm } from "@/components/admin-form";
import { StatusBadge } from "@/components/status-badge";
import { LOAN_STATE_LABELS } from "@/lib/domain/loan-workflow";
import { formatAmount } from "@/lib/domain/money";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { getLoan } from "@/lib/server/loans/get-loan";
import { BUSINESS_STATUSES } from "@/lib/server/loans/record-usage-survey";
import { ANOMALY_KIND_LABELS } from "@/lib/server/loans/report-anomaly";
import { ReasonedActionForm } from "@/components/reasoned-action-form";
import { type RecordColumn, RecordTable } from "@/components/record-table";
import { LOAN_CHANGE_KIND_LABELS } from "@/lib/server/loans/request-loan-change";
import { applyClaimAction, decideClaimAction, recordSiteVisitAction, requestTrancheAction, reviewClaimAction, updateTrancheAction } from "../actions";
import { RecordActionForm } from "@/components/record-action-form";
import { decideLoanChangeAction, recordRepaymentAction, recordUsageSurveyAction, reportAnomalyAction, requestLoanChangeAction } from "../actions";

export const metadata: Metadata = { title: "贷款详情" };

const ITEM_STATUS = { due: "未到期", paid: "已还清", partial: "部分归还", overdue: "逾期" } as const;

const SCHEDULE_COLUMNS: RecordColumn[] = [
  { label: "期次" }, { label: "到期日" }, { label: "应还本金", align: "right" }, { label: "应还利息", align: "right" },
  { label: "已还本金", align: "right" }, { label: "已还利息", align: "right" }, { label: "状态" },
];
const REPAYMENT_COLUMNS: RecordColumn[] = [
  { label: "还款日期" }, { label: "银行流水号", mono: true }, { label: "本金", align: "right" }, { label: "利息", align: "right" }, { label: "罚息", align: "right" },
];

export default async function LoanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const loan = await getLoan(actor, { id }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <div className="space-y-5">
      <p className="text-sm"><Link href="/loans" className="text-blue-700 underline">← 返回贷款列表</Link></p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">贷款 {loan.contractNumber}</h1>
        <StatusBadge status={loan.status} label={LOAN_STATE_LABELS[loan.status]} />
      </div>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg bg-white p-4 text-sm shadow-sm sm:grid-cols-3">
        <div><dt className="text-slate-500">借款人</dt><dd>{loan.borrower}</dd></div>
        <div><dt className="text-slate-500">贷款银行</dt><dd>{loan.bank}</dd></div>
        <div><dt className="text-slate-500">贷款金额</dt><dd className="tabular-nums">{formatAmount(loan.principal)} 元</dd></div>
        <div><dt className="text-slate-500">剩余本金</dt><dd className="tabular-nums" data-testid="outstanding">{formatAmount(loan.outstanding)} 元</dd></div>
        <div><dt className="text-slate-500">放款日期 / 到期日</dt><dd>{loan.disbursedOn} 至 {loan.maturityDate}</dd></div>
        <div><dt className="text-slate-500">年利率 / 期限</dt><dd>{loan.rate} / {loan.termMonths} 个月</dd></div>
      </dl>
      {loan.buffer ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="buffer">
          自 {loan.buffer.overdueSince} 起逾期；缓冲期至 {loan.buffer.bufferEnds} 届满，届时未还部分将按比例分担损失（分担时限 {loan.buffer.splitDeadline}）。
        </p>
      ) : null}
      {loan.lossCase ? (
        <p className="text-sm">损失分担案件：<Link href={`/loans/loss-cases/${loan.lossCase.id}`} className="text-blue-700 underline">{loan.lossCase.number}</Link></p>
      ) : null}
      <section className="space-y-2">
        <h2 className="font-semibold">还款计划</h2>
        <RecordTable
          columns={SCHEDULE_COLUMNS}
          rows={loan.schedule.map((s) => ({
            id: String(s.seq),
            highlight: s.status === "overdue",
            cells: [s.seq, s.dueDate, formatAmount(s.principalDue), formatAmount(s.interestDue), formatAmount(s.principalPaid), formatAmount(s.interestPaid), ITEM_STATUS[s.status]],
          }))}
          empty="暂无还款计划。"
        />
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">还款记录</h2>
        <RecordTable
          columns={REPAYMENT_COLUMNS}
          rows={loan.repayments.map((r) => ({
            id: r.id,
            cells: [r.paidOn, r.reference, formatAmount(r.principal), formatAmount(r.interest), formatAmount(r.penalty)],
          }))}
          empty="暂无还款记录。"
        />
      </section>
      {loan.mayRecord ? (
        <section className="space-y-2">
          <h2 className="font-semibold">登记还款</h2>
          <AdminForm action={recordRepaymentAction} hidden={{ loanId: loan.id }} submitLabel="登记还款" testId="record-repayment"
            fields={[
              { name: "reference", label: "银行流水号" },
              { name: "paidOn", label: "还款日期", type: "date" },
              { name: "principal", label: "本金（元）", placeholder: "0.00" },
              { name: "interest", label: "利息（元）", placeholder: "0.00" },
              { name: "penalty", label: "罚息（元）", placeholder: "没有可不填" },
            ]} />
        </section>
      ) : null}
      {loan.largeLoan ? (
        <section className="space-y-2" data-testid="tranches">
          <h2 className="font-semibold">大额贷款分批支用与实地核查</h2>
          {loan.largeLoan.halted ? <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">贷款银行已停止后续支用。</p> : null}
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-600"><tr><th className="p-2">批次</th><th className="p-2 text-right">金额（元）</th><th className="p-2">用途 / 凭证</th><th className="p-2">收款人</th><th className="p-2">状态</th><th className="p-2">办理</th></tr></thead>
              <tbody>
                {loan.largeLoan.tranches.map((t) => (
                  <tr key={t.id} className="border-t align-top">
                    <td className="p-2">第 {t.seq} 笔</td>
                    <td className="p-2 text-right tabular-nums">{formatAmount(t.amount)}</td>
                    <td className="p-2">{t.purpose}<div className="text-xs text-slate-500">{t.evidence}</div></td>
                    <td className="p-2">{t.payee}</td>
                    <td className="p-2">{{ requested: "待审批", approved: "已同意，待支付", paid: `已受托支付 ${t.paidOn ?? ""}`, rejected: "不予同意", halted: "已停止" }[t.status]}</td>
                    <td className="p-2">
                      {t.status === "requested" && loan.largeLoan!.mayDecide ? (
                        <div className="flex gap-2">
                          <RecordActionForm action={updateTrancheAction} hidden={{ trancheId: t.id, action: "approve" }} label="同意" />
                          <RecordActionForm action={updateTrancheAction} hidden={{ trancheId: t.id, action: "reject" }} label="不同意" tone="plain" />
                        </div>
                      ) : null}
                      {t.status === "approved" && loan.largeLoan!.mayPay ? (
                        <RecordActionForm action={updateTrancheAction} hidden={{ trancheId: t.id, action: "pay" }} label="登记受托支付" fields={[{ name: "paidOn", label: "支付日期", type: "date" }]} />
                      ) : null}
                    </td>
                  </tr>
                ))}
                {loan.largeLoan.tranches.length === 0 ? <tr><td colSpan={6} className="p-4 text-center text-slate-500">尚无支用申请。</td></tr> : null}
              </tbody>
            </table>
          </div>
          {loan.largeLoan.mayRequest ? (
            <AdminForm action={requestTrancheAction} hidden={{ loanId: loan.id }} submitLabel="提交支用申请" testId="request-tranche"
              fields={[
                { name: "amount", label: "支用金额（元）" },
                { name: "payee", label: "收款人（受托支付对象）" },
                { name: "purpose", label: "用途（对应资金使用计划）", wide: true },
                { name: "evidence", label: "凭证说明（合同、发票编号等）", type: "textarea" },
              ]} />
          ) : null}
          {loan.largeLoan.mayHalt ? (
            <RecordActionForm action={updateTrancheAction} hidden={{ loanId: loan.id, action: "halt" }} label="发现挪用，停止后续支用" tone="plain"
              fields={[{ name: "reason", label: "原因" }]} />
          ) : null}
          <h3 className="font-medium">实地核查（每季度至少一次）</h3>
          <ul className="text-sm" data-testid="visit-quarters">
            {loan.largeLoan.quarters.map((q) => (
              <li key={q.quarter} className={q.overdue ? "text-red-700" : ""}>{q.quarter}：核查 {q.visits} 次{q.overdue ? "（未按期核查）" : ""}</li>
            ))}
          </ul>
          {loan.largeLoan.visits.map((v) => <p key={v.id} className="text-sm">{v.visitedOn}：{v.findings}</p>)}
          {loan.largeLoan.mayVisit ? (
            <RecordActionForm action={recordSiteVisitAction} hidden={{ loanId: loan.id }} label="登记实地核查"
              fields={[{ name: "visitedOn", label: "核查日期", type: "date" }, { name: "findings", label: "核查情况" }]} />
          ) : null}
        </section>
      ) : null}
      {loan.claim || loan.mayApplyClaim ? (
        <section className="space-y-2" data-testid="claim">
          <h2 className="font-semibold">风险补偿代偿申请</h2>
          {loan.claim ? (
            <p className="text-sm">
              {loan.claim.appliedAt} 银行申请代偿；{loan.claim.reviewedAt ? `${loan.claim.reviewedAt} 乡镇已审核，待县级审批。` : "待乡镇扶贫、财政部门审核。"}
            </p>
          ) : null}
          {loan.mayApplyClaim ? (
            <ReasonedActionForm action={applyClaimAction} hidden={{ loanId: loan.id }} title="申请风险补偿代偿" reasonLabel="申请理由（清收情况）"
              choices={[{ value: "apply", label: "提交代偿申请" }]} />
          ) : null}
          {loan.mayReviewClaim ? (
            <ReasonedActionForm action={reviewClaimAction} hidden={{ loanId: loan.id }} title="乡镇审核" reasonLabel="审核意见"
              choices={[{ value: "review", label: "审核通过并签字" }]} />
          ) : null}
          {loan.mayDecideClaim ? (
            <ReasonedActionForm action={decideClaimAction} hidden={{ loanId: loan.id }} title="县级审批" reasonLabel="审批意见（驳回时必填）"
              choices={[{ value: "approve", label: "批准代偿" }, { value: "reject", label: "驳回", tone: "danger" }]} />
          ) : null}
        </section>
      ) : null}
      {loan.changes.length > 0 || loan.mayRequestChange ? (
        <section className="space-y-2">
          <h2 className="font-semibold">展期、续贷与分期还款</h2>
          {loan.changes.map((ch) => (
            <div key={ch.id} className="space-y-2 rounded-lg bg-white p-4 text-sm shadow-sm" data-testid="loan-change">
              <p>
                {ch.requestedOn} 申请{LOAN_CHANGE_KIND_LABELS[ch.kind]}{ch.kind === "extension" ? `至 ${ch.newMaturity}` : ` ${ch.termMonths} 个月`}：{ch.reason}（
                {ch.status === "requested" ? "待县中心审批" : ch.status === "approved" ? `${ch.decidedOn} 已同意` : `${ch.decidedOn} 不予同意`}）
              </p>
              {ch.mayDecide ? (
                <ReasonedActionForm action={decideLoanChangeAction} hidden={{ changeId: ch.id }} title={`审批${LOAN_CHANGE_KIND_LABELS[ch.kind]}申请`} reasonLabel="审批意见（不同意时必填）"
                  choices={[{ value: "approve", label: `同意${LOAN_CHANGE_KIND_LABELS[ch.kind]}` }, { value: "reject", label: "不予同意", tone: "danger" }]} />
              ) : null}
            </div>
          ))}
          {loan.mayRequestChange ? (
            <AdminForm action={requestLoanChangeAction} hidden={{ loanId: loan.id }} submitLabel="提交申请" testId="request-change"
              fields={[
                { name: "kind", label: "申请类型", type: "select", options: [{ value: "extension", label: "展期" }, { value: "renewal", label: "续贷" }, { value: "instalmentPlan", label: "分期还款计划（等额分期）" }] },
                { name: "newMaturity", label: "展期后到期日（展期填写）", type: "date", hint: `原到期日 ${loan.maturityDate}；展期须在到期前申请` },
                { name: "termMonths", label: "新期限（月，续贷或分期填写）", hint: "须先结清已到期利息；剩余本金按新期限重新安排；经县中心（扶贫办）同意" },
                { name: "reason", label: "理由", type: "textarea" },
              ]} />
          ) : null}
        </section>
      ) : null}
      <section className="space-y-2">
        <h2 className="font-semibold">贷后用途检查</h2>
        {loan.nextSurveyDue ? (
          <p className={`text-sm ${loan.surveyOverdue ? "font-semibold text-red-700" : "text-slate-600"}`} data-testid="survey-due">
            下次检查应于 {loan.nextSurveyDue} 前完成{loan.surveyOverdue ? "（已逾期）" : ""}。
          </p>
        ) : null}
        {loan.surveys.length > 0 ? (
          <ul className="space-y-1 rounded-lg bg-white p-4 text-sm shadow-sm">
            {loan.surveys.map((v) => (
              <li key={v.id}>{v.surveyedOn}：{BUSINESS_STATUSES[v.businessStatus as keyof typeof BUSINESS_STATUSES] ?? v.businessStatus}；{v.fundsUse}{v.notes ? `（${v.notes}）` : ""}</li>
            ))}
          </ul>
        ) : <p className="text-sm text-slate-500">尚无检查记录。</p>}
        {loan.maySurvey ? (
          <AdminForm action={recordUsageSurveyAction} hidden={{ loanId: loan.id }} submitLabel="登记检查" testId="usage-survey"
            fields={[
              { name: "surveyedOn", label: "检查日期", type: "date" },
              { name: "businessStatus", label: "经营状况", type: "select", options: Object.entries(BUSINESS_STATUSES).map(([value, label]) => ({ value, label })) },
              { name: "fundsUse", label: "资金使用情况", wide: true },
              { name: "notes", label: "备注", wide: true },
            ]} />
        ) : null}
      </section>
      {loan.mayReport ? (
        <section className="space-y-2">
          <h2 className="font-semibold">报告异常</h2>
          <p className="text-sm text-slate-600">发现骗贷、改变用途、家庭变故或经营问题时报告；县中心、乡镇、村和贷款银行同时可见。</p>
          <AdminForm action={reportAnomalyAction} hidden={{ loanId: loan.id }} submitLabel="报告异常" tone="danger" testId="report-anomaly"
            fields={[
              { name: "kind", label: "异常类型", type: "select", options: Object.entries(ANOMALY_KIND_LABELS).map(([value, label]) => ({ value, label })) },
              { name: "description", label: "情况说明", type: "textarea" },
            ]} />
        </section>
      ) : null}
    </div>
  );
}
