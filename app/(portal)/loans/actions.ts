"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { markReminderDelivered } from "@/lib/server/loans/mark-reminder-delivered";
import { recordUsageSurvey } from "@/lib/server/loans/record-usage-survey";
import { reportAnomaly } from "@/lib/server/loans/report-anomaly";
import { decideLoanChange } from "@/lib/server/loans/decide-loan-change";
import { requestLoanChange } from "@/lib/server/loans/request-loan-change";
import { applyClaim } from "@/lib/server/risk/apply-claim";
import { decideClaim } from "@/lib/server/risk/decide-claim";
import { reviewClaim } from "@/lib/server/risk/review-claim";
import { recordSiteVisit } from "@/lib/server/loans/record-site-visit";
import { requestTranche } from "@/lib/server/loans/request-tranche";
import { updateTranche } from "@/lib/server/loans/update-tranche";
import { importRepayments } from "@/lib/server/loans/import-repayments";
import { recordRepayment } from "@/lib/server/loans/record-repayment";
import { recordRecovery } from "@/lib/server/risk/record-recovery";
import { returnRecoveryToFund } from "@/lib/server/risk/return-recovery-to-fund";
import { updateLossShare } from "@/lib/server/risk/update-loss-share";

function done(notice: string): FormState {
  revalidatePath("/loans", "layout");
  revalidatePath("/risk", "layout");
  return { result: { ok: true, data: { notice } }, values: {} };
}

export async function recordRepaymentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(recordRepayment, values);
  if (!result.ok) return { result, values };
  if (result.data.unchanged) return done("该银行流水号的还款已登记过，本次未重复入账。");
  return done(`已登记还款，剩余本金 ${result.data.outstandingPrincipal} 元。`);
}

export async function importRepaymentsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const file = form.get("file");
  const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  const result = await runAction(importRepayments, { file: bytes });
  if (!result.ok) return { result, values: {} };
  const s = result.data;
  const parts = [`新登记 ${s.applied} 笔`];
  if (s.repaid > 0) parts.push(`其中结清贷款 ${s.repaid} 笔`);
  if (s.unchanged > 0) parts.push(`已登记过、未重复入账 ${s.unchanged} 笔`);
  if (s.skipped > 0) parts.push(`未填写、跳过 ${s.skipped} 行`);
  return done(`导入完成：${parts.join("；")}。`);
}

export async function lossShareAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(updateLossShare, values);
  if (!result.ok) return { result, values };
  if (values.action === "confirm") return done("已确认。");
  return done(result.data.caseSettled ? "已登记付款；各方均已付清，贷款已账销案存。" : "已登记付款。");
}

export async function recordRecoveryAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(recordRecovery, values);
  if (!result.ok) return { result, values };
  return done(`已登记追偿回款，扣除费用后净额 ${result.data.net} 元已按比例分配${result.data.fundDueBy ? `；风险补偿金部分须于 ${result.data.fundDueBy} 前返还` : ""}。`);
}

export async function returnRecoveryAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(returnRecoveryToFund, values);
  if (!result.ok) return { result, values };
  return done(result.data.late ? "已登记返还风险补偿金（已超过返还时限）。" : "已登记返还风险补偿金。");
}

export async function markReminderDeliveredAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(markReminderDelivered, values);
  if (!result.ok) return { result, values };
  return done("已登记送达。");
}

export async function recordUsageSurveyAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(recordUsageSurvey, values);
  if (!result.ok) return { result, values };
  return done("已登记用途检查。");
}

export async function reportAnomalyAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(reportAnomaly, values);
  if (!result.ok) return { result, values };
  return done("已报告异常，县中心、乡镇、村和贷款银行均可在“异常报告”中看到。");
}

export async function requestLoanChangeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(requestLoanChange, values);
  if (!result.ok) return { result, values };
  const label = values.kind === "renewal" ? "续贷" : values.kind === "instalmentPlan" ? "分期还款计划" : "展期";
  return done(`已提交${label}申请，待县中心审批。`);
}

export async function decideLoanChangeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(decideLoanChange, values);
  if (!result.ok) return { result, values };
  return done(values.decision === "approve" ? "已同意。" : "已不予同意。");
}

export async function applyClaimAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(applyClaim, values);
  if (!result.ok) return { result, values };
  return done("已提交代偿申请，待乡镇审核。");
}

export async function reviewClaimAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(reviewClaim, values);
  if (!result.ok) return { result, values };
  return done("已审核，待县级审批。");
}

export async function decideClaimAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(decideClaim, values);
  if (!result.ok) return { result, values };
  return done(values.decision === "approve" ? "已批准代偿，损失分担案件已生成。" : "已驳回代偿申请。");
}

export async function requestTrancheAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(requestTranche, values);
  if (!result.ok) return { result, values };
  return done(`已提交第 ${result.data.seq} 笔支用申请，待县中心审批。`);
}

export async function updateTrancheAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(updateTranche, values);
  if (!result.ok) return { result, values };
  const notices: Record<string, string> = { approved: "已同意支用。", rejected: "已不予同意。", paid: "已登记受托支付。", halted: "已停止后续支用。" };
  return done(notices[result.data.status] ?? "已办理。");
}

export async function recordSiteVisitAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(recordSiteVisit, values);
  if (!result.ok) return { result, values };
  return done("已登记实地核查。");
}
