"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { createHousehold } from "@/lib/server/households/create-household";
import { importHouseholds } from "@/lib/server/households/import-households";
import { listHouseholds } from "@/lib/server/households/list-households";
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

/**
 * The household search. A name goes into the list's URL; a full ID number never does (URLs end
 * up in browser history and proxy logs): it is posted, looked up in the actor's scope by its keyed
 * hash, and the household found is opened — or the list says that none was.
 */
export async function searchHouseholdsAction(form: FormData): Promise<void> {
  const q = String(form.get("q") ?? "").trim();
  if (!/^\d{17}[\dXx]$/.test(q)) redirect(`/households?${new URLSearchParams(q ? { q } : {})}`);
  const result = await runAction(listHouseholds, { q });
  if (result.ok && result.data.rows.length === 1) redirect(`/households/${result.data.rows[0].id}`);
  redirect("/households?idNotFound=1");
}

export async function importHouseholdsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const file = form.get("file");
  const upload = file instanceof File && file.size > 0 ? file : null;
  const bytes = upload ? new Uint8Array(await upload.arrayBuffer()) : new Uint8Array();
  const result = await runAction(importHouseholds, { file: bytes, fileName: upload?.name });
  if (result.ok) revalidatePath("/households");
  return { result, values: {} };
}
