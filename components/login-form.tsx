"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

export function LoginForm({ callbackUrl, notice }: { callbackUrl: string; notice?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", {
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "用户名或密码错误。");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {notice ? <p className="rounded bg-amber-50 p-3 text-sm text-amber-800">{notice}</p> : null}
      <div>
        <label htmlFor="username" className="block text-sm font-medium">用户名</label>
        <input id="username" name="username" autoComplete="username" required
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">密码</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </div>
      <p role="alert" aria-live="polite" data-testid="login-error" className="min-h-5 text-sm text-red-700">{error}</p>
      <button type="submit" disabled={pending}
        className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60">
        {pending ? "正在登录…" : "登录"}
      </button>
    </form>
  );
}
