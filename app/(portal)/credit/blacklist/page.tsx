import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BlacklistForm } from "@/components/blacklist-form";
import { ReasonedActionForm } from "@/components/reasoned-action-form";
import { StatusBadge } from "@/components/status-badge";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { BLACKLIST_STATUS_LABELS } from "@/lib/server/blacklist/blacklist-records";
import { listBlacklist } from "@/lib/server/blacklist/list-blacklist";
import { addBlacklistAction, decideBlacklistAction, requestBlacklistRemovalAction } from "../actions";

export const metadata: Metadata = { title: "失信黑名单" };

export default async function BlacklistPage() {
  const actor = await requireActor();
  if (!listBlacklist.roles.includes(actor.role)) notFound();
  const data = await listBlacklist(actor, {}).catch((error) => {
    // A system-wide auditor has no county to show.
    if (error instanceof AppError && error.code === "FORBIDDEN") notFound();
    throw error;
  });
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">失信黑名单</h1>
      <p className="text-sm text-slate-600">
        列入和移出均由一名县级工作人员提出、另一名县级工作人员复核后生效。已列入的农户、企业不予新增贷款，不享受贴息；移出复核通过前仍然有效。
      </p>
      {data.canPropose ? <BlacklistForm action={addBlacklistAction} /> : null}
      <ul className="space-y-3" data-testid="blacklist">
        {data.entries.map((e) => (
          <li key={e.id} className="space-y-2 rounded-lg bg-white p-4 text-sm shadow-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{e.name}</span>
              <span className="text-slate-500">{e.kind === "household" ? "农户" : "企业/合作社"} · {e.identifier}</span>
              <StatusBadge status={e.status === "active" || e.status === "removalPending" ? "countyRejected" : e.status} label={BLACKLIST_STATUS_LABELS[e.status]} />
            </div>
            <p>理由：{e.reason}</p>
            <p>证据：{e.evidence ?? "—"}</p>
            <p className="text-slate-500">
              {e.createdOn} 由 {e.addedBy} 提出{e.approvedBy ? `，${e.approvedBy} 复核` : ""}
              {e.removalReason ? `；移出理由：${e.removalReason}（${e.removalRequestedBy} 提出）` : ""}
            </p>
            {e.householdId ? <Link href={`/households/${e.householdId}`} className="text-blue-700 underline">查看农户</Link> : null}
            {e.canDecide ? (
              <ReasonedActionForm action={decideBlacklistAction} hidden={{ id: e.id }} reasonLabel="复核意见（不同意须填写理由）"
                title={e.status === "pending" ? "复核列入" : "复核移出"}
                choices={[{ value: "approve", label: e.status === "pending" ? "同意列入" : "同意移出", tone: "danger" }, { value: "reject", label: "不同意", tone: "plain" }]} />
            ) : null}
            {e.canRequestRemoval ? (
              <ReasonedActionForm action={requestBlacklistRemovalAction} hidden={{ id: e.id }} reasonLabel="移出理由" title="提出移出"
                choices={[{ value: "request", label: "提出移出", tone: "plain" }]} />
            ) : null}
          </li>
        ))}
        {data.entries.length === 0 ? <li className="rounded-lg bg-white p-4 text-center text-sm text-slate-500 shadow-sm">黑名单为空。</li> : null}
      </ul>
    </div>
  );
}
