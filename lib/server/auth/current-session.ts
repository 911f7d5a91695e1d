import "server-only";
import { cookies } from "next/headers";
import { decodeSession, SESSION_COOKIES } from "./session-jwt";

export type SessionWithUid = { uid?: string; loginAt?: number; lastSeen?: number };

/**
 * The session the cookie carries: what next-auth's getServerSession returns for it, read without
 * next-auth's request handler, which would also derive keys, make a CSRF token and re-encrypt the
 * token on every call (all of it thrown away in a server render). An invalid or expired token is
 * no session.
 */
export async function currentSession(): Promise<SessionWithUid | null> {
  const jar = await cookies();
  // next-auth would split a token over 4 KB into `name.0`, `name.1`, …; ours (a user id and two
  // times) is a few hundred bytes, so it is always one cookie.
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  const secret = process.env.NEXTAUTH_SECRET;
  if (!token || !secret) return null;
  try {
    return (await decodeSession({ token, secret })) as SessionWithUid | null;
  } catch {
    return null;
  }
}
