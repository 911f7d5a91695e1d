"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { createBank } from "@/lib/server/banks/create-bank";
import { updateBank } from "@/lib/server/banks/update-bank";

/** Township checkboxes arrive as `townships.<id>` = "on". */
function bankInput(values: Record<string, string>) {
  const townshipIds = Object.entries(values)
    .filter(([key, v]) => key.startsWith("townships.") && v === "on")
    .map(([key]) => key.slice("townships.".length));
  return { ...values, townshipIds };
}

export async function createBankAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(createBank, bankInput(values));
  if (!result.ok) return { result: { ...result, fieldErrors: renameTownships(result.fieldErrors) }, values };
  revalidatePath("/admin/banks");
  redirect("/admin/banks?saved=1");
}

export async function updateBankAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(updateBank, bankInput(values));
  if (!result.ok) return { result: { ...result, fieldErrors: renameTownships(result.fieldErrors) }, values };
  revalidatePath("/admin/banks");
  redirect("/admin/banks?saved=1");
}

function renameTownships(errors?: Record<string, string[]>) {
  if (!errors?.townshipIds) return errors;
  const { townshipIds, ...rest } = errors;
  return { ...rest, townships: townshipIds };
}
