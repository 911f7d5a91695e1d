/** Sessions end 8 hours after sign-in, or after 30 minutes without a request (issue 2). */
export const SESSION_MAX_AGE_SECONDS = 8 * 3600;
export const SESSION_IDLE_SECONDS = 30 * 60;

export type SessionTimes = { loginAt?: number; lastSeen?: number };

export function sessionExpired(token: SessionTimes, nowMs: number): boolean {
  if (typeof token.loginAt !== "number" || typeof token.lastSeen !== "number") return true;
  return nowMs - token.loginAt > SESSION_MAX_AGE_SECONDS * 1000 || nowMs - token.lastSeen > SESSION_IDLE_SECONDS * 1000;
}
