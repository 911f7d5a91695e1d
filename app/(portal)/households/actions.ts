"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { createHousehold } from "@/lib/server/households/create-household";
import { updateHousehold } from "@/lib/server/households/update-household";

export async function createHouseholdAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(createHousehold, values);
  if (!result.ok) return { result, values };
  revalidatePath("/households");
  redirect(`/households/${result.data.id}?saved=1`);
}

export async function updateHouseholdAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(updateHousehold, values);
  if (!result.ok) return { result, values };
  revalidatePath("/households");
  redirect(`/households/${result.data.id}?saved=1`);
}
