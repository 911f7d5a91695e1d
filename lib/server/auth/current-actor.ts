import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "../actor";
import { actorFromUser } from "../actor-from-user";
import { prisma } from "../db";
import { isAdminLocked } from "../users/admin-lock";
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
  if (!user || !user.active || isAdminLocked(user.lockedUntil)) return null;
  if (session.loginAt && user.passwordChangedAt.getTime() > session.loginAt) return null;
  return actorFromUser(user);
}

/**
 * One lookup per page request: the portal layout and the page both ask for the actor, and
 * React's cache() hands the page the layout's (it is scoped to one server render, so every
 * request still reads the user afresh). Server actions and route handlers use currentActor.
 */
const actorOfThisRender = cache(currentActor);

/**
 * For pages: the actor, or a redirect to sign in. A user who must change the password set by an
 * administrator sees nothing else until it is changed.
 */
export async function requireActor(): Promise<Actor> {
  const actor = await actorOfThisRender();
  if (!actor) redirect("/login");
  if (actor.mustChangePassword) redirect("/change-password");
  return actor;
}

/**
 * For route handlers (downloads): the actor who may use the portal now, or null. Unlike
 * currentActor, a user who still has to change an administrator-set password gets nothing.
 */
export async function routeActor(): Promise<Actor | null> {
  const actor = await currentActor();
  return actor && !actor.mustChangePassword ? actor : null;
}
