"use client";

import Link from "next/link";

export type MainNavItem = { href: string; label: string; badge?: number };

/**
 * The main menu, folded away on a phone (a <details>, so it opens without script) and a bar on
 * wider screens. A client component: every page sends its items as data, not as rendered links
 * twice over in the HTML and the RSC payload.
 */
export function MainNav({ items }: { items: readonly MainNavItem[] }) {
  const links = items.map((item) => (
    <Link key={item.href} href={item.href} className="nav-link">
      {item.label}
      {item.badge ? (
        <span className="ml-1 rounded-full bg-red-600 px-1.5 text-xs text-white" aria-label={`${item.badge} 项待办`}>{item.badge}</span>
      ) : null}
    </Link>
  ));
  return (
    <nav aria-label="主菜单" className="no-print border-b bg-white">
      <div className="mx-auto max-w-6xl px-2">
        <details className="md:hidden">
          <summary className="cursor-pointer px-3 py-2 text-sm">菜单</summary>
          <div className="pb-2">{links}</div>
        </details>
        <div className="hidden flex-wrap gap-x-1 py-1 text-sm md:flex">{links}</div>
      </div>
    </nav>
  );
}
