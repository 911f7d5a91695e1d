import "server-only";
import { cookies } from "next/headers";
import { decodeSession, SESSION_COOKIES } from "./session-jwt";

export type SessionWithUid = { uid?: string; loginAt?: number; lastSeen?: number };

type CookieJar = Awaited<ReturnType<typeof cookies>>;

/** The session token from its cookie; next-auth splits one over 4 KB into `name.0`, `name.1`, … */
function sessionCookie(jar: CookieJar): string | undefined {
  for (const name of SESSION_COOKIES) {
    const whole = jar.get(name)?.value;
    if (whole) return whole;
    const chunks = jar.getAll().filter((c) => c.name.startsWith(`${name}.`));
    if (chunks.length > 0) return chunks.sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1))).map((c) => c.value).join("");
  }
  return undefined;
}

/**
 * The session the cookie carries: what next-auth's getServerSession returns for it, read without
 * next-auth's request handler, which would also derive keys, make a CSRF token and re-encrypt the
 * token on every call (all of it thrown away in a server render). An invalid or expired token is
 * no session.
 */
export async function currentSession(): Promise<SessionWithUid | null> {
  const token = sessionCookie(await cookies());
  const secret = process.env.NEXTAUTH_SECRET;
  if (!token || !secret) return null;
  try {
    return (await decodeSession({ token, secret })) as SessionWithUid | null;
  } catch {
    return null;
  }
}
