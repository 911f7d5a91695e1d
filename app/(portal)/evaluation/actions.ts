"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { approveBankEvaluation } from "@/lib/server/evaluation/approve-evaluation";
import { saveBankEvaluation } from "@/lib/server/evaluation/save-evaluation";
import { uploadSelfAssessment } from "@/lib/server/evaluation/upload-self-assessment";

export async function saveEvaluationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const items: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (k.startsWith("items.")) items[k.slice("items.".length)] = v;
  const input = {
    bankId: values.bankId,
    year: values.year,
    items,
    structural: [0, 1, 2].map((i) => values[`structural.${i}`] ?? ""),
    item29Reason: values.item29Reason,
    version: values.version || undefined,
  };
  const result = await runAction(saveBankEvaluation, input);
  if (result.ok) revalidatePath("/evaluation", "layout");
  return { result, values: result.ok ? {} : values };
}

export async function approveEvaluationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(approveBankEvaluation, values);
  if (result.ok) revalidatePath("/evaluation", "layout");
  return { result, values: {} };
}

export async function uploadSelfAssessmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const file = form.get("file");
  const values = formToObject(form);
  const input = {
    id: values.id,
    fileName: file instanceof File ? file.name : "",
    data: file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined,
  };
  const result = await runAction(uploadSelfAssessment, input);
  if (result.ok) revalidatePath("/evaluation", "layout");
  return { result, values: {} };
}
