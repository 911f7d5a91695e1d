import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/current-actor";
import { reportsFor } from "@/lib/server/reports/catalog";

export const metadata: Metadata = { title: "报表" };

/** The reports this role may open. */
export default async function ReportsIndexPage() {
  const actor = await requireActor();
  const reports = reportsFor(actor.role);
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">报表</h1>
      {reports.length === 0 ? <p className="text-sm text-slate-600">您的角色没有可查看的报表。</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2">
        {reports.map((r) => (
          <li key={r.key} className="rounded-lg bg-white p-4 shadow-sm">
            <Link href={`/reports/${r.key}`} className="font-medium text-blue-700 underline">{r.title}</Link>
            <p className="mt-1 text-sm text-slate-600">{r.description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
