import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { createBank } from "@/lib/server/banks/create-bank";
import { getBank } from "@/lib/server/banks/get-bank";
import { listBanks } from "@/lib/server/banks/list-banks";
import { updateBank } from "@/lib/server/banks/update-bank";
import { addCalendarDay } from "@/lib/server/calendar/add-calendar-day";
import { listCalendarDays } from "@/lib/server/calendar/list-calendar-days";
import { removeCalendarDay } from "@/lib/server/calendar/remove-calendar-day";
import { deactivateOrgUnit } from "@/lib/server/org-units/deactivate-org-unit";
import { getOrgUnit } from "@/lib/server/org-units/get-org-unit";
import { listOrgUnits } from "@/lib/server/org-units/list-org-units";
import { reactivateOrgUnit } from "@/lib/server/org-units/reactivate-org-unit";
import { renameOrgUnit } from "@/lib/server/org-units/rename-org-unit";
import { activatePolicyProfile } from "@/lib/server/policy-profiles/activate-policy-profile";
import { createPolicyProfile } from "@/lib/server/policy-profiles/create-policy-profile";
import { diffPolicyProfiles } from "@/lib/server/policy-profiles/diff-policy-profiles";
import { getPolicyProfile } from "@/lib/server/policy-profiles/get-policy-profile";
import { listPolicyProfiles } from "@/lib/server/policy-profiles/list-policy-profiles";
import { updatePolicyProfile } from "@/lib/server/policy-profiles/update-policy-profile";
import { createUser } from "@/lib/server/users/create-user";
import { deactivateUser } from "@/lib/server/users/deactivate-user";
import { getUser } from "@/lib/server/users/get-user";
import { listUsers } from "@/lib/server/users/list-users";
import { lockUser } from "@/lib/server/users/lock-user";
import { reactivateUser } from "@/lib/server/users/reactivate-user";
import { resetUserPassword } from "@/lib/server/users/reset-user-password";
import { unlockUser } from "@/lib/server/users/unlock-user";
import { rejection } from "./admin-helpers";
import { makeActor, makeCounty, prisma, resetDb, type TestCounty } from "./fixtures";

/** Everything county B has, made by B's own admin. */
async function countyBData(b: TestCounty, adminB: Actor) {
  const user = await createUser(adminB, { username: "bxiang", displayName: "乙站长", role: "township_officer", orgUnitId: b.townships[0].id });
  const bank = await createBank(adminB, { name: "乙县农商行", active: "on", townshipIds: [b.townships[0].id] });
  const profile = await createPolicyProfile(adminB, { source: "template", templateId: "guizhou" });
  const day = await addCalendarDay(adminB, { date: "2027-01-01", kind: "holiday", name: "元旦" });
  return { userId: user.id, bankId: bank.id, profileId: profile.id, dayId: day.id, villageId: b.townships[0].villages[0].id, townshipId: b.townships[1].id };
}

