import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { createHousehold } from "@/lib/server/households/create-household";
import { getHousehold } from "@/lib/server/households/get-household";
import { listHouseholds } from "@/lib/server/households/list-households";
import { updateHousehold } from "@/lib/server/households/update-household";
import { defineMutation } from "@/lib/server/use-case";
import { householdInput, makeActor, makeCounty, prisma, resetDb, type TestCounty, validId } from "./fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("households through the use cases (real PostgreSQL)", () => {
  let a: TestCounty;
  let cadreA1: Actor; // village 001/001
  let cadreA2: Actor; // village 001/002

  beforeEach(async () => {
    await resetDb();
    a = await makeCounty("410101");
    cadreA1 = await makeActor("village_cadre", a.townships[0].villages[0].id);
    cadreA2 = await makeActor("village_cadre", a.townships[0].villages[1].id);
  });

  it("creates a household in the cadre's own village, whatever village the input names", async () => {
    const { id } = await createHousehold(cadreA1, householdInput({ villageId: a.townships[1].villages[1].id }));
    const row = await prisma.household.findUniqueOrThrow({ where: { id } });
    expect(row.villageId).toBe(a.townships[0].villages[0].id);
    expect(row.townshipId).toBe(a.townships[0].id);
    expect(row.countyId).toBe(a.county.id);
    expect(row.membersCount).toBe(4);
    expect(row.phone).toBe("13800138000");
  });

  it("writes exactly one audit row with the change, in the same transaction, ID masked", async () => {
    const { id } = await createHousehold(cadreA1, householdInput());
    const audits = await prisma.auditEvent.findMany({ where: { entityId: id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "household.create", entity: "Household", actorId: cadreA1.userId, countyId: a.county.id });
    const after = audits[0].after as Record<string, unknown>;
    expect(after.headName).toBe("张三");
    const full = validId();
    expect(after.idNumber).toBe(`${full.slice(0, 6)}********${full.slice(-4)}`);
    expect(JSON.stringify(audits[0].after)).not.toContain(full);
  });

  it("refuses a bad ID number at the idNumber field and writes nothing", async () => {
    const bad = validId().slice(0, 17) + (validId().endsWith("1") ? "2" : "1");
    const error = await rejection(createHousehold(cadreA1, householdInput({ idNumber: bad })));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.idNumber?.[0]).toContain("校验码");
    expect(await prisma.household.count()).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  it("refuses a mobile number of the wrong format and a zero-person household, each at its field", async () => {
    const error = await rejection(createHousehold(cadreA1, householdInput({ phone: "12345", membersCount: "0" })));
    expect(error.fieldErrors?.phone?.[0]).toContain("11 位");
    expect(error.fieldErrors?.membersCount?.[0]).toContain("不能小于 1");
  });

  it("refuses a duplicate ID number anywhere in the county, and allows it in another county", async () => {
    await createHousehold(cadreA1, householdInput());
    const error = await rejection(createHousehold(cadreA2, householdInput({ headName: "李四" })));
    expect(error.fieldErrors?.idNumber).toEqual(["本县已登记该身份证号的农户，不能重复登记。"]);
    expect(await prisma.household.count()).toBe(1);
    expect(await prisma.auditEvent.count()).toBe(1);

    const b = await makeCounty("420202");
    const cadreB = await makeActor("village_cadre", b.townships[0].villages[0].id);
    await createHousehold(cadreB, householdInput());
    expect(await prisma.household.count()).toBe(2);
  });

  it("refuses two concurrent registrations of one ID number: one row, one clear error", async () => {
    const results = await Promise.allSettled([
      createHousehold(cadreA1, householdInput()),
      createHousehold(cadreA2, householdInput()),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((failed.reason as AppError).fieldErrors?.idNumber?.[0]).toContain("不能重复登记");
    expect(await prisma.household.count()).toBe(1);
    expect(await prisma.auditEvent.count()).toBe(1);
  });

  it("a failure after the write rolls back both the row and its audit entry", async () => {
    const failing = defineMutation({
      name: "test.failAfterWrite",
      roles: ["village_cadre"],
      input: z.object({}),
      async run({ tx, audit }) {
        const h = await tx.household.create({
          data: { ...householdInput(), membersCount: 3, status: "registeredPoor", labourCapacity: "full", villageId: "v", townshipId: "t", countyId: "c" },
        });
        await audit({ action: "test", entity: "Household", entityId: h.id });
        throw new Error("disk full");
      },
    });
    await expect(failing(cadreA1, {})).rejects.toThrow("disk full");
    expect(await prisma.household.count()).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  it("a mutation that forgets its audit row is rolled back", async () => {
    const unaudited = defineMutation({
      name: "test.unaudited",
      roles: ["village_cadre"],
      input: z.object({}),
      async run({ tx }) {
        await tx.household.create({
          data: { ...householdInput(), membersCount: 3, status: "registeredPoor", labourCapacity: "full", villageId: "v", townshipId: "t", countyId: "c" },
        });
      },
    });
    await expect(unaudited(cadreA1, {})).rejects.toThrow(/without an audit row/);
    expect(await prisma.household.count()).toBe(0);
  });

  it("an empty or non-numeric member count gets its own message", async () => {
    const empty = await rejection(createHousehold(cadreA1, householdInput({ membersCount: "" })));
    expect(empty.fieldErrors?.membersCount).toEqual(["请填写家庭人口"]);
    const text = await rejection(createHousehold(cadreA1, householdInput({ membersCount: "四" })));
    expect(text.fieldErrors?.membersCount).toEqual(["家庭人口应为整数"]);
  });

  it("refuses roles other than the village cadre", async () => {
    const township = await makeActor("township_officer", a.townships[0].id);
    const error = await rejection(createHousehold(township, householdInput()));
    expect(error.code).toBe("FORBIDDEN");
    expect(await prisma.household.count()).toBe(0);
  });

  it("edits with the current version; a stale version is a conflict and changes nothing", async () => {
    const { id } = await createHousehold(cadreA1, householdInput());
    await updateHousehold(cadreA1, { ...householdInput({ headName: "张三丰" }), id, version: "1" });
    const row = await prisma.household.findUniqueOrThrow({ where: { id } });
    expect(row.headName).toBe("张三丰");
    expect(row.version).toBe(2);

    const error = await rejection(updateHousehold(cadreA1, { ...householdInput({ headName: "张无忌" }), id, version: "1" }));
    expect(error.code).toBe("CONFLICT");
    expect((await prisma.household.findUniqueOrThrow({ where: { id } })).headName).toBe("张三丰");
    const audits = await prisma.auditEvent.findMany({ where: { entityId: id }, orderBy: { id: "asc" } });
    expect(audits.map((e) => e.action)).toEqual(["household.create", "household.update"]);
    expect((audits[1].before as { headName: string }).headName).toBe("张三");
    expect((audits[1].after as { headName: string }).headName).toBe("张三丰");
  });

  it("a cadre of another village can neither read nor edit the household: not found", async () => {
    const { id } = await createHousehold(cadreA1, householdInput());
    expect((await rejection(getHousehold(cadreA2, { id }))).code).toBe("NOT_FOUND");
    const error = await rejection(updateHousehold(cadreA2, { ...householdInput({ headName: "篡改" }), id, version: "1" }));
    expect(error.code).toBe("NOT_FOUND");
    expect((await prisma.household.findUniqueOrThrow({ where: { id } })).headName).toBe("张三");
  });

  it("changing the ID number to one already registered in the county is refused", async () => {
    await createHousehold(cadreA1, householdInput());
    const other = await createHousehold(cadreA1, householdInput({ idNumber: validId("410101", "19900202", "456") }));
    const error = await rejection(updateHousehold(cadreA1, { ...householdInput(), id: other.id, version: "1" }));
    expect(error.fieldErrors?.idNumber?.[0]).toContain("不能重复登记");
  });

  describe("listing", () => {
    beforeEach(async () => {
      const names = ["王一", "王二", "李三"];
      for (const [i, name] of names.entries()) {
        await createHousehold(cadreA1, householdInput({ headName: name, idNumber: validId("410101", "19800101", `10${i}`) }));
      }
      await createHousehold(cadreA2, householdInput({ headName: "王四", idNumber: validId("410101", "19800101", "200") }));
    });

    it("scopes to the actor: village, township, county, other county", async () => {
      expect((await listHouseholds(cadreA1, {})).total).toBe(3);
      expect((await listHouseholds(cadreA2, {})).total).toBe(1);
      expect((await listHouseholds(await makeActor("township_officer", a.townships[0].id), {})).total).toBe(4);
      expect((await listHouseholds(await makeActor("township_officer", a.townships[1].id), {})).total).toBe(0);
      expect((await listHouseholds(await makeActor("county_officer", a.county.id), {})).total).toBe(4);
      const b = await makeCounty("420202");
      expect((await listHouseholds(await makeActor("county_officer", b.county.id), {})).total).toBe(0);
      expect((await listHouseholds(await makeActor("auditor", null), {})).total).toBe(4);
    });

    it("masks ID numbers (first 6 + last 4) for everyone but county staff", async () => {
      const full = validId("410101", "19800101", "100");
      const cadreRow = (await listHouseholds(cadreA1, { q: "王一" })).rows[0];
      expect(cadreRow.idNumber).toBe(`${full.slice(0, 6)}********${full.slice(-4)}`);
      const countyRow = (await listHouseholds(await makeActor("county_officer", a.county.id), { q: "王一" })).rows[0];
      expect(countyRow.idNumber).toBe(full);
      const adminRow = (await listHouseholds(await makeActor("admin", a.county.id), { q: "王一" })).rows[0];
      expect(adminRow.idNumber).not.toBe(full);
    });

    it("searches by name and by the full ID number (stored encrypted: exact match by its keyed hash)", async () => {
      expect((await listHouseholds(cadreA1, { q: "王" })).rows.map((r) => r.headName).sort()).toEqual(["王一", "王二"]);
      const full = validId("410101", "19800101", "102");
      expect((await listHouseholds(cadreA1, { q: full })).rows.map((r) => r.headName)).toEqual(["李三"]);
      expect((await listHouseholds(cadreA1, { q: full.slice(-4) })).rows).toEqual([]);
      // Another village's household is not found by its number either.
      expect((await listHouseholds(cadreA1, { q: validId("410101", "19800101", "200") })).rows).toEqual([]);
    });

    it("pages 50 at a time", async () => {
      const rows = Array.from({ length: 60 }, (_, i) => ({
        ...householdInput(),
        idNumber: validId("410101", "19700101", String(300 + i)),
        headName: `户${String(i).padStart(2, "0")}`,
        membersCount: 2,
        status: "registeredPoor" as const,
        labourCapacity: "full" as const,
        villageId: a.townships[0].villages[0].id,
        townshipId: a.townships[0].id,
        countyId: a.county.id,
      }));
      await prisma.household.createMany({ data: rows });
      const first = await listHouseholds(cadreA1, { page: "1" });
      const second = await listHouseholds(cadreA1, { page: "2" });
      expect(first.total).toBe(63);
      expect(first.rows).toHaveLength(50);
      expect(second.rows).toHaveLength(13);
      expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(63);
    });
  });
});
