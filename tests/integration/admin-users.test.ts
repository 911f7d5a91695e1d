import { hash } from "@node-rs/argon2";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { actorFromUser } from "@/lib/server/actor-from-user";
import { SIGN_IN_ADMIN_LOCKED, signInWithPassword } from "@/lib/server/auth/sign-in";
import { changePassword } from "@/lib/server/users/change-password";
import { createUser } from "@/lib/server/users/create-user";
import { deactivateUser } from "@/lib/server/users/deactivate-user";
import { getUser } from "@/lib/server/users/get-user";
import { listUsers } from "@/lib/server/users/list-users";
import { lockUser } from "@/lib/server/users/lock-user";
import { reactivateUser } from "@/lib/server/users/reactivate-user";
import { resetUserPassword } from "@/lib/server/users/reset-user-password";
import { unlockUser } from "@/lib/server/users/unlock-user";
import { auditActions, rejection } from "./admin-helpers";
import { makeActor, makeCounty, prisma, resetDb, type TestCounty } from "./fixtures";

async function actorOf(userId: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { orgUnit: true } });
  return actorFromUser(user)!;
}

describe("admin: users (real PostgreSQL)", () => {
  let a: TestCounty;
  let admin: Actor;

  beforeEach(async () => {
    await resetDb();
    a = await makeCounty("410101");
    admin = await makeActor("admin", a.county.id);
  });

  const township = (overrides: Record<string, unknown> = {}) => ({
    username: "Xiang09",
    displayName: "王站长",
    phone: "13800138000",
    role: "township_officer",
    orgUnitId: a.townships[0].id,
    ...overrides,
  });

  it("creates a township officer with a one-time password that must be changed, audited without any hash", async () => {
    const { id, username, oneTimePassword } = await createUser(admin, township());
    expect(username).toBe("xiang09");
    expect(oneTimePassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12}$/);
    const row = await prisma.user.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ role: "township_officer", orgUnitId: a.townships[0].id, mustChangePassword: true, active: true });
    expect(row.passwordHash).not.toContain(oneTimePassword);
    await expect(signInWithPassword("xiang09", oneTimePassword)).resolves.toMatchObject({ id });

    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "user.create" } });
    expect(audit).toMatchObject({ actorId: admin.userId, countyId: a.county.id });
    expect(JSON.stringify(audit.after)).not.toMatch(/passwordHash|argon2/);
    expect(JSON.stringify(audit.after)).not.toContain(oneTimePassword);

    const actor = await actorOf(id);
    expect(actor.mustChangePassword).toBe(true);
    expect(actor.townshipId).toBe(a.townships[0].id);
  });

  it("refuses a unit of the wrong level, a unit of another county, a taken user name, each at its field", async () => {
    const wrongLevel = await rejection(createUser(admin, township({ orgUnitId: a.townships[0].villages[0].id })));
    expect(wrongLevel.fieldErrors?.orgUnitId).toEqual(["该角色须隶属于乡镇"]);

    const b = await makeCounty("420202");
    const foreign = await rejection(createUser(admin, township({ orgUnitId: b.townships[0].id })));
    expect(foreign.fieldErrors?.orgUnitId?.[0]).toContain("本县");

    await createUser(admin, township());
    const taken = await rejection(createUser(admin, township({ username: "xiang09" })));
    expect(taken.fieldErrors?.username?.[0]).toContain("已被使用");

    const badName = await rejection(createUser(admin, township({ username: "9x", displayName: "" })));
    expect(badName.fieldErrors?.username?.[0]).toContain("以字母开头");
    expect(badName.fieldErrors?.displayName).toEqual(["请填写姓名"]);
    expect(await prisma.user.count({ where: { role: "township_officer" } })).toBe(1);
  });

  it("a bank officer needs one of the county's active banks", async () => {
    const bank = await prisma.bank.create({ data: { countyId: a.county.id, name: "农业银行" } });
    const missing = await rejection(createUser(admin, township({ role: "bank_officer", orgUnitId: a.county.id })));
    expect(missing.fieldErrors?.bankId?.[0]).toContain("合作银行");
    const { id } = await createUser(admin, township({ role: "bank_officer", orgUnitId: a.county.id, bankId: bank.id }));
    expect((await prisma.user.findUniqueOrThrow({ where: { id } })).bankId).toBe(bank.id);
  });

  it("the user must change the one-time password; rules and the last five passwords are enforced", async () => {
    const { id, oneTimePassword } = await createUser(admin, township());
    const user = await actorOf(id);

    const wrong = await rejection(changePassword(user, { currentPassword: "nope", newPassword: "Abcdef12345", confirmPassword: "Abcdef12345" }));
    expect(wrong.fieldErrors?.currentPassword).toEqual(["当前密码不正确"]);
    const weak = await rejection(changePassword(user, { currentPassword: oneTimePassword, newPassword: "abcdefghijk", confirmPassword: "abcdefghijk" }));
    expect(weak.fieldErrors?.newPassword).toEqual(["密码须同时包含字母和数字"]);
    const mismatch = await rejection(changePassword(user, { currentPassword: oneTimePassword, newPassword: "Abcdef12345", confirmPassword: "Abcdef12346" }));
    expect(mismatch.fieldErrors?.confirmPassword?.[0]).toContain("不一致");
    const same = await rejection(changePassword(user, { currentPassword: oneTimePassword, newPassword: oneTimePassword, confirmPassword: oneTimePassword }));
    expect(same.fieldErrors?.newPassword?.[0]).toContain("最近 5 次");

    const passwords = ["Password01", "Password02", "Password03", "Password04", "Password05"];
    let current = oneTimePassword;
    for (const p of passwords) {
      await changePassword(user, { currentPassword: current, newPassword: p, confirmPassword: p });
      current = p;
    }
    const row = await prisma.user.findUniqueOrThrow({ where: { id } });
    expect(row.mustChangePassword).toBe(false);
    // The last five (Password01…05) are refused.
    for (const p of passwords) {
      const reused = await rejection(changePassword(user, { currentPassword: current, newPassword: p, confirmPassword: p }));
      expect(reused.fieldErrors?.newPassword).toEqual(["不能使用最近 5 次用过的密码"]);
    }
    // A sixth change pushes Password01 out of the last five.
    await changePassword(user, { currentPassword: current, newPassword: "Password06", confirmPassword: "Password06" });
    await changePassword(user, { currentPassword: "Password06", newPassword: "Password01", confirmPassword: "Password01" });
    await expect(signInWithPassword("xiang09", "Password01")).resolves.toMatchObject({ id });
    expect((await auditActions(id)).filter((a) => a === "user.changePassword")).toHaveLength(7);
  });

  it("changing the password moves passwordChangedAt, which ends older sessions", async () => {
    const { id, oneTimePassword } = await createUser(admin, township());
    const before = await prisma.user.findUniqueOrThrow({ where: { id } });
    await new Promise((r) => setTimeout(r, 5));
    await changePassword(await actorOf(id), { currentPassword: oneTimePassword, newPassword: "Newpass2026x", confirmPassword: "Newpass2026x" });
    const after = await prisma.user.findUniqueOrThrow({ where: { id } });
    expect(after.passwordChangedAt.getTime()).toBeGreaterThan(before.passwordChangedAt.getTime());
  });

  it("reset gives a new one-time password, clears a lockout, keeps the old hash in history", async () => {
    const { id, oneTimePassword } = await createUser(admin, township());
    await changePassword(await actorOf(id), { currentPassword: oneTimePassword, newPassword: "Mypassword1", confirmPassword: "Mypassword1" });
    await prisma.user.update({ where: { id }, data: { failedLoginCount: 5, lockedUntil: new Date(Date.now() + 600_000) } });
    const reset = await resetUserPassword(admin, { id });
    expect(reset.oneTimePassword).not.toBe(oneTimePassword);
    const row = await prisma.user.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ mustChangePassword: true, failedLoginCount: 0, lockedUntil: null });
    await expect(signInWithPassword("xiang09", reset.oneTimePassword)).resolves.toMatchObject({ id });
    // The password before the reset is still one of the last five.
    const reused = await rejection(changePassword(await actorOf(id), { currentPassword: reset.oneTimePassword, newPassword: "Mypassword1", confirmPassword: "Mypassword1" }));
    expect(reused.fieldErrors?.newPassword?.[0]).toContain("最近 5 次");
    expect(await auditActions(id)).toContain("user.resetPassword");
  });

  it("locks until unlocked (sign-in refused even with the right password), then unlocks", async () => {
    const user = await prisma.user.create({
      data: { username: "xian09", displayName: "县干部", role: "county_officer", orgUnitId: a.county.id, passwordHash: await hash("Rightpass2026") },
    });
    await lockUser(admin, { id: user.id });
    await expect(signInWithPassword("xian09", "Rightpass2026")).rejects.toThrow(SIGN_IN_ADMIN_LOCKED);
    expect((await getUser(admin, { id: user.id })).status).toBe("adminLocked");
    expect((await rejection(lockUser(admin, { id: user.id }))).code).toBe("CONFLICT");
    await unlockUser(admin, { id: user.id });
    await expect(signInWithPassword("xian09", "Rightpass2026")).resolves.toMatchObject({ id: user.id });
    expect(await auditActions(user.id)).toEqual(["user.lock", "user.unlock", "auth.signIn"]);
  });

  it("deactivates (never deletes) and reactivates; an admin cannot lock or deactivate itself", async () => {
    const { id } = await createUser(admin, township());
    await deactivateUser(admin, { id });
    expect((await prisma.user.findUniqueOrThrow({ where: { id } })).active).toBe(false);
    expect((await rejection(deactivateUser(admin, { id }))).code).toBe("CONFLICT");
    await reactivateUser(admin, { id });
    expect((await prisma.user.findUniqueOrThrow({ where: { id } })).active).toBe(true);
    expect((await rejection(deactivateUser(admin, { id: admin.userId }))).code).toBe("RULE_VIOLATION");
    expect((await rejection(lockUser(admin, { id: admin.userId }))).code).toBe("RULE_VIOLATION");
    expect(await auditActions(id)).toEqual(["user.create", "user.deactivate", "user.reactivate"]);
  });

  it("lists the county's users only; other roles may not manage users", async () => {
    await createUser(admin, township());
    const b = await makeCounty("420202");
    await makeActor("county_officer", b.county.id);
    const rows = await listUsers(admin, {});
    expect(rows.map((r) => r.username).sort()).toEqual([admin.username, "xiang09"].sort());
    const officer = await makeActor("county_officer", a.county.id);
    expect((await rejection(listUsers(officer, {}))).code).toBe("FORBIDDEN");
    expect((await rejection(createUser(officer, township({ username: "other1" })))).code).toBe("FORBIDDEN");
  });
});
