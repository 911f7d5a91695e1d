"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { saveEnterpriseApplicationDraft } from "@/lib/server/applications/save-enterprise-application-draft";
import { saveUseOfFundsPlan } from "@/lib/server/applications/save-use-of-funds-plan";
import { submitEnterpriseApplication } from "@/lib/server/applications/submit-enterprise-application";

/** Saves an enterprise application draft; the households driven arrive as repeated checkboxes. */
export async function saveEnterpriseDraftAction(_prev: FormState, form: FormData): Promise<FormState> {
  const householdIds = form.getAll("householdIds").filter((v): v is string => typeof v === "string");
  const values = { ...formToObject(form), householdIds: householdIds.join(",") };
  const result = await runAction(saveEnterpriseApplicationDraft, { ...values, householdIds });
  if (!result.ok) return { result, values };
  revalidatePath("/applications");
  redirect(`/applications/${result.data.id}?saved=1`);
}

export async function submitEnterpriseAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(submitEnterpriseApplication, values);
  if (result.ok) {
    revalidatePath("/applications");
    revalidatePath(`/applications/${values.id}`);
  }
  return { result, values: result.ok ? {} : values };
}

export async function useOfFundsPlanAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(saveUseOfFundsPlan, values);
  if (result.ok) revalidatePath(`/applications/${values.applicationId}`);
  return { result, values };
}
