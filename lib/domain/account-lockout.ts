/**
 * Sign-in lockout (issue 2): after `maxFailures` consecutive failures the account is locked
 * for `lockMinutes`. A failure while locked does not extend the lock, so a locked-out user
 * always knows when to come back.
 */
export type LockoutPolicy = { maxFailures: number; lockMinutes: number };
export type LockoutState = { failedLoginCount: number; lockedUntil: Date | null };

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };
/**
 * One network address (an office behind one NAT may hold a dozen staff): 30 failures within
 * 15 minutes, whatever the names, pause sign-in from it for 15 minutes.
 */
export const ADDRESS_LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 30, lockMinutes: 15 };

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

export function afterFailedSignIn(state: LockoutState, now: Date, policy = DEFAULT_LOCKOUT_POLICY): LockoutState {
  if (isLocked(state, now)) return state;
  // A lock that has run out starts a fresh count.
  const previous = state.lockedUntil !== null ? 0 : state.failedLoginCount;
  const failedLoginCount = previous + 1;
  if (failedLoginCount >= policy.maxFailures) {
    return { failedLoginCount, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  }
  return { failedLoginCount, lockedUntil: null };
}

export function afterSuccessfulSignIn(): LockoutState {
  return { failedLoginCount: 0, lockedUntil: null };
}
