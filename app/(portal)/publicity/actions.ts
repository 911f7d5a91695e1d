"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/action-result";
import { runAction } from "@/lib/server/action";
import { openPublicity } from "@/lib/server/applications/open-publicity";

export async function openPublicityAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = { applicationIds: form.getAll("applicationIds").map(String), objectionContact: String(form.get("objectionContact") ?? "") };
  const result = await runAction(openPublicity, input);
  if (result.ok) revalidatePath("/publicity");
  return { result, values: result.ok ? {} : { objectionContact: input.objectionContact } };
}
