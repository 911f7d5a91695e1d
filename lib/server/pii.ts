/**
 * Personal data at rest (issue 10, item 6): households' ID numbers and phone numbers are stored
 * encrypted with AES-256-GCM, and ID numbers also as a keyed hash (HMAC-SHA256) so that exact
 * lookups and the per-county duplicate check still work without decrypting anything.
 *
 * The master key is 32 random bytes in base64, from the environment (PII_KEY); `npm start` keeps
 * one in its data folder when none is set. Two subkeys are derived from it (HKDF-SHA256), one
 * to encrypt and one to hash, so neither use weakens the other.
 *
 * Stored text: `v1:<iv>:<tag>:<ciphertext>` (base64; a random 12-byte IV per value), with the
 * field's name as additional authenticated data, so a value moved to another column or altered
 * in the database fails to decrypt instead of showing something wrong.
 *
 * No `server-only` and no imports but node:crypto: the start script (which encrypts rows left
 * from before), the seed and the end-to-end fixtures use this file as well.
 */
import crypto from "node:crypto";

export type PiiField = "idNumber" | "phone";
export type PiiKeys = { readonly enc: Buffer; readonly mac: Buffer };

const VERSION = "v1";
const PREFIX = `${VERSION}:`;
const KEY_TEXT = /^[A-Za-z0-9+/_-]{43}=?$/;

export class PiiError extends Error {
  override name = "PiiError";
}

/** Derives the two subkeys from the master key text (32 bytes as base64 or base64url). */
export function parsePiiKey(text: string): PiiKeys {
  const trimmed = text.trim();
  const raw = Buffer.from(trimmed, "base64");
  if (!KEY_TEXT.test(trimmed) || raw.length !== 32) {
    throw new PiiError("PII_KEY must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`).");
  }
  const derive = (info: string) => Buffer.from(crypto.hkdfSync("sha256", raw, Buffer.alloc(0), info, 32));
  return { enc: derive("microcredit-pii-aes-256-gcm-v1"), mac: derive("microcredit-pii-hmac-sha256-v1") };
}

/** A fresh master key, as `npm start` writes to the data folder when PII_KEY is not set. */
export function generatePiiKey(): string {
  return crypto.randomBytes(32).toString("base64");
}

let cached: { text: string; keys: PiiKeys } | undefined;

/** The keys from PII_KEY; there is no fallback: without a key the portal refuses to read or write personal data. */
export function piiKeysFromEnv(): PiiKeys {
  const text = process.env.PII_KEY;
  if (!text) {
    throw new PiiError(
      "PII_KEY is not set: start the portal with `npm start` (which keeps a key in its data folder), or set PII_KEY to 32 random bytes in base64.",
    );
  }
  if (cached?.text !== text) cached = { text, keys: parsePiiKey(text) };
  return cached.keys;
}

/** Whether a stored value is in the encrypted format (anything else is plaintext left from before encryption). */
export function isEncryptedPii(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function encryptPii(keys: PiiKeys, field: PiiField, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keys.enc, iv);
  cipher.setAAD(Buffer.from(field, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

/**
 * The plain value; throws a PiiError (never naming the value) when the text is not in the
 * encrypted format, was encrypted with another key or for another field, or was altered.
 */
export function decryptPii(keys: PiiKeys, field: PiiField, stored: string): string {
  const parts = stored.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new PiiError(`${field} is not an encrypted value`);
  const [, iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, "base64"));
  if (iv.length !== 12 || tag.length !== 16) throw new PiiError(`${field} is not an encrypted value`);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", keys.enc, iv);
    decipher.setAAD(Buffer.from(field, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new PiiError(`${field} could not be decrypted: another PII_KEY, or the stored value was altered`);
  }
}

/** The form a value is compared in: ID numbers trimmed and upper-case (a trailing x is X), phones trimmed. */
export function normalisePii(field: PiiField, value: string): string {
  const trimmed = value.trim();
  return field === "idNumber" ? trimmed.toUpperCase() : trimmed;
}

/** Deterministic keyed hash for exact lookups and unique constraints (base64url, 43 characters). */
export function piiHash(keys: PiiKeys, field: PiiField, plain: string): string {
  return crypto.createHmac("sha256", keys.mac).update(`${field}\u0000${normalisePii(field, plain)}`, "utf8").digest("base64url");
}
