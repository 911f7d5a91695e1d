"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { addBlacklistEntry } from "@/lib/server/blacklist/add-blacklist-entry";
import { decideBlacklistEntry } from "@/lib/server/blacklist/decide-blacklist-entry";
import { requestBlacklistRemoval } from "@/lib/server/blacklist/request-blacklist-removal";
import { createIndicatorSheet } from "@/lib/server/credit/create-indicator-sheet";
import { importRatings } from "@/lib/server/credit/import-ratings";
import { openRatingPublicity } from "@/lib/server/credit/open-rating-publicity";
import { recordRatingObjection } from "@/lib/server/credit/record-rating-objection";
import { resolveRatingObjection } from "@/lib/server/credit/resolve-rating-objection";
import { reviewRating } from "@/lib/server/credit/review-rating";
import { saveRating } from "@/lib/server/credit/save-rating";

export async function saveRatingAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const answers = Object.fromEntries(Object.entries(values).filter(([k]) => k.startsWith("answers.")).map(([k, v]) => [k.slice("answers.".length), v]));
  const result = await runAction(saveRating, { householdId: values.householdId, ratingId: values.ratingId, intent: values.intent, answers });
  if (!result.ok) return { result, values };
  revalidatePath("/credit");
  redirect(`/credit/ratings/${result.data.id}?saved=${result.data.status}`);
}

async function onRating(useCase: Parameters<typeof runAction>[0], form: FormData, input?: Record<string, unknown>): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(useCase, input ?? values);
  if (result.ok) {
    revalidatePath("/credit");
    if (values.id ?? values.ratingId) revalidatePath(`/credit/ratings/${values.id ?? values.ratingId}`);
  }
  return { result, values: result.ok ? {} : values };
}

export async function reviewRatingAction(_prev: FormState, form: FormData) {
  return onRating(reviewRating, form);
}

export async function openRatingPublicityAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(openRatingPublicity, values);
  if (!result.ok) return { result, values };
  // The village leaves the "ready" list (and its form with it): the page says what happened.
  revalidatePath("/credit");
  redirect(`/credit?opened=${result.data.ratings}`);
}

export async function recordRatingObjectionAction(_prev: FormState, form: FormData) {
  return onRating(recordRatingObjection, form);
}

export async function resolveRatingObjectionAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(resolveRatingObjection, { objectionId: values.objectionId, outcome: values.decision, resolution: values.reason });
  if (result.ok) revalidatePath(`/credit/ratings/${values.ratingId}`);
  // The form's field is "reason"; the use case calls it "resolution".
  const mapped = result.ok || !result.fieldErrors?.resolution ? result : { ...result, fieldErrors: { ...result.fieldErrors, reason: result.fieldErrors.resolution } };
  return { result: mapped, values: result.ok ? {} : values };
}

export async function importRatingsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    const message = "请选择填好的评级采集表（.xlsx）。";
    return { result: { ok: false, message, fieldErrors: { file: [message] } }, values: {} };
  }
  const result = await runAction(importRatings, { file: new Uint8Array(await file.arrayBuffer()) });
  if (result.ok) revalidatePath("/credit");
  return { result, values: {} };
}

export async function createIndicatorSheetAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(createIndicatorSheet, values);
  if (result.ok) revalidatePath("/credit/sheets");
  return { result, values: result.ok ? {} : values };
}

export async function addBlacklistAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  // The form's fields are entryReason/entryEvidence (the page's review forms already use "reason").
  const result = await runAction(addBlacklistEntry, { kind: values.kind, identifier: values.identifier, reason: values.entryReason, evidence: values.entryEvidence });
  if (result.ok) {
    revalidatePath("/credit/blacklist");
    return { result, values: { kind: "household" } };
  }
  const { reason, evidence, ...rest } = result.fieldErrors ?? {};
  const fieldErrors = { ...rest, ...(reason ? { entryReason: reason } : {}), ...(evidence ? { entryEvidence: evidence } : {}) };
  return { result: { ...result, fieldErrors }, values };
}

export async function decideBlacklistAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(decideBlacklistEntry, values);
  if (result.ok) revalidatePath("/credit/blacklist");
  return { result, values: result.ok ? {} : values };
}

export async function requestBlacklistRemovalAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(requestBlacklistRemoval, { id: values.id, reason: values.reason });
  if (result.ok) revalidatePath("/credit/blacklist");
  return { result, values: result.ok ? {} : values };
}
