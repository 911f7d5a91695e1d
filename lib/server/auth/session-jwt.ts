import { hkdfSync, randomUUID } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { EncryptJWT, jwtDecrypt } from "jose";

/**
 * The session cookie's token, in next-auth's own format (a JWE, "dir" + A256GCM, with the key
 * next-auth derives from NEXTAUTH_SECRET by HKDF), so that tokens written here and by next-auth
 * are interchangeable. next-auth derives the key again for every token it reads or writes; the
 * proxy and the page read the session on every request, so the key is derived once per secret.
 */
const keys = new Map<string, Uint8Array>();

function keyFor(secret: string | Buffer, salt = ""): Uint8Array {
  const id = `${String(secret)}\u0000${salt}`;
  let key = keys.get(id);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32));
    keys.set(id, key);
  }
  return key;
}

type EncodeParams = { token?: JWT; secret: string | Buffer; maxAge?: number; salt?: string };
type DecodeParams = { token?: string; secret: string | Buffer; salt?: string };

export async function encodeSession({ token = {}, secret, maxAge, salt }: EncodeParams): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(now)
    .setExpirationTime(now + (maxAge ?? 30 * 24 * 3600))
    .setJti(randomUUID())
    .encrypt(keyFor(secret, salt));
}

export async function decodeSession({ token, secret, salt }: DecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, keyFor(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}

/** The session cookie's names: under HTTPS browsers keep only the `__Secure-` one. */
export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;
