import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/change-password-form";
import { SignOutButton } from "@/components/sign-out-button";
import { PASSWORD_HISTORY_SIZE, PASSWORD_MIN_LENGTH } from "@/lib/domain/password-policy";
import { currentActor } from "@/lib/server/auth/current-actor";
import { signOutToken } from "@/lib/server/auth/sign-out-token";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "修改密码" };

/** Outside the portal layout: a user who must change the password sees only this page. */
export default async function ChangePasswordPage() {
  const actor = await currentActor();
  if (!actor) redirect("/login?callbackUrl=%2Fchange-password");
  const forced = actor.mustChangePassword === true;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-4 rounded-lg bg-white p-6 shadow">
        <h1 className="text-center text-lg font-semibold">修改密码</h1>
        <p className="text-center text-sm text-slate-500">{actor.displayName}（{actor.username}）</p>
        {forced ? (
          <p role="note" data-testid="must-change-password" className="rounded bg-amber-50 p-3 text-sm text-amber-800">
            您的密码由系统管理员设置，须先修改为自己的密码才能使用系统。
          </p>
        ) : null}
        <ChangePasswordForm
          action={changePasswordAction}
          rules={`至少 ${PASSWORD_MIN_LENGTH} 位，须同时包含字母和数字，不能与最近 ${PASSWORD_HISTORY_SIZE} 次用过的密码相同`}
        />
        <div className="flex items-center justify-between text-sm">
          {forced ? <span /> : <Link href="/" className="text-blue-700 underline">返回首页</Link>}
          <span className="text-slate-700 [&_button]:border-slate-300">
            <SignOutButton csrfToken={await signOutToken()} />
          </span>
        </div>
      </div>
    </main>
  );
}
