/**
 * An account locked by an administrator stays locked until unlocked: its lockedUntil is set to
 * this far-future instant, which also tells it apart from a 15-minute sign-in lockout.
 */
export const ADMIN_LOCK_UNTIL = new Date("9999-12-31T00:00:00.000Z");

export function isAdminLocked(lockedUntil: Date | null): boolean {
  return lockedUntil !== null && lockedUntil.getTime() >= ADMIN_LOCK_UNTIL.getTime();
}
