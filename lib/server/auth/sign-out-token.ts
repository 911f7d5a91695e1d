import "server-only";
import { cookies } from "next/headers";

/**
 * next-auth's CSRF token, from its double-submit cookie ("token|hash"; `__Host-` prefixed under
 * HTTPS), for the sign-out form: posted natively it signs out before the page's script has loaded
 * (an old PC, a slow phone). Null when the browser holds no such cookie; the form then relies on
 * its script, which fetches a fresh token.
 */
export async function signOutToken(): Promise<string | null> {
  const jar = await cookies();
  const raw = jar.get("__Host-next-auth.csrf-token")?.value ?? jar.get("next-auth.csrf-token")?.value;
  if (!raw) return null;
  let value = raw;
  try {
    value = decodeURIComponent(raw);
  } catch {
    // not URL-encoded
  }
  return value.split("|")[0] || null;
}
