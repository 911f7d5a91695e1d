import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { addBlacklistEntry } from "@/lib/server/blacklist/add-blacklist-entry";
import { exportLoanLedger } from "@/lib/server/dashboard/export-loan-ledger";
import { createHousehold } from "@/lib/server/households/create-household";
import { getHousehold } from "@/lib/server/households/get-household";
import { listHouseholds } from "@/lib/server/households/list-households";
import { updateHousehold } from "@/lib/server/households/update-household";
import { listReminders } from "@/lib/server/loans/list-reminders";
import { decryptPii, encryptPii, generatePiiKey, parsePiiKey, piiHash } from "@/lib/server/pii";
import { encryptLegacyPersonalData } from "../../scripts/lib/encrypt-pii";
import { TEST_PII_KEY } from "../support/pii-test-key";
import { householdInput, makeActor, makeCounty, prisma, resetDb, setNow, type TestCounty, validId } from "./fixtures";
import { makeBank, makeLoan } from "./loans-fixtures";

const keys = parsePiiKey(TEST_PII_KEY);
const PHONE = "13800138000";
const CONSTRAINT = "Household_personal_data_encrypted";
/** An ID number as the application stores it. */
const sealed = (id: string) => encryptPii(keys, "idNumber", id);

type StoredRow = { id: string; idNumber: string; idNumberHash: string | null; phone: string | null; json: string };

/** The Household rows as stored, by head name. */
async function storedRows(): Promise<Map<string, StoredRow>> {
  const rows = await prisma.$queryRawUnsafe<(StoredRow & { headName: string })[]>(
    `SELECT id, "headName", "idNumber", "idNumberHash", phone, row_to_json(h)::text AS json FROM "Household" h`,
  );
  return new Map(rows.map((r) => [r.headName, r]));
}

/** The PostgreSQL error code of a failed raw query (23514: check constraint violated). */
async function pgErrorCode(promise: Promise<unknown>): Promise<string | undefined> {
  const error = (await promise.then(() => null, (e: unknown) => e)) as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } } | null;
  expect(error).not.toBeNull();
  return error?.meta?.driverAdapterError?.cause?.originalCode;
}

