import { fakeClockAllowed, now, setFakeNow } from "@/lib/server/clock";

/**
 * Test-only time source for the e2e tests (a publicity period ends without waiting five working
 * days). It does not exist unless the server was started with PORTAL_ALLOW_FAKE_CLOCK=1.
 */
export async function POST(request: Request) {
  if (!fakeClockAllowed()) return new Response("Not Found", { status: 404 });
  const body = (await request.json().catch(() => ({}))) as { now?: string | null };
  if (body.now !== null && (typeof body.now !== "string" || Number.isNaN(Date.parse(body.now)))) {
    return Response.json({ error: "now must be an ISO instant or null" }, { status: 400 });
  }
  setFakeNow(body.now);
  return Response.json({ now: now().toISOString() });
}

export async function GET() {
  if (!fakeClockAllowed()) return new Response("Not Found", { status: 404 });
  return Response.json({ now: now().toISOString() });
}
