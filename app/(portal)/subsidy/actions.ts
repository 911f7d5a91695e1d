"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { SubsidyStatementUploadState } from "@/components/subsidy-statement-upload";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { approveSubsidyRun } from "@/lib/server/subsidy/approve-subsidy-run";
import { certifySubsidyRun } from "@/lib/server/subsidy/certify-subsidy-run";
import { decideSubsidyFraud } from "@/lib/server/subsidy/decide-subsidy-fraud";
import { importBankStatement } from "@/lib/server/subsidy/import-bank-statement";
import { markSubsidyFraud } from "@/lib/server/subsidy/mark-subsidy-fraud";
import { recordSubsidyPayment } from "@/lib/server/subsidy/record-subsidy-payment";
import { resolveStatementLine } from "@/lib/server/subsidy/resolve-statement-line";
import { runSubsidyQuarter } from "@/lib/server/subsidy/run-subsidy-quarter";

/** Computes (or opens, when it exists) a quarter's claim for a bank, then shows it. */
export async function runQuarterAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(runSubsidyQuarter, values);
  if (!result.ok) return { result, values };
  revalidatePath("/subsidy");
  redirect(`/subsidy/${result.data.id}`);
}

async function onRun(useCase: Parameters<typeof runAction>[0], form: FormData, input?: Record<string, unknown>): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(useCase, input ?? values);
  if (result.ok) {
    revalidatePath("/subsidy");
    if (values.runId) revalidatePath(`/subsidy/${values.runId}`);
    revalidatePath("/subsidy/dashboard");
  }
  return { result, values: result.ok ? {} : values };
}

export async function resolveLineAction(_prev: FormState, form: FormData) {
  const v = formToObject(form);
  return onRun(resolveStatementLine, form, { id: v.id, resolution: v.reason });
}

export async function certifyAction(_prev: FormState, form: FormData) {
  return onRun(certifySubsidyRun, form, { id: formToObject(form).runId });
}

export async function approveAction(_prev: FormState, form: FormData) {
  return onRun(approveSubsidyRun, form, { id: formToObject(form).runId });
}

export async function payAction(_prev: FormState, form: FormData) {
  const v = formToObject(form);
  return onRun(recordSubsidyPayment, form, { id: v.runId, paidOn: v.paidOn, voucherNumber: v.voucherNumber });
}

export async function markFraudAction(_prev: FormState, form: FormData) {
  return onRun(markSubsidyFraud, form);
}

export async function decideFraudAction(_prev: FormState, form: FormData) {
  return onRun(decideSubsidyFraud, form);
}

/** The bank's statement workbook (fields `runId` and `file`), all rows or none. */
export async function importStatementAction(_prev: SubsidyStatementUploadState, form: FormData): Promise<SubsidyStatementUploadState> {
  const runId = String(form.get("runId") ?? "");
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    const message = "请选择银行贴息对账单文件（.xlsx）。";
    return { result: { ok: false, message, fieldErrors: { file: [message] } } };
  }
  const result = await runAction(importBankStatement, { runId, file: new Uint8Array(await file.arrayBuffer()) });
  if (result.ok) {
    revalidatePath("/subsidy");
    revalidatePath(`/subsidy/${runId}`);
  }
  return { result };
}
