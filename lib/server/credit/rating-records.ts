import "server-only";
import type { CreditRating, CreditRatingStatus, Prisma } from "@/generated/prisma/client";
import type { Actor } from "../actor";
import type { AuditInput } from "../audit";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { areaScope } from "../scope";

/** A household has at most one rating in one of these states at a time. */
export const OPEN_RATING_STATUSES = ["draft", "submitted", "returned", "approved", "inPublicity", "objection"] as const;

export const RATING_STATUS_LABELS = {
  draft: "草稿",
  submitted: "已提交，待乡镇审核",
  returned: "已退回，待重新评定",
  approved: "乡镇已审核，待公示",
  inPublicity: "公示中",
  objection: "公示异议处理中",
  final: "已生效",
  superseded: "已被新评级取代",
} as const satisfies Record<CreditRatingStatus, string>;

/** 评级编号: PJ plus the serial, e.g. PJ000012. */
export function ratingNumber(serial: number): string {
  return `PJ${String(serial).padStart(6, "0")}`;
}

/** 评级公示编号: PJGS plus the serial. */
export function ratingPublicityNumber(serial: number): string {
  return `PJGS${String(serial).padStart(5, "0")}`;
}

/** A rating the actor may see (village: its own, township: its villages, county: the county), or "not found". */
export async function loadRatingInScope(tx: Tx, actor: Actor, id: string): Promise<CreditRating> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw AppError.notFound("评级");
  const rating = await tx.creditRating.findFirst({
    where: { id, ...areaScope(actor), ...(actor.role !== "village_cadre" ? { status: { not: "draft" } } : {}) },
  });
  if (!rating) throw AppError.notFound("评级");
  return rating;
}

/**
 * Moves a rating from one of `from` to `to`: a compare-and-swap on the status and version read,
 * so of two people acting at once one succeeds and the other is told to refresh; one audit row.
 */
export async function moveRating(o: {
  tx: Tx;
  audit: (entry: AuditInput) => Promise<void>;
  rating: CreditRating;
  from: readonly CreditRatingStatus[];
  to: CreditRatingStatus;
  action: string;
  data?: Prisma.CreditRatingUncheckedUpdateManyInput;
  comment?: string | null;
}): Promise<void> {
  const { tx, rating } = o;
  if (!o.from.includes(rating.status)) {
    throw new AppError("CONFLICT", `该评级当前为“${RATING_STATUS_LABELS[rating.status]}”，不能执行此操作（可能刚被他人处理，请刷新页面）。`);
  }
  const updated = await tx.creditRating.updateMany({
    where: { id: rating.id, status: rating.status, version: rating.version },
    data: { ...o.data, status: o.to, version: { increment: 1 } },
  });
  if (updated.count !== 1) throw new AppError("CONFLICT", "该评级刚被他人处理，状态已变化；请刷新页面查看最新状态。");
  await o.audit({
    action: o.action,
    entity: "CreditRating",
    entityId: rating.id,
    countyId: rating.countyId,
    before: { status: rating.status },
    after: { status: o.to, ...(o.comment ? { comment: o.comment } : {}) },
  });
}
