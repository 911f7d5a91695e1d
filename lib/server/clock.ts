/**
 * The server's notion of "now". Tests and e2e move it with PORTAL_FAKE_NOW (an ISO instant),
 * which is honoured only outside production builds or when PORTAL_ALLOW_FAKE_CLOCK=1 is set
 * by the test runner, never by a deployment.
 */
export function now(): Date {
  const fake = process.env.PORTAL_ALLOW_FAKE_CLOCK === "1" ? process.env.PORTAL_FAKE_NOW : undefined;
  return fake ? new Date(fake) : new Date();
}

/** Today's calendar date in Asia/Shanghai (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function shanghaiToday(at: Date = now()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