describe("issue 10 item 6: ID numbers and phone numbers encrypted at rest, masked by role", () => {
  let c: TestCounty;
  let cadre: Actor;
  let idA: string;
  let idB: string;

  afterEach(() => setNow(null));

  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("410101");
    cadre = await makeActor("village_cadre", c.townships[0].villages[0].id);
    idA = validId("410101", "19800101", "101");
    idB = validId("410101", "19800101", "109"); // check character X
    await createHousehold(cadre, householdInput({ headName: "甲", idNumber: idA, phone: PHONE }));
    await createHousehold(cadre, householdInput({ headName: "乙", idNumber: idB.toLowerCase(), phone: PHONE }));
  });

  it("the stored row holds neither the ID number nor the phone number, only their ciphertexts and the keyed hash", async () => {
    const rows = await storedRows();
    expect(rows.size).toBe(2);
    for (const [row, id] of [[rows.get("甲")!, idA], [rows.get("乙")!, idB]] as const) {
      expect(row.idNumber).toMatch(/^v1:/);
      expect(row.phone).toMatch(/^v1:/);
      expect(row.idNumberHash).toBe(piiHash(keys, "idNumber", id));
      for (const secret of [id, id.slice(6, 14), PHONE]) expect(row.json).not.toContain(secret);
      expect(decryptPii(keys, "idNumber", row.idNumber)).toBe(id);
      expect(decryptPii(keys, "phone", row.phone!)).toBe(PHONE);
    }
    // The same phone number twice: two different ciphertexts (a fresh IV per value).
    expect(rows.get("甲")!.phone).not.toBe(rows.get("乙")!.phone);
    // Read through the application, the values are plain again; the hash is never handed out.
    const read = await prisma.household.findFirstOrThrow({ where: { headName: "乙" } });
    expect(read).toMatchObject({ idNumber: idB, phone: PHONE });
    expect(read).not.toHaveProperty("idNumberHash");
  });

  it("an edit re-encrypts, and the audit trail keeps neither number in full", async () => {
    const h = await prisma.household.findFirstOrThrow({ where: { headName: "甲" } });
    const idC = validId("410101", "19800101", "103");
    await updateHousehold(cadre, { ...householdInput({ headName: "甲", idNumber: idC, phone: "13900139000" }), id: h.id, version: "1" });
    const row = (await storedRows()).get("甲")!;
    expect(row.idNumberHash).toBe(piiHash(keys, "idNumber", idC));
    expect(decryptPii(keys, "phone", row.phone!)).toBe("13900139000");
    const trail = await prisma.$queryRawUnsafe<{ text: string }[]>(`SELECT concat(before::text, after::text) AS text FROM "AuditEvent"`);
    expect(trail).toHaveLength(3);
    for (const { text } of trail) {
      for (const secret of [idA, idB, idC, PHONE, "13900139000"]) expect(text).not.toContain(secret);
      expect(text).not.toContain("idNumberHash");
    }
    expect(trail.map((t) => t.text).join()).toContain("139****9000");
  });

  it("the database refuses a plaintext ID number or phone number written by SQL", async () => {
    const v = c.townships[0].villages[0];
    const insert = (idNumber: string, hash: string | null, phone: string | null) =>
      prisma.$executeRawUnsafe(
        `INSERT INTO "Household" (id, "countyId", "townshipId", "villageId", "headName", "idNumber", "idNumberHash", phone, status, "membersCount", "labourCapacity", "updatedAt")
         VALUES (gen_random_uuid(), $1, $2, $3, '丙', $4, $5, $6, 'registeredPoor', 3, 'full', now())`,
        c.county.id, v.parentId, v.id, idNumber, hash, phone,
      );
    const idC = validId("410101", "19800101", "104");
    const hash = piiHash(keys, "idNumber", idC);
    expect(await pgErrorCode(insert(idC, hash, null))).toBe("23514");
    expect(await pgErrorCode(insert(sealed(idC), null, null))).toBe("23514");
    expect(await pgErrorCode(insert(sealed(idC), hash, PHONE))).toBe("23514");
    expect(await pgErrorCode(prisma.$executeRawUnsafe(`UPDATE "Household" SET phone = $1`, PHONE))).toBe("23514");
    expect(await prisma.household.count()).toBe(2);
    // Encrypted, it goes in.
    await insert(sealed(idC), hash, null);
    expect(await prisma.household.count({ where: { idNumber: idC } })).toBe(1);
  });

  it("finds households by exact ID number through the hash; the duplicate check and the blacklist lookup still work", async () => {
    expect((await prisma.household.findFirstOrThrow({ where: { idNumber: idB.toLowerCase() } })).headName).toBe("乙");
    expect(await prisma.household.count({ where: { countyId: c.county.id, idNumber: { in: [idA, idB] } } })).toBe(2);
    expect(await prisma.household.count({ where: { idNumber: { not: idA } } })).toBe(1);
    await expect(prisma.household.findMany({ where: { idNumber: { startsWith: "410101" } } })).rejects.toThrow(/only exact matches/);

    const again = await createHousehold(cadre, householdInput({ headName: "丁", idNumber: idA })).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: "VALIDATION", fieldErrors: { idNumber: ["本县已登记该身份证号的农户，不能重复登记。"] } });
    // The unique constraint on (county, hash) itself, below the use case's check.
    const direct = await prisma.household
      .create({ data: { ...householdInput({ idNumber: idA }), membersCount: 1, status: "none", labourCapacity: "full", villageId: "v", townshipId: "t", countyId: c.county.id } })
      .catch((e: { code?: string }) => e.code);
    expect(direct).toBe("P2002");

    const officer = await makeActor("county_officer", c.county.id);
    await addBlacklistEntry(officer, { kind: "household", identifier: ` ${idB.toLowerCase()} `, reason: "骗贷", evidence: "判决书" });
    const entry = await prisma.blacklistEntry.findFirstOrThrow({});
    expect(entry.householdId).toBe((await prisma.household.findFirstOrThrow({ where: { headName: "乙" } })).id);
  });

  it("masks by role in lists and on the household's page: full only where the role needs it", async () => {
    const township = await makeActor("township_officer", c.townships[0].id);
    const county = await makeActor("county_officer", c.county.id);
    const auditor = await makeActor("auditor", c.county.id);
    const admin = await makeActor("admin", c.county.id);
    const finance = await makeActor("finance_officer", c.county.id);
    const { officer: bank } = await makeBank(c);
    const maskedId = `${idA.slice(0, 6)}********${idA.slice(-4)}`;
    const maskedPhone = "138****8000";
    const expected: [Actor, string, string | null, string, string | null][] = [
      // actor, list ID, list phone, page ID, page phone
      [cadre, maskedId, PHONE, idA, PHONE],
      [township, maskedId, PHONE, maskedId, PHONE],
      [county, idA, PHONE, idA, PHONE],
      [bank, maskedId, maskedPhone, maskedId, maskedPhone],
      [finance, maskedId, maskedPhone, maskedId, maskedPhone],
      [auditor, maskedId, maskedPhone, maskedId, maskedPhone],
      [admin, maskedId, maskedPhone, maskedId, maskedPhone],
    ];
    for (const [actor, listId, listPhone, pageId, pagePhone] of expected) {
      const row = (await listHouseholds(actor, { q: "甲" })).rows[0];
      expect([actor.role, row.idNumber, row.phone]).toEqual([actor.role, listId, listPhone]);
      const page = await getHousehold(actor, { id: row.id });
      expect([actor.role, page.idNumber, page.phone]).toEqual([actor.role, pageId, pagePhone]);
    }
    const edit = await getHousehold(cadre, { id: (await listHouseholds(cadre, { q: "甲" })).rows[0].id, forEdit: true });
    expect([edit.idNumber, edit.phone]).toEqual([idA, PHONE]);
  });

  it("repayment reminders show the borrower's phone to the bank that must deliver them, masked to the auditor", async () => {
    setNow("2026-05-01T02:00:00Z");
    const { bankId, officer } = await makeBank(c);
    const loan = await makeLoan({ c, bankId, principal: "10000", schedule: [{ dueDate: "2026-06-20", principal: "10000", interest: "100" }] });
    await prisma.reminder.create({
      data: {
        countyId: c.county.id, townshipId: loan.townshipId, loanId: loan.id, scheduleItemId: loan.schedule[0].id,
        kind: "notify", dueDate: new Date("2026-06-20"), raisedOn: new Date("2026-05-01"),
      },
    });
    expect((await listReminders(officer, {})).map((r) => r.phone)).toEqual([PHONE]);
    expect((await listReminders(await makeActor("township_officer", loan.townshipId), {})).map((r) => r.phone)).toEqual([PHONE]);
    expect((await listReminders(await makeActor("auditor", c.county.id), {})).map((r) => r.phone)).toEqual(["138****8000"]);
  });

  it("the ledger export is masked but for county staff, and every export is audited with who, whether unmasked, and how many rows", async () => {
    const { bankId } = await makeBank(c);
    for (const n of [1, 2]) {
      await makeLoan({ c, bankId, principal: "10000", contractNumber: `HT-PD-${n}`, schedule: [{ dueDate: "2026-12-20", principal: "10000", interest: "100" }] });
    }
    const county = await makeActor("county_officer", c.county.id);
    const auditor = await makeActor("auditor", c.county.id);
    const idsIn = async (bytes: Uint8Array) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
      const sheet = workbook.getWorksheet("贷款台账")!;
      return [2, 3].map((r) => String(sheet.getRow(r).getCell(4).value));
    };
    expect((await idsIn((await exportLoanLedger(county, { status: "all" })).bytes)).every((id) => /^\d{17}[\dX]$/.test(id))).toBe(true);
    expect((await idsIn((await exportLoanLedger(auditor, { status: "all" })).bytes)).every((id) => /^\d{6}\*{8}[\dX]{4}$/.test(id))).toBe(true);
    const events = await prisma.auditEvent.findMany({ where: { action: "report.ledger.export" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.actorId, e.actorRole, (e.after as { fullIdNumbers: boolean; rows: number }).fullIdNumbers, (e.after as { rows: number }).rows])).toEqual([
      [county.userId, "county_officer", true, 2],
      [auditor.userId, "auditor", false, 2],
    ]);
  });

  describe("npm start's step for rows written before encryption (scripts/lib/encrypt-pii.ts)", () => {
    let definition = "";

    beforeEach(async () => {
      const [row] = await prisma.$queryRawUnsafe<{ def: string }[]>(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1`, CONSTRAINT,
      );
      definition = row.def.replace(/\s+NOT VALID$/, "");
    });

    afterEach(async () => {
      // Leave the table as the migration does, whatever the test did.
      await prisma.$executeRawUnsafe(`ALTER TABLE "Household" DROP CONSTRAINT IF EXISTS "${CONSTRAINT}"`);
      await prisma.$executeRawUnsafe(`ALTER TABLE "Household" ADD CONSTRAINT "${CONSTRAINT}" ${definition} NOT VALID`);
    });

    /** Rows as the portal wrote them before the household_pii migration: plaintext, no hash. */
    async function writeLegacyRows() {
      const v = c.townships[0].villages[1];
      await prisma.$executeRawUnsafe(`ALTER TABLE "Household" DROP CONSTRAINT "${CONSTRAINT}"`);
      for (const [name, id, phone] of [["旧一", validId("410101", "19700101", "201"), PHONE], ["旧二", validId("410101", "19700101", "202"), null]]) {
        await prisma.$executeRawUnsafe(
          `INSERT INTO "Household" (id, "countyId", "townshipId", "villageId", "headName", "idNumber", phone, status, "membersCount", "labourCapacity", "updatedAt")
           VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'registeredPoor', 3, 'full', now())`,
          c.county.id, v.parentId, v.id, name, id, phone,
        );
      }
      await prisma.$executeRawUnsafe(`ALTER TABLE "Household" ADD CONSTRAINT "${CONSTRAINT}" ${definition} NOT VALID`);
    }

    it("encrypts them, fills the hash, validates the constraint, audits the step, and has nothing to do the second time", async () => {
      await writeLegacyRows();
      const before = await prisma.$queryRawUnsafe<{ phone: string }[]>(`SELECT phone FROM "Household" WHERE "headName" = '旧一'`);
      expect(before[0].phone).toBe(PHONE);

      expect(await encryptLegacyPersonalData(process.env.DATABASE_URL!, keys)).toEqual({ encrypted: 2, validated: true });
      const rows = [...(await storedRows()).values()];
      expect(rows).toHaveLength(4);
      expect(rows.every((r) => r.idNumber.startsWith("v1:") && r.idNumberHash !== null && (r.phone === null || r.phone.startsWith("v1:")))).toBe(true);
      expect(rows.some((r) => r.json.includes(PHONE) || r.json.includes("19700101"))).toBe(false);
      const [{ convalidated }] = await prisma.$queryRawUnsafe<{ convalidated: boolean }[]>(
        `SELECT convalidated FROM pg_constraint WHERE conname = $1`, CONSTRAINT,
      );
      expect(convalidated).toBe(true);
      // Found by exact number, listed, masked: like any other household.
      const old = await prisma.household.findFirstOrThrow({ where: { idNumber: validId("410101", "19700101", "201") } });
      expect(old).toMatchObject({ headName: "旧一", phone: PHONE });
      const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "system.encryptPersonalData" } });
      expect(audit.after).toEqual({ households: 2, fields: ["idNumber", "phone"] });

      expect(await encryptLegacyPersonalData(process.env.DATABASE_URL!, keys)).toEqual({ encrypted: 0, validated: false });
      expect(await prisma.auditEvent.count({ where: { action: "system.encryptPersonalData" } })).toBe(1);
    });

    it("refuses to run with a key other than the one the data was encrypted with, and changes nothing", async () => {
      await writeLegacyRows();
      await expect(encryptLegacyPersonalData(process.env.DATABASE_URL!, parsePiiKey(generatePiiKey()))).rejects.toThrow(/密钥不一致/);
      const plain = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "Household" WHERE "idNumber" NOT LIKE 'v1:%'`);
      expect(Number(plain[0].n)).toBe(2);
    });
  });
});

