/**
 * The server's notion of "now". Tests move it — never a deployment: only when the process was
 * started with PORTAL_ALLOW_FAKE_CLOCK=1 (the test runners do this) does a fake time apply, set
 * either by PORTAL_FAKE_NOW (an ISO instant) or at run time through setFakeNow (the e2e tests'
 * /api/test/clock route).
 */
const state = globalThis as unknown as { __portalFakeNow?: string | null };

export function fakeClockAllowed(): boolean {
  return process.env.PORTAL_ALLOW_FAKE_CLOCK === "1";
}

export function setFakeNow(iso: string | null) {
  if (!fakeClockAllowed()) throw new Error("the fake clock is disabled");
  state.__portalFakeNow = iso;
}

export function now(): Date {
  if (!fakeClockAllowed()) return new Date();
  const fake = state.__portalFakeNow ?? process.env.PORTAL_FAKE_NOW;
  return fake ? new Date(fake) : new Date();
}

/** Today's calendar date in Asia/Shanghai (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function shanghaiToday(at: Date = now()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
