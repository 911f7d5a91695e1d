"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { createEnterprise } from "@/lib/server/enterprises/create-enterprise";
import { updateEnterprise } from "@/lib/server/enterprises/update-enterprise";

export async function createEnterpriseAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(createEnterprise, values);
  if (!result.ok) return { result, values };
  revalidatePath("/enterprises");
  redirect(`/enterprises/${result.data.id}?saved=1`);
}

export async function updateEnterpriseAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(updateEnterprise, values);
  if (!result.ok) return { result, values };
  revalidatePath("/enterprises");
  redirect(`/enterprises/${result.data.id}?saved=1`);
}
