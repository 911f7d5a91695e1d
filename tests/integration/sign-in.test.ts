import { hash } from "@node-rs/argon2";
import { beforeEach, describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/server/auth/options";
import { SIGN_IN_ADDRESS_LOCKED, SIGN_IN_FAILED, SIGN_IN_LOCKED, signInWithPassword } from "@/lib/server/auth/sign-in";
import { makeCounty, prisma, resetDb } from "./fixtures";

const PASSWORD = "Correct-horse-42";

async function message(promise: Promise<unknown>) {
  return promise.then(() => "signed in", (e: Error) => e.message);
}

describe("sign-in with lockout (real PostgreSQL)", () => {
  beforeEach(async () => {
    await resetDb();
    const { county } = await makeCounty("410101");
    await prisma.user.create({
      data: { username: "xian01", displayName: "李主任", role: "county_officer", orgUnitId: county.id, passwordHash: await hash(PASSWORD) },
    });
  });

  it("the right password signs in, resets the counter and is audited", async () => {
    await message(signInWithPassword("xian01", "wrong"));
    const user = await signInWithPassword("xian01", PASSWORD);
    expect(user.username).toBe("xian01");
    const row = await prisma.user.findUniqueOrThrow({ where: { username: "xian01" } });
    expect(row.failedLoginCount).toBe(0);
    expect(row.lastLoginAt).not.toBeNull();
    const actions = (await prisma.auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["auth.signInFailed", "auth.signIn"]);
  });

  it("a wrong password and an unknown user get the same message", async () => {
    expect(await message(signInWithPassword("xian01", "wrong"))).toBe(SIGN_IN_FAILED);
    expect(await message(signInWithPassword("nobody", "wrong"))).toBe(SIGN_IN_FAILED);
  });

  it("five wrong passwords lock the account: even the right password is refused", async () => {
    for (let i = 0; i < 4; i++) expect(await message(signInWithPassword("xian01", "wrong"))).toBe(SIGN_IN_FAILED);
    expect(await message(signInWithPassword("xian01", "wrong"))).toBe(SIGN_IN_LOCKED);
    expect(await message(signInWithPassword("xian01", PASSWORD))).toBe(SIGN_IN_LOCKED);
    const row = await prisma.user.findUniqueOrThrow({ where: { username: "xian01" } });
    expect(row.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(await prisma.auditEvent.count({ where: { action: "auth.locked" } })).toBe(1);
  });

  it("an unknown user name locks the same way, so a lockout reveals nothing", async () => {
    for (let i = 0; i < 4; i++) await message(signInWithPassword("ghost", "x"));
    expect(await message(signInWithPassword("ghost", "x"))).toBe(SIGN_IN_LOCKED);
  });

  it("a deactivated user cannot sign in, with the same message", async () => {
    await prisma.user.update({ where: { username: "xian01" }, data: { active: false } });
    expect(await message(signInWithPassword("xian01", PASSWORD))).toBe(SIGN_IN_FAILED);
  });

  it("thirty failures from one address, over many names, pause sign-in from it, even for a right password", async () => {
    for (let i = 0; i < 29; i++) expect(await message(signInWithPassword(`name${i}`, "x", "10.0.0.7"))).toBe(SIGN_IN_FAILED);
    expect(await message(signInWithPassword("name29", "x", "10.0.0.7"))).toBe(SIGN_IN_FAILED);
    expect(await message(signInWithPassword("xian01", PASSWORD, "10.0.0.7"))).toBe(SIGN_IN_ADDRESS_LOCKED);
    // Another address is not affected, and the account itself was never locked.
    expect((await signInWithPassword("xian01", PASSWORD, "10.0.0.8")).username).toBe("xian01");
  });

  it("failures older than the lock period no longer count towards a lock", async () => {
    for (let i = 0; i < 4; i++) await message(signInWithPassword("ghost", "x"));
    await prisma.$executeRawUnsafe(`UPDATE "LoginThrottle" SET "updatedAt" = now() - interval '16 minutes'`);
    expect(await message(signInWithPassword("ghost", "x"))).toBe(SIGN_IN_FAILED);
  });

  it("takes the address the nearest proxy added", () => {
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4, 10.0.0.9" })).toBe("10.0.0.9");
    expect(clientAddress(new Headers({ "x-forwarded-for": "127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientAddress({})).toBeNull();
  });
});
