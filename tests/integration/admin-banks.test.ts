import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { createBank } from "@/lib/server/banks/create-bank";
import { getBank } from "@/lib/server/banks/get-bank";
import { listBanks } from "@/lib/server/banks/list-banks";
import { updateBank } from "@/lib/server/banks/update-bank";
import { auditActions, rejection } from "./admin-helpers";
import { makeActor, makeCounty, prisma, resetDb, type TestCounty } from "./fixtures";

describe("admin: partner banks (real PostgreSQL)", () => {
  let a: TestCounty;
  let admin: Actor;

  beforeEach(async () => {
    await resetDb();
    a = await makeCounty("410101");
    admin = await makeActor("admin", a.county.id);
  });

  const bankInput = (overrides: Record<string, unknown> = {}) => ({
    name: "农业银行测试县支行",
    branch: "营业部",
    contact: "周经理",
    phone: "0375-6210001",
    active: "on",
    townshipIds: [a.townships[0].id],
    ...overrides,
  });

  it("creates a bank serving townships of the county and lists it", async () => {
    const { id } = await createBank(admin, bankInput());
    const [bank] = await listBanks(admin, {});
    expect(bank).toMatchObject({ id, name: "农业银行测试县支行", active: true, townships: [a.townships[0].name] });
    expect(await auditActions(id)).toEqual(["bank.create"]);
  });

  it("refuses a township of another county, a bad phone and a duplicate name, at their fields", async () => {
    const b = await makeCounty("420202");
    const foreign = await rejection(createBank(admin, bankInput({ townshipIds: [b.townships[0].id] })));
    expect(foreign.fieldErrors?.townshipIds?.[0]).toContain("本县");
    const phone = await rejection(createBank(admin, bankInput({ phone: "12345" })));
    expect(phone.fieldErrors?.phone?.[0]).toContain("联系电话");
    await createBank(admin, bankInput());
    const dup = await rejection(createBank(admin, bankInput()));
    expect(dup.fieldErrors?.name).toEqual(["本县已有同名的合作银行"]);
    expect(await prisma.bank.count()).toBe(1);
  });

  it("edits with compare-and-swap: the second of two edits from the same view is a conflict", async () => {
    const { id } = await createBank(admin, bankInput());
    const seen = await getBank(admin, { id });
    await updateBank(admin, { ...bankInput({ contact: "孙主任", townshipIds: [a.townships[0].id, a.townships[1].id] }), id, fingerprint: seen.fingerprint });
    const stale = await rejection(updateBank(admin, { ...bankInput({ contact: "钱主任" }), id, fingerprint: seen.fingerprint }));
    expect(stale.code).toBe("CONFLICT");
    const now = await getBank(admin, { id });
    expect(now.contact).toBe("孙主任");
    expect(now.townshipIds).toHaveLength(2);
    await updateBank(admin, { ...bankInput({ active: "" }), id, fingerprint: now.fingerprint });
    expect((await prisma.bank.findUniqueOrThrow({ where: { id } })).active).toBe(false);
    expect(await prisma.bankTownship.count({ where: { bankId: id } })).toBe(1);
    expect(await auditActions(id)).toEqual(["bank.create", "bank.update", "bank.update"]);
  });
});
