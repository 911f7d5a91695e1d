import { describe, expect, it } from "vitest";
import { afterFailedSignIn, afterSuccessfulSignIn, isLocked } from "@/lib/domain/account-lockout";

const t0 = new Date("2026-11-23T02:00:00Z");
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const fresh = { failedLoginCount: 0, lockedUntil: null };

function failTimes(n: number, at = t0) {
  let state: { failedLoginCount: number; lockedUntil: Date | null } = fresh;
  for (let i = 0; i < n; i++) state = afterFailedSignIn(state, at);
  return state;
}

describe("issue 2: five failed sign-ins lock the account for 15 minutes", () => {
  it("four failures do not lock", () => {
    const state = failTimes(4);
    expect(state).toEqual({ failedLoginCount: 4, lockedUntil: null });
    expect(isLocked(state, t0)).toBe(false);
  });

  it("the fifth failure locks until 15 minutes later", () => {
    const state = failTimes(5);
    expect(state.lockedUntil).toEqual(minutes(15));
    expect(isLocked(state, t0)).toBe(true);
    expect(isLocked(state, minutes(14.99))).toBe(true);
  });

  it("the lock ends exactly at 15 minutes", () => {
    expect(isLocked(failTimes(5), minutes(15))).toBe(false);
  });

  it("failures while locked do not extend the lock", () => {
    const locked = failTimes(5);
    expect(afterFailedSignIn(locked, minutes(10))).toEqual(locked);
  });

  it("after the lock runs out, counting starts afresh", () => {
    const next = afterFailedSignIn(failTimes(5), minutes(16));
    expect(next).toEqual({ failedLoginCount: 1, lockedUntil: null });
  });

  it("a successful sign-in clears the count", () => {
    expect(afterSuccessfulSignIn()).toEqual(fresh);
    expect(isLocked(afterSuccessfulSignIn(), t0)).toBe(false);
  });
});
