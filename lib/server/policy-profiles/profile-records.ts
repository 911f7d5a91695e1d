import "server-only";
import type { PolicyProfile } from "@/generated/prisma/client";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";

export function countyOf(actor: Actor): string {
  if (!actor.countyId) throw new AppError("FORBIDDEN", "账户未配置所属县，请联系系统管理员。");
  return actor.countyId;
}

export async function findProfileInCounty(tx: Tx, actor: Actor, id: string): Promise<PolicyProfile> {
  const countyId = countyOf(actor);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw AppError.notFound("政策参数版本");
  const profile = await tx.policyProfile.findFirst({ where: { id, countyId } });
  if (!profile) throw AppError.notFound("政策参数版本");
  return profile;
}

export function isoDate(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

export type ProfileState = "draft" | "inForce" | "scheduled" | "superseded";

/** Statuses of versions that were activated: they form the county's timeline (see lib/server/policy/active-profile.ts). */
export const ACTIVATED_STATUSES = ["active", "retired"] as const;

/**
 * Where each version stands on `today`: of the activated versions, the one with the latest
 * effective date on or before today is in force, later ones are scheduled, earlier ones superseded.
 */
export function profileStates(profiles: readonly Pick<PolicyProfile, "id" | "status" | "effectiveFrom">[], today: string): Map<string, ProfileState> {
  const out = new Map<string, ProfileState>();
  const active = profiles
    .filter((p) => p.status !== "draft" && p.effectiveFrom)
    .sort((a, b) => a.effectiveFrom!.getTime() - b.effectiveFrom!.getTime());
  const inForce = [...active].reverse().find((p) => isoDate(p.effectiveFrom)! <= today);
  for (const p of profiles) {
    if (p.status === "draft" || !p.effectiveFrom) out.set(p.id, "draft");
    else if (p.id === inForce?.id) out.set(p.id, "inForce");
    else out.set(p.id, isoDate(p.effectiveFrom)! > today ? "scheduled" : "superseded");
  }
  return out;
}

export const PROFILE_STATE_LABELS = {
  draft: "草稿",
  inForce: "现行",
  scheduled: "待生效",
  superseded: "已被取代",
} as const satisfies Record<ProfileState, string>;
