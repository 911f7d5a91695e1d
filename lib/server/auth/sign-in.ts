import "server-only";
import {
  ADDRESS_LOCKOUT_POLICY,
  afterFailedSignIn,
  afterSuccessfulSignIn,
  DEFAULT_LOCKOUT_POLICY,
  isLocked,
  type LockoutPolicy,
} from "@/lib/domain/account-lockout";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { prisma } from "../db";
import { AppError } from "../errors";
import { isAdminLocked } from "../users/admin-lock";
import { verifyAgainstDummy, verifyPassword } from "./passwords";

export const SIGN_IN_FAILED = "用户名或密码错误。";
export const SIGN_IN_LOCKED = `登录失败次数过多，账户已被锁定 ${DEFAULT_LOCKOUT_POLICY.lockMinutes} 分钟，请稍后再试。`;
export const SIGN_IN_ADMIN_LOCKED = "账户已被系统管理员锁定，请联系系统管理员。";
export const SIGN_IN_ADDRESS_LOCKED = `此网络地址登录失败次数过多，已暂停登录 ${ADDRESS_LOCKOUT_POLICY.lockMinutes} 分钟，请稍后再试。`;

export type SignedInUser = { id: string; username: string; displayName: string; role: string };

/**
 * Checks a user name and password. Every failure gives the same message whether or not the
 * user exists; unknown names are throttled in LoginThrottle exactly like real accounts.
 */
export async function signInWithPassword(usernameRaw: string, password: string, clientAddress?: string | null): Promise<SignedInUser> {
  const now = clockNow();
  const addressKey = clientAddress ? `ip:${clientAddress}` : null;
  // Per address as well as per account: many names tried from one place are stopped too.
  if (addressKey && isLocked(await throttleState(addressKey, now, ADDRESS_LOCKOUT_POLICY), now)) {
    await verifyAgainstDummy(password);
    throw new AppError("UNAUTHENTICATED", SIGN_IN_ADDRESS_LOCKED);
  }
  try {
    return await signInChecked(String(usernameRaw ?? "").trim(), password, now);
  } catch (error) {
    if (addressKey && error instanceof AppError) await recordThrottledFailure(addressKey, now, ADDRESS_LOCKOUT_POLICY);
    throw error;
  }
}

/** A throttle row's state; failures older than the lock period no longer count. */
async function throttleState(key: string, now: Date, policy: LockoutPolicy) {
  const row = await prisma.loginThrottle.findUnique({ where: { key } });
  const stale = row && !row.lockedUntil && now.getTime() - row.updatedAt.getTime() > policy.lockMinutes * 60_000;
  return { failedLoginCount: row && !stale ? row.failedCount : 0, lockedUntil: row?.lockedUntil ?? null };
}

async function recordThrottledFailure(key: string, now: Date, policy: LockoutPolicy) {
  const next = afterFailedSignIn(await throttleState(key, now, policy), now, policy);
  await prisma.loginThrottle.upsert({
    where: { key },
    create: { key, failedCount: next.failedLoginCount, lockedUntil: next.lockedUntil },
    update: { failedCount: next.failedLoginCount, lockedUntil: next.lockedUntil },
  });
  return next;
}

async function signInChecked(username: string, password: string, now: Date): Promise<SignedInUser> {
  if (!username || !password) throw new AppError("UNAUTHENTICATED", SIGN_IN_FAILED);
  const user = await prisma.user.findUnique({ where: { username } });

  if (!user) {
    await verifyAgainstDummy(password);
    const key = `user:${username.toLowerCase()}`;
    if (isLocked(await throttleState(key, now, DEFAULT_LOCKOUT_POLICY), now)) throw new AppError("UNAUTHENTICATED", SIGN_IN_LOCKED);
    const next = await recordThrottledFailure(key, now, DEFAULT_LOCKOUT_POLICY);
    throw new AppError("UNAUTHENTICATED", next.lockedUntil ? SIGN_IN_LOCKED : SIGN_IN_FAILED);
  }

  if (isLocked(user, now)) {
    // An administrator's lock is told only to someone who knows the password.
    const adminLock = isAdminLocked(user.lockedUntil) && (await verifyPassword(user.passwordHash, password));
    if (!adminLock) await verifyAgainstDummy(password);
    throw new AppError("UNAUTHENTICATED", adminLock ? SIGN_IN_ADMIN_LOCKED : SIGN_IN_LOCKED);
  }
  const ok = user.active && (await verifyPassword(user.passwordHash, password));
  const actor = { userId: user.id, role: user.role } as const;
  if (!ok) {
    const next = afterFailedSignIn(user, now);
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: next.failedLoginCount, lockedUntil: next.lockedUntil } });
      await writeAudit(tx, null, {
        action: next.lockedUntil ? "auth.locked" : "auth.signInFailed",
        entity: "User",
        entityId: user.id,
        countyId: await countyOf(user.orgUnitId),
        after: { failedLoginCount: next.failedLoginCount, lockedUntil: next.lockedUntil },
      });
    });
    throw new AppError("UNAUTHENTICATED", next.lockedUntil ? SIGN_IN_LOCKED : SIGN_IN_FAILED);
  }
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { ...afterSuccessfulSignIn(), lastLoginAt: now } });
    await writeAudit(tx, null, {
      action: "auth.signIn",
      entity: "User",
      entityId: actor.userId,
      countyId: await countyOf(user.orgUnitId),
    });
  });
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role };
}

async function countyOf(orgUnitId: string | null): Promise<string | null> {
  if (!orgUnitId) return null;
  const unit = await prisma.orgUnit.findUnique({ where: { id: orgUnitId }, select: { countyId: true } });
  return unit?.countyId ?? null;
}
