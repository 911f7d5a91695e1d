"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { createUser } from "@/lib/server/users/create-user";
import { deactivateUser } from "@/lib/server/users/deactivate-user";
import { lockUser } from "@/lib/server/users/lock-user";
import { reactivateUser } from "@/lib/server/users/reactivate-user";
import { resetUserPassword } from "@/lib/server/users/reset-user-password";
import { unlockUser } from "@/lib/server/users/unlock-user";
import type { UseCase } from "@/lib/server/use-case";

const SECRET_LABEL = "一次性密码";

export async function createUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(createUser, values);
  if (!result.ok) return { result, values };
  revalidatePath("/admin/users");
  const { username, oneTimePassword } = result.data;
  return {
    result: { ok: true, data: { notice: `已创建用户 ${username}。首次登录须修改密码。`, secret: oneTimePassword, secretLabel: `${username} 的${SECRET_LABEL}` } },
    values: {},
  };
}

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(resetUserPassword, values);
  if (!result.ok) return { result, values };
  revalidatePath(`/admin/users/${result.data.id}`);
  const { username, oneTimePassword } = result.data;
  return {
    result: { ok: true, data: { notice: `已重置 ${username} 的密码，下次登录须修改密码。`, secret: oneTimePassword, secretLabel: `${username} 的${SECRET_LABEL}` } },
    values,
  };
}

async function stateChange(useCase: UseCase<unknown, { id: string }>, form: FormData, notice: string): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(useCase, values);
  if (!result.ok) return { result, values };
  revalidatePath("/admin/users");
  revalidatePath(`/admin/users/${result.data.id}`);
  return { result: { ok: true, data: { notice } }, values };
}

export async function lockUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return stateChange(lockUser, form, "已锁定该账户。");
}

export async function unlockUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return stateChange(unlockUser, form, "已解锁该账户。");
}

export async function deactivateUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return stateChange(deactivateUser, form, "已停用该账户。");
}

export async function reactivateUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return stateChange(reactivateUser, form, "已启用该账户。");
}
