import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { ROLE_ORG_LEVEL, type Actor } from "../actor";
import { prisma } from "../db";
import { authOptions } from "./options";
import { sessionExpired } from "./session-policy";

type SessionWithUid = { uid?: string; loginAt?: number; lastSeen?: number };

/**
 * The signed-in actor, rebuilt from the database on every request so that a deactivated
 * user, a changed role or a changed password takes effect at once. Null when signed out.
 */
export async function currentActor(): Promise<Actor | null> {
  const session = (await getServerSession(authOptions)) as SessionWithUid | null;
  if (!session?.uid || sessionExpired(session, Date.now())) return null;
  const user = await prisma.user.findUnique({ where: { id: session.uid }, include: { orgUnit: true } });
  if (!user || !user.active) return null;
  if (session.loginAt && user.passwordChangedAt.getTime() > session.loginAt) return null;
  return actorFromUser(user);
}

export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}

type UserWithUnit = NonNullable<Awaited<ReturnType<typeof loadUser>>>;
function loadUser(id: string) {
  return prisma.user.findUnique({ where: { id }, include: { orgUnit: true } });
}

/** Builds an Actor; a unit that does not match the role's level gives no scope at all. */
export async function actorFromUser(user: UserWithUnit): Promise<Actor | null> {
  const unit = user.orgUnit;
  const base = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    orgUnitId: unit?.id ?? null,
    orgUnitName: unit?.name ?? null,
    bankId: user.bankId,
  };
  if (!unit) {
    return user.role === "auditor" ? { ...base, countyId: null, townshipId: null, villageId: null } : null;
  }
  if (unit.level !== ROLE_ORG_LEVEL[user.role]) return null;
  if (unit.level === "county") return { ...base, countyId: unit.id, townshipId: null, villageId: null };
  if (unit.level === "township") return { ...base, countyId: unit.countyId, townshipId: unit.id, villageId: null };
  return { ...base, countyId: unit.countyId, townshipId: unit.parentId, villageId: unit.id };
}

export { loadUser };
