import "server-only";
import type { BlacklistEntry, BlacklistStatus } from "@/generated/prisma/client";
import type { Actor } from "../actor";
import type { AuditInput } from "../audit";
import type { Tx } from "../db";
import { AppError } from "../errors";

export const BLACKLIST_STATUS_LABELS = {
  pending: "待复核列入",
  active: "已列入（生效）",
  removalPending: "待复核移出（仍生效）",
  removed: "已移出",
  rejected: "复核未通过，未列入",
} as const satisfies Record<BlacklistStatus, string>;

/** Entries that exist or are on their way in: a borrower has at most one. */
export const LIVE_BLACKLIST_STATUSES = ["pending", "active", "removalPending"] as const;

export async function loadEntryInCounty(tx: Tx, actor: Actor, id: string): Promise<BlacklistEntry> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw AppError.notFound("黑名单记录");
  const entry = await tx.blacklistEntry.findFirst({ where: { id, countyId: actor.countyId ?? "" } });
  if (!entry) throw AppError.notFound("黑名单记录");
  return entry;
}

/** Compare-and-swap on the status read; one audit row. */
export async function moveEntry(o: {
  tx: Tx;
  audit: (entry: AuditInput) => Promise<void>;
  entry: BlacklistEntry;
  from: BlacklistStatus;
  to: BlacklistStatus;
  action: string;
  data?: Partial<Pick<BlacklistEntry, "approvedById" | "removalReason" | "removalRequestedById" | "removedById">>;
  comment?: string | null;
}) {
  if (o.entry.status !== o.from) {
    throw new AppError("CONFLICT", `该记录当前为“${BLACKLIST_STATUS_LABELS[o.entry.status]}”，不能执行此操作（可能刚被他人处理，请刷新页面）。`);
  }
  const changed = await o.tx.blacklistEntry.updateMany({ where: { id: o.entry.id, status: o.from }, data: { ...o.data, status: o.to } });
  if (changed.count !== 1) throw new AppError("CONFLICT", "该记录刚被他人处理，请刷新页面。");
  await o.audit({ action: o.action, entity: "BlacklistEntry", entityId: o.entry.id, countyId: o.entry.countyId,
    before: { status: o.from }, after: { status: o.to, ...(o.comment ? { comment: o.comment } : {}) } });
}

/** Maker-checker: the officer who decides may not be the one who asked. */
export function assertChecker(actor: Actor, makerId: string | null) {
  if (makerId === actor.userId) {
    throw new AppError("RULE_VIOLATION", "复核须由另一名县级工作人员办理，不能复核自己提出的事项。", { _form: ["复核须由另一名县级工作人员办理，不能复核自己提出的事项。"] });
  }
}
