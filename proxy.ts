import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";
import { decodeSession, encodeSession } from "@/lib/server/auth/session-jwt";
import { SESSION_MAX_AGE_SECONDS, sessionExpired } from "@/lib/server/auth/session-policy";
import { baseSecurityHeaders, contentSecurityPolicy, crossSiteRefused } from "@/lib/server/http/security-headers";

// /api/test answers 404 unless the server runs with PORTAL_ALLOW_FAKE_CLOCK=1 (tests only).
const PUBLIC_PATHS = ["/login", "/api/auth", "/api/test"];
const REFRESH_AFTER_MS = 60_000;

function sessionCookieName(request: NextRequest) {
  return request.nextUrl.protocol === "https:" ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/**
 * Enforces the idle timeout: every request slides `lastSeen` forward; a session idle for
 * 30 minutes (or older than 8 hours) is cleared and the user is sent to sign in again.
 * Pages and use cases still check the session themselves; this only keeps it alive.
 */
export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  const https = request.nextUrl.protocol === "https:";
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  // Pages get the full policy; downloads (PDFs open in the browser's viewer) only refuse framing.
  const csp = path.startsWith("/api/")
    ? "frame-ancestors 'none'"
    : contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV !== "production", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const secured = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", csp);
    for (const [name, value] of Object.entries(baseSecurityHeaders(https))) response.headers.set(name, value);
    return response;
  };
  const next = () => NextResponse.next({ request: { headers: requestHeaders } });

  // next-auth's own routes carry its double-submit CSRF token; /api/test exists only in tests.
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (path.startsWith("/api/") && !PUBLIC_PATHS.some((p) => path.startsWith(`${p}/`)) && crossSiteRefused(request.method, host, request.headers.get("origin"), request.headers.get("referer"))) {
    return secured(new NextResponse("跨站请求已被拒绝。", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } }));
  }
  if (PUBLIC_PATHS.some((p) => path === p || path.startsWith(`${p}/`))) return secured(next());

  const secret = process.env.NEXTAUTH_SECRET;
  const token = await getToken({ req: request, secret, decode: decodeSession });
  const nowMs = Date.now();
  if (!token || sessionExpired(token as { loginAt?: number; lastSeen?: number }, nowMs)) {
    const login = new URL("/login", request.url);
    if (token) login.searchParams.set("expired", "1");
    else if (path !== "/") login.searchParams.set("callbackUrl", path + request.nextUrl.search);
    const response = NextResponse.redirect(login);
    response.cookies.delete(sessionCookieName(request));
    return secured(response);
  }

  const response = secured(next());
  if (nowMs - (token.lastSeen as number) > REFRESH_AFTER_MS) {
    const refreshed = await encodeSession({ token: { ...token, lastSeen: nowMs }, secret: secret!, maxAge: SESSION_MAX_AGE_SECONDS });
    response.cookies.set(sessionCookieName(request), refreshed, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: request.nextUrl.protocol === "https:",
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
  }
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|fonts/).*)"],
};
