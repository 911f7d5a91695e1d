import Link from "next/link";
import { MainNav, type MainNavItem } from "./main-nav";
import { SignOutButton } from "./sign-out-button";

type Props = {
  user: { displayName: string; roleLabel: string; unitName: string };
  nav: MainNavItem[];
  /** next-auth's CSRF token for the sign-out form (see SignOutButton). */
  signOutToken: string | null;
  children: React.ReactNode;
};

/** Header with who I am, a menu that folds away on a phone, and the page. */
export function AppShell({ user, nav, signOutToken, children }: Props) {
  return (
    <div className="min-h-screen">
      <header className="no-print bg-blue-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <Link href="/" className="font-semibold">扶贫小额信贷管理平台</Link>
          <div className="flex items-center gap-3 text-sm">
            <span data-testid="whoami">{user.displayName} · {user.roleLabel}{user.unitName ? ` · ${user.unitName}` : ""}</span>
            <Link href="/change-password" className="whitespace-nowrap hover:underline">修改密码</Link>
            <SignOutButton csrfToken={signOutToken} />
          </div>
        </div>
      </header>
      <MainNav items={nav} />
      <main className="mx-auto max-w-6xl p-4">{children}</main>
    </div>
  );
}
