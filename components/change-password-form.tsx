"use client";

import { signIn } from "next-auth/react";
import { useActionState } from "react";
import type { FormState } from "@/lib/action-result";
import { Field, inputClass } from "./field";

type Props = {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  rules: string;
};

/**
 * Changing the password ends every session (including this one), so on success the form signs
 * in again with the new password and goes to the home page.
 */
export function ChangePasswordForm({ action, rules }: Props) {
  const [state, formAction, pending] = useActionState(async (prev: FormState, form: FormData): Promise<FormState> => {
    const next = await action(prev, form);
    if (next.result?.ok) {
      const { username } = next.result.data as { username: string };
      const signedIn = await signIn("credentials", { username, password: String(form.get("newPassword") ?? ""), redirect: false });
      window.location.assign(signedIn?.ok && !signedIn.error ? "/" : "/login");
    }
    return next;
  }, { result: null, values: {} });
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const input = (name: string, autoComplete: string) => (
    <input id={name} name={name} type="password" autoComplete={autoComplete} className={inputClass}
      aria-invalid={errors[name] ? true : undefined} aria-describedby={`${name}-error`} />
  );
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <Field name="currentPassword" label="当前密码" errors={errors.currentPassword}>{input("currentPassword", "current-password")}</Field>
      <Field name="newPassword" label="新密码" errors={errors.newPassword} hint={rules}>{input("newPassword", "new-password")}</Field>
      <Field name="confirmPassword" label="再次输入新密码" errors={errors.confirmPassword}>{input("confirmPassword", "new-password")}</Field>
      {state.result && !state.result.ok ? <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">{state.result.message}</p> : null}
      {state.result?.ok ? <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-800">密码已修改，正在进入系统…</p> : null}
      <button type="submit" disabled={pending || state.result?.ok === true} className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60">
        {pending ? "正在保存…" : "修改密码"}
      </button>
    </form>
  );
}