describe("admin scope: an admin of county A can neither see nor change anything of county B", () => {
  let adminA: Actor;
  let b: TestCounty;
  let ids: Awaited<ReturnType<typeof countyBData>>;
  let snapshot: string;

  async function state() {
    const [users, units, banks, bankTownships, profiles, days, history] = await Promise.all([
      prisma.user.findMany({ orderBy: { id: "asc" } }),
      prisma.orgUnit.findMany({ orderBy: { id: "asc" } }),
      prisma.bank.findMany({ orderBy: { id: "asc" } }),
      prisma.bankTownship.findMany({ orderBy: { bankId: "asc" } }),
      prisma.policyProfile.findMany({ orderBy: { id: "asc" } }),
      prisma.calendarDay.findMany({ orderBy: { id: "asc" } }),
      prisma.orgUnitNameHistory.findMany(),
    ]);
    return JSON.stringify({ users, units, banks, bankTownships, profiles, days, history });
  }

  beforeEach(async () => {
    await resetDb();
    const a = await makeCounty("410101");
    b = await makeCounty("420202");
    adminA = await makeActor("admin", a.county.id);
    const adminB = await makeActor("admin", b.county.id);
    ids = await countyBData(b, adminB);
    snapshot = await state();
  });

  async function expectNotFound(promise: Promise<unknown>) {
    expect((await rejection(promise)).code).toBe("NOT_FOUND");
  }

  it("lists show none of B's users, units, banks, profiles or calendar days", async () => {
    expect((await listUsers(adminA, {})).map((u) => u.username)).toEqual([adminA.username]);
    const tree = await listOrgUnits(adminA, {});
    expect(tree.townships.every((t) => t.code.startsWith("410101"))).toBe(true);
    expect(await listBanks(adminA, {})).toEqual([]);
    expect(await listPolicyProfiles(adminA, {})).toEqual([]);
    expect((await listCalendarDays(adminA, { year: "2027" })).days).toEqual([]);
  });

  it("users: get, reset, lock, unlock, deactivate, reactivate are all NOT_FOUND", async () => {
    await expectNotFound(getUser(adminA, { id: ids.userId }));
    await expectNotFound(resetUserPassword(adminA, { id: ids.userId }));
    await expectNotFound(lockUser(adminA, { id: ids.userId }));
    await expectNotFound(unlockUser(adminA, { id: ids.userId }));
    await expectNotFound(deactivateUser(adminA, { id: ids.userId }));
    await expectNotFound(reactivateUser(adminA, { id: ids.userId }));
    expect(await state()).toBe(snapshot);
  });

  it("units: get, rename, deactivate, reactivate are NOT_FOUND; B's units cannot be named for a new user", async () => {
    await expectNotFound(getOrgUnit(adminA, { id: ids.villageId }));
    await expectNotFound(renameOrgUnit(adminA, { id: ids.villageId, name: "篡改村", expectedName: "001乡001村" }));
    await expectNotFound(deactivateOrgUnit(adminA, { id: ids.townshipId }));
    await expectNotFound(reactivateOrgUnit(adminA, { id: ids.villageId }));
    const user = await rejection(createUser(adminA, { username: "intruder", displayName: "越权", role: "township_officer", orgUnitId: b.townships[0].id }));
    expect(user.fieldErrors?.orgUnitId).toBeDefined();
    expect(await state()).toBe(snapshot);
  });

  it("banks: get and update are NOT_FOUND", async () => {
    await expectNotFound(getBank(adminA, { id: ids.bankId }));
    await expectNotFound(updateBank(adminA, { id: ids.bankId, fingerprint: "x", name: "篡改", active: "on", townshipIds: [] }));
    expect(await state()).toBe(snapshot);
  });

  it("profiles: get, update, activate, copy and diff are NOT_FOUND", async () => {
    await expectNotFound(getPolicyProfile(adminA, { id: ids.profileId }));
    await expectNotFound(updatePolicyProfile(adminA, { id: ids.profileId, fingerprint: "x", name: "篡改", fields: {} }));
    await expectNotFound(activatePolicyProfile(adminA, { id: ids.profileId, effectiveFrom: "2099-01-01" }));
    await expectNotFound(createPolicyProfile(adminA, { source: "copy", fromId: ids.profileId }));
    await expectNotFound(diffPolicyProfiles(adminA, { a: "1", b: "1" }));
    expect(await state()).toBe(snapshot);
  });

  it("calendar: removing B's day is NOT_FOUND", async () => {
    await expectNotFound(removeCalendarDay(adminA, { id: ids.dayId }));
    expect(await state()).toBe(snapshot);
  });

  it("no audit row was written by A's attempts", async () => {
    await Promise.allSettled([
      lockUser(adminA, { id: ids.userId }),
      renameOrgUnit(adminA, { id: ids.villageId, name: "篡改村", expectedName: "x" }),
      removeCalendarDay(adminA, { id: ids.dayId }),
    ]);
    expect(await prisma.auditEvent.count({ where: { actorId: adminA.userId } })).toBe(0);
  });
});
