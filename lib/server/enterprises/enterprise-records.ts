import "server-only";
import { addMonths, compareDates } from "@/lib/domain/calendar";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { areaScope } from "../scope";
import { DUPLICATE_CREDIT_CODE_MESSAGE } from "./enterprise-input";

export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const day = (d: string) => new Date(`${d}T00:00:00Z`);

/** Enterprises have a county and a township, no village: an actor's area scope without the village. */
export function enterpriseScope(actor: Actor): Prisma.EnterpriseWhereInput {
  const scope = areaScope(actor);
  if (scope.villageId) throw new AppError("FORBIDDEN", "您的角色无权查看带贫经营主体。");
  return { ...(scope.countyId ? { countyId: scope.countyId } : {}), ...(scope.townshipId ? { townshipId: scope.townshipId } : {}) };
}

/** An enterprise the actor may see, or "not found". */
export async function loadEnterpriseInScope(tx: Tx, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw AppError.notFound("经营主体");
  const row = await tx.enterprise.findFirst({ where: { id, ...enterpriseScope(actor) } });
  if (!row) throw AppError.notFound("经营主体");
  return row;
}

/**
 * Whole months of normal operation from `since` to `today` (正常经营月数): the largest n with
 * since + n months ≤ today, so 2024-03-02 → 2026-03-02 is 24 and → 2026-03-01 is 23.
 */
export function monthsOperating(since: string, today: string): number {
  if (compareDates(since, today) > 0) return 0;
  const [sy, sm] = since.split("-").map(Number);
  const [ty, tm] = today.split("-").map(Number);
  let n = (ty - sy) * 12 + (tm - sm);
  while (n > 0 && compareDates(addMonths(since, n), today) > 0) n--;
  return n;
}

export function duplicateCreditCode() {
  return AppError.field("creditCode", DUPLICATE_CREDIT_CODE_MESSAGE);
}

export function onEnterpriseUnique(fields: string[]) {
  return fields.includes("creditCode") ? duplicateCreditCode() : undefined;
}

/** The township an enterprise belongs to: the officer's own, or the one county staff picked in their county. */
export async function townshipFor(tx: Tx, actor: Actor, picked: string | null) {
  if (actor.role === "township_officer") {
    const own = await tx.orgUnit.findFirst({ where: { id: actor.townshipId ?? "", level: "township", active: true } });
    if (!own?.countyId) throw new AppError("FORBIDDEN", "您的账户未关联有效的乡镇。");
    return own;
  }
  if (!picked) throw AppError.field("townshipId", "请选择所在乡镇");
  const township = await tx.orgUnit.findFirst({ where: { id: picked, level: "township", countyId: actor.countyId ?? "", active: true } });
  if (!township?.countyId) throw AppError.field("townshipId", "请选择本县的乡镇");
  return township;
}
