"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { activatePolicyProfile } from "@/lib/server/policy-profiles/activate-policy-profile";
import { createPolicyProfile } from "@/lib/server/policy-profiles/create-policy-profile";
import { updatePolicyProfile } from "@/lib/server/policy-profiles/update-policy-profile";

export async function createPolicyProfileAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(createPolicyProfile, values);
  if (!result.ok) return { result, values };
  revalidatePath("/admin/policy-profiles");
  redirect(`/admin/policy-profiles/${result.data.id}`);
}

/**
 * The editor's one form: "save" stores the draft; "activate" stores it and then activates it
 * from the date given. A refused activation leaves the saved draft and shows every problem at
 * its setting.
 */
export async function saveProfileAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const { id, fingerprint, name, intent, effectiveFrom, ...fields } = values;
  const saved = await runAction(updatePolicyProfile, { id, fingerprint, name, fields });
  if (!saved.ok) return { result: saved, values };
  revalidatePath(`/admin/policy-profiles/${id}`);
  if (intent !== "activate") return { result: { ok: true, data: { notice: "草稿已保存。" } }, values };
  const activated = await runAction(activatePolicyProfile, { id, effectiveFrom });
  if (!activated.ok) return { result: { ...activated, message: `草稿已保存，但未激活：${activated.message}` }, values };
  revalidatePath("/admin/policy-profiles");
  redirect(`/admin/policy-profiles/${id}?activated=1`);
}
