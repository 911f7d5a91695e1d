"use client";

import { signOut } from "next-auth/react";
import { useEffect, useState } from "react";

export function SignOutButton() {
  // Enabled once hydrated: on a slow phone or PC a click before that would do nothing at all.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <button type="button" disabled={!ready} onClick={() => signOut({ callbackUrl: "/login" })}
      className="rounded border border-white/40 px-3 py-1 text-sm hover:bg-white/10 disabled:opacity-60">
      退出登录
    </button>
  );
}
