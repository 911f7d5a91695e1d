"use server";

import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { changePassword } from "@/lib/server/users/change-password";

export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await runAction(changePassword, formToObject(form));
  // Passwords are never sent back to the browser, not even on a failed attempt.
  return { result, values: {} };
}
