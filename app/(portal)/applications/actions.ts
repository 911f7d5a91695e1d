"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { decideApplication } from "@/lib/server/applications/approve-application";
import { recordBankDecision } from "@/lib/server/applications/record-bank-decision";
import { recordDisbursement } from "@/lib/server/applications/record-disbursement";
import { recordObjection } from "@/lib/server/applications/record-objection";
import { resolveObjection } from "@/lib/server/applications/resolve-objection";
import { reviewApplication } from "@/lib/server/applications/review-application";
import { saveApplicationDraft } from "@/lib/server/applications/save-application-draft";
import { submitApplication } from "@/lib/server/applications/submit-application";
import { uploadAttachment } from "@/lib/server/applications/upload-attachment";
import { settleDueRatingPublicity } from "@/lib/server/credit/settle-rating-publicity";

export async function saveDraftAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(saveApplicationDraft, values);
  if (!result.ok) return { result, values };
  revalidatePath("/applications");
  redirect(`/applications/${result.data.id}?saved=1`);
}

/** Runs a use case on the application named by the form's `id` and refreshes its page. */
async function onApplication(useCase: Parameters<typeof runAction>[0], form: FormData, input?: Record<string, unknown>): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(useCase, input ?? values);
  if (result.ok) revalidatePath(`/applications/${values.id ?? values.applicationId}`);
  return { result, values: result.ok ? {} : values };
}

export async function submitAction(_prev: FormState, form: FormData) {
  // A rating whose publicity just ended must count as the household's grade at submission.
  await settleDueRatingPublicity(null);
  return onApplication(submitApplication, form);
}

export async function reviewAction(_prev: FormState, form: FormData) {
  return onApplication(reviewApplication, form);
}

export async function countyDecisionAction(_prev: FormState, form: FormData) {
  return onApplication(decideApplication, form);
}

export async function bankDecisionAction(_prev: FormState, form: FormData) {
  return onApplication(recordBankDecision, form);
}

export async function recordObjectionAction(_prev: FormState, form: FormData) {
  return onApplication(recordObjection, form);
}

export async function resolveObjectionAction(_prev: FormState, form: FormData) {
  return onApplication(resolveObjection, form);
}

export async function uploadAttachmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const file = form.get("file");
  const values = formToObject(form);
  const input = {
    applicationId: values.applicationId,
    kind: values.kind,
    fileName: file instanceof File ? file.name : "",
    data: file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined,
  };
  return onApplication(uploadAttachment, form, input);
}

export async function resolveObjectionDecisionAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(resolveObjection, { objectionId: values.objectionId, outcome: values.decision, resolution: values.reason });
  if (result.ok) revalidatePath(`/applications/${values.applicationId}`);
  // The form's field is "reason"; the use case calls it "resolution".
  const mapped = result.ok || !result.fieldErrors?.resolution ? result : { ...result, fieldErrors: { ...result.fieldErrors, reason: result.fieldErrors.resolution } };
  return { result: mapped, values: result.ok ? {} : values };
}

export async function disbursementAction(_prev: FormState, form: FormData) {
  return onApplication(recordDisbursement, form);
}
