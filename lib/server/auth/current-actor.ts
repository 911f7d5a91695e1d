import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "../actor";
import { actorFromUser } from "../actor-from-user";
import { epochMs, queryRows, statement } from "../sql";
import { isAdminLocked } from "../users/admin-lock";
import { currentSession } from "./current-session";
import { sessionExpired } from "./session-policy";

type UserRow = {
  id: string;
  username: string;
  displayName: string;
  role: Actor["role"];
  bankId: string | null;
  active: boolean;
  mustChangePassword: boolean;
  passwordChangedMs: number;
  lockedUntilMs: number | null;
  unitId: string | null;
  unitName: string | null;
  unitLevel: "county" | "township" | "village" | null;
  unitParentId: string | null;
  unitCountyId: string | null;
};

const USER_WITH_UNIT = statement(
  `SELECT u.id, u.username, u."displayName", u.role::text AS role, u."bankId", u.active, u."mustChangePassword",
     ${epochMs('u."passwordChangedAt"')} AS "passwordChangedMs", ${epochMs('u."lockedUntil"')} AS "lockedUntilMs",
     o.id AS "unitId", o.name AS "unitName", o.level::text AS "unitLevel", o."parentId" AS "unitParentId", o."countyId" AS "unitCountyId"
   FROM "User" u LEFT JOIN "OrgUnit" o ON o.id = u."orgUnitId"
   WHERE u.id = $1`,
);

/**
 * The signed-in actor, rebuilt from the database on every request so that a deactivated
 * user, a changed role or a changed password takes effect at once. Null when signed out.
 */
export async function currentActor(): Promise<Actor | null> {
  const session = await currentSession();
  if (!session?.uid || sessionExpired(session, Date.now())) return null;
  const [user] = await queryRows<UserRow>(USER_WITH_UNIT, [session.uid]);
  if (!user || !user.active || isAdminLocked(user.lockedUntilMs === null ? null : new Date(user.lockedUntilMs))) return null;
  if (session.loginAt && user.passwordChangedMs > session.loginAt) return null;
  const orgUnit = user.unitId && user.unitName !== null && user.unitLevel !== null
    ? { id: user.unitId, name: user.unitName, level: user.unitLevel, parentId: user.unitParentId, countyId: user.unitCountyId }
    : null;
  return actorFromUser({ ...user, orgUnit });
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
