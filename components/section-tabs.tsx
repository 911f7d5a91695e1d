import Link from "next/link";

/** Links between the pages of one section; the current one is marked for screen readers. */
export function SectionTabs({ tabs, current }: { tabs: readonly { href: string; label: string }[]; current: string }) {
  return (
    <nav aria-label="本栏目" className="flex flex-wrap gap-2 border-b border-slate-200 pb-2 text-sm">
      {tabs.map((t) => (
        <Link key={t.href} href={t.href} aria-current={t.href === current ? "page" : undefined}
          className={`rounded px-3 py-1 ${t.href === current ? "bg-blue-700 text-white" : "text-blue-700 hover:bg-blue-50"}`}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

export const LOAN_TABS = [
  { href: "/loans", label: "贷款与还款" },
  { href: "/loans/reminders", label: "到期提醒" },
  { href: "/loans/loss-cases", label: "损失分担与追偿" },
  { href: "/loans/anomalies", label: "异常报告" },
] as const;

export const RISK_TABS = [
  { href: "/risk/breaker", label: "熔断监测" },
  { href: "/risk/fund", label: "风险补偿金台账" },
] as const;

/** The fund ledger is the county's and the finance bureau's (and the auditor's) to see. */
export function riskTabsFor(role: string) {
  return RISK_TABS.filter((t) => t.href !== "/risk/fund" || ["county_officer", "finance_officer", "auditor"].includes(role));
}
