"use client";

import { signOut } from "next-auth/react";

/**
 * A form, not only a script: before the page has hydrated (an old PC, a slow phone) the browser
 * posts it to next-auth with the CSRF token the server rendered; once hydrated, next-auth's own
 * signOut() does the same with a fresh token. Never disabled, so no click is lost in between.
 */
export function SignOutButton({ csrfToken }: { csrfToken: string | null }) {
  return (
    <form
      action="/api/auth/signout"
      method="post"
      className="inline"
      onSubmit={(event) => {
        event.preventDefault();
        void signOut({ callbackUrl: "/login" });
      }}
    >
      <input type="hidden" name="csrfToken" value={csrfToken ?? ""} />
      <input type="hidden" name="callbackUrl" value="/login" />
      <button type="submit" className="whitespace-nowrap rounded border border-white/40 px-3 py-1 text-sm hover:bg-white/10">
        退出登录
      </button>
    </form>
  );
}
