import Link from "next/link";
import type { NavItem } from "@/lib/navigation";
import { SignOutButton } from "./sign-out-button";

type Props = {
  user: { displayName: string; roleLabel: string; unitName: string };
  nav: (NavItem & { badge?: number })[];
  /** next-auth's CSRF token for the sign-out form (see SignOutButton). */
  signOutToken: string | null;
  children: React.ReactNode;
};

/** Header with who I am, a menu that folds away on a phone, and the page. */
export function AppShell({ user, nav, signOutToken, children }: Props) {
  const links = nav.map((item) => (
    <Link key={item.href} href={item.href} className="block rounded px-3 py-2 hover:bg-blue-50 md:inline-block">
      {item.label}
      {item.badge ? (
        <span className="ml-1 rounded-full bg-red-600 px-1.5 text-xs text-white" aria-label={`${item.badge} 项待办`}>{item.badge}</span>
      ) : null}
    </Link>
  ));
  return (
    <div className="min-h-screen">
      <header className="no-print bg-blue-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <Link href="/" className="font-semibold">扶贫小额信贷管理平台</Link>
          <div className="flex items-center gap-3 text-sm">
            <span data-testid="whoami">{user.displayName} · {user.roleLabel}{user.unitName ? ` · ${user.unitName}` : ""}</span>
            <Link href="/change-password" className="hover:underline">修改密码</Link>
            <SignOutButton csrfToken={signOutToken} />
          </div>
        </div>
      </header>
      <nav aria-label="主菜单" className="no-print border-b bg-white">
        <div className="mx-auto max-w-6xl px-2">
          <details className="md:hidden">
            <summary className="cursor-pointer px-3 py-2 text-sm">菜单</summary>
            <div className="pb-2">{links}</div>
          </details>
          <div className="hidden gap-1 py-1 text-sm md:flex">{links}</div>
        </div>
      </nav>
      <main className="mx-auto max-w-6xl p-4">{children}</main>
    </div>
  );
}
