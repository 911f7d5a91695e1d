import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSession, encodeSession } from "@/lib/server/auth/session-jwt";

const secret = "a-test-secret-of-reasonable-length-0123456789";
const token = { uid: "user-1", loginAt: 1_790_000_000_000, lastSeen: 1_790_000_060_000, name: "张三" };

describe("the session token: next-auth's format, with the key derived once", () => {
  it("reads a token next-auth wrote, and next-auth reads one written here", async () => {
    expect(await decodeSession({ token: await encode({ token, secret, maxAge: 3600 }), secret })).toMatchObject(token);
    expect(await decode({ token: await encodeSession({ token, secret, maxAge: 3600 }), secret })).toMatchObject(token);
  });

  it("the same with a salt", async () => {
    expect(await decodeSession({ token: await encode({ token, secret, salt: "s1" }), secret, salt: "s1" })).toMatchObject(token);
    await expect(decodeSession({ token: await encode({ token, secret, salt: "s1" }), secret })).rejects.toThrow();
  });

  it("refuses a token of another secret, a tampered token and an expired one", async () => {
    const good = await encodeSession({ token, secret, maxAge: 3600 });
    await expect(decodeSession({ token: good, secret: `${secret}x` })).rejects.toThrow();
    const parts = good.split(".");
    parts[3] = parts[3].slice(0, -2) + (parts[3].endsWith("AA") ? "BB" : "AA");
    await expect(decodeSession({ token: parts.join("."), secret })).rejects.toThrow();
    // Expired beyond next-auth's 15 s clock tolerance.
    await expect(decodeSession({ token: await encodeSession({ token, secret, maxAge: -60 }), secret })).rejects.toThrow();
    expect(await decodeSession({ token: "", secret })).toBeNull();
  });

  it("sets the claims next-auth sets: iat, exp after maxAge, and a fresh jti", async () => {
    const a = await decodeSession({ token: await encodeSession({ token, secret, maxAge: 3600 }), secret });
    const b = await decodeSession({ token: await encodeSession({ token, secret, maxAge: 3600 }), secret });
    expect(Number(a?.exp) - Number(a?.iat)).toBe(3600);
    expect(a?.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(a?.jti).not.toBe(b?.jti);
  });
});
