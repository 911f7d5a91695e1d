import { fakeClockAllowed, shanghaiToday } from "@/lib/server/clock";
import { runDailyJob } from "@/lib/server/jobs/daily";

/**
 * Test-only trigger of the daily job for the e2e tests (the server clock is moved through
 * /api/test/clock). It does not exist unless the server was started with PORTAL_ALLOW_FAKE_CLOCK=1.
 */
export async function POST(request: Request) {
  if (!fakeClockAllowed()) return new Response("Not Found", { status: 404 });
  const body = (await request.json().catch(() => ({}))) as { date?: string };
  const date = body.date ?? shanghaiToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return Response.json({ error: "date must be YYYY-MM-DD" }, { status: 400 });
  return Response.json({ date, runs: await runDailyJob(date) });
}
