import "server-only";
import type { Prisma, User } from "@/generated/prisma/client";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";

/** A user as the audit trail and the admin pages see it: never a password hash. */
export function userView(user: User) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    phone: user.phone,
    role: user.role,
    orgUnitId: user.orgUnitId,
    bankId: user.bankId,
    active: user.active,
    lockedUntil: user.lockedUntil,
    failedLoginCount: user.failedLoginCount,
    mustChangePassword: user.mustChangePassword,
  };
}

/** Users of the admin's own county (through their org unit); other counties' users do not exist for them. */
export function usersOfCounty(actor: Actor): Prisma.UserWhereInput {
  if (!actor.countyId) throw new AppError("FORBIDDEN", "账户未配置所属县，请联系系统管理员。");
  return { orgUnit: { countyId: actor.countyId } };
}

export async function findUserInCounty(tx: Tx, actor: Actor, id: string): Promise<User & { countyId: string }> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw AppError.notFound("用户");
  const user = await tx.user.findFirst({ where: { id, ...usersOfCounty(actor) } });
  if (!user) throw AppError.notFound("用户");
  return { ...user, countyId: actor.countyId! };
}

/** Refuses an admin's action on their own account where it would lock them out. */
export function notOnSelf(actor: Actor, userId: string, what: string): void {
  if (actor.userId === userId) throw new AppError("RULE_VIOLATION", `不能${what}自己的账户。`);
}
