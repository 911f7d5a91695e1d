import type { OrgUnit, User } from "@/generated/prisma/client";
import { ROLE_ORG_LEVEL, type Actor } from "./actor";

/** What an actor is built from: a user row and its unit (a Prisma row, or current-actor.ts's prepared read). */
type UserWithUnit = Pick<User, "id" | "username" | "displayName" | "role" | "bankId" | "mustChangePassword"> & {
  orgUnit: Pick<OrgUnit, "id" | "name" | "level" | "parentId" | "countyId"> | null;
};

/** Builds an Actor; a unit that does not match the role's level gives no scope at all. */
export function actorFromUser(user: UserWithUnit): Actor | null {
  const unit = user.orgUnit;
  const base = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    orgUnitId: unit?.id ?? null,
    orgUnitName: unit?.name ?? null,
    bankId: user.bankId,
    mustChangePassword: user.mustChangePassword,
  };
  if (!unit) {
    return user.role === "auditor" ? { ...base, countyId: null, townshipId: null, villageId: null } : null;
  }
  if (unit.level !== ROLE_ORG_LEVEL[user.role]) return null;
  if (unit.level === "county") return { ...base, countyId: unit.id, townshipId: null, villageId: null };
  if (unit.level === "township") return { ...base, countyId: unit.countyId, townshipId: unit.id, villageId: null };
  return { ...base, countyId: unit.countyId, townshipId: unit.parentId, villageId: unit.id };
}
