"use client";

import Link from "next/link";
import type { ReactNode } from "react";

/** One headline figure; the whole card links to the records behind it when `href` is given. */
export function StatCard({ label, value, sub, href, testId }: { label: string; value: ReactNode; sub?: ReactNode; href?: string; testId?: string }) {
  const body = (
    <>
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>{value}</div>
      {sub ? <div className="stat-sub">{sub}</div> : null}
    </>
  );
  return href ? (
    <Link href={href} className="stat-card">{body}</Link>
  ) : (
    <div className="stat-card">{body}</div>
  );
}

export type Crumb = { label: string; href: string | null };

/** Breadcrumbs from the viewer's own area down to the one shown (the last is not a link). */
export function Breadcrumbs({ items }: { items: readonly Crumb[] }) {
  return (
    <nav aria-label="区域层级" className="text-sm">
      <ol className="flex flex-wrap items-center gap-1">
        {items.map((c, i) => (
          <li key={`${c.label}-${i}`} className="flex items-center gap-1">
            {i > 0 ? <span aria-hidden className="text-slate-400">/</span> : null}
            {c.href && i < items.length - 1 ? (
              <Link href={c.href} className="text-blue-700 underline">{c.label}</Link>
            ) : (
              <span aria-current={i === items.length - 1 ? "page" : undefined} className="font-medium">{c.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
