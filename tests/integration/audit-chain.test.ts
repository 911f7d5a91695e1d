import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { createHousehold } from "@/lib/server/households/create-household";
import { backupDatabase, restoreDatabase } from "../../scripts/lib/backup";
import { verifyAuditChains } from "../../scripts/lib/audit-verify";
import { householdInput, makeActor, makeCounty, prisma, resetDb, type TestCounty, validId } from "./fixtures";

const url = process.env.DATABASE_URL!;
let db: pg.Client;

/** Runs `sql` with the append-only triggers off, as someone with the database's superuser could. */
async function tamper(sql: string, params: unknown[] = []) {
  await db.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
  try {
    await db.query(sql, params);
  } finally {
    await db.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
  }
}

async function someHouseholds(cadre: Actor, n: number, from = 100) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push((await createHousehold(cadre, householdInput({ headName: `户主${i}`, idNumber: validId("410499", "19800101", String(from + i)) }))).id);
  }
  return ids;
}

describe("the audit trail's hash chain", () => {
  let a: TestCounty;
  let b: TestCounty;
  let cadreA: Actor;
  let cadreB: Actor;

  beforeAll(async () => {
    db = new pg.Client({ connectionString: url });
    await db.connect();
  });
  afterAll(() => db.end());

  beforeEach(async () => {
    await resetDb();
    a = await makeCounty("410101");
    b = await makeCounty("410102");
    cadreA = await makeActor("village_cadre", a.townships[0].villages[0].id);
    cadreB = await makeActor("village_cadre", b.townships[0].villages[0].id);
  });

  it("links every row of a county to the one before, one chain per county, and verifies intact", async () => {
    await someHouseholds(cadreA, 3);
    await someHouseholds(cadreB, 2, 200);
    const rows = await prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
    const chainA = rows.filter((r) => r.countyId === a.county.id);
    expect(chainA.map((r) => r.chainSeq)).toEqual([1n, 2n, 3n]);
    expect(chainA[0].prevHash).toBe("0".repeat(64));
    expect(chainA[1].prevHash).toBe(chainA[0].hash);
    expect(chainA[2].prevHash).toBe(chainA[1].hash);
    expect(rows.filter((r) => r.countyId === b.county.id).map((r) => r.chainSeq)).toEqual([1n, 2n]);
    const report = await verifyAuditChains(db);
    expect(report.broken).toBeNull();
    expect(report).toMatchObject({ chains: 2, rows: 5 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE of audit rows", async () => {
    await someHouseholds(cadreA, 1);
    await expect(db.query(`UPDATE "AuditEvent" SET action = 'x'`)).rejects.toThrow(/审计日志只能追加/);
    await expect(db.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/审计日志只能追加/);
    await expect(db.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/审计日志只能追加/);
    expect(await prisma.auditEvent.count()).toBe(1);
  });

  it("reports the first broken link: a row changed, a row removed, the tail cut off", async () => {
    await someHouseholds(cadreA, 4);
    const rows = await prisma.auditEvent.findMany({ where: { countyId: a.county.id }, orderBy: { chainSeq: "asc" } });

    await tamper(`UPDATE "AuditEvent" SET after = '{"headName":"改过"}' WHERE id = $1`, [rows[1].id]);
    let report = await verifyAuditChains(db);
    expect(report.broken).toMatchObject({ chain: a.county.id, seq: "2", id: String(rows[1].id) });
    expect(report.broken?.reason).toContain("内容与哈希不符");

    await resetDb();
    a = await makeCounty("410101");
    cadreA = await makeActor("village_cadre", a.townships[0].villages[0].id);
    await someHouseholds(cadreA, 4);
    const again = await prisma.auditEvent.findMany({ where: { countyId: a.county.id }, orderBy: { chainSeq: "asc" } });
    await tamper(`DELETE FROM "AuditEvent" WHERE id = $1`, [again[2].id]);
    report = await verifyAuditChains(db);
    expect(report.broken).toMatchObject({ seq: "3", id: String(again[3].id) });
    expect(report.broken?.reason).toContain("缺失");

    await tamper(`DELETE FROM "AuditEvent" WHERE id = $1`, [again[3].id]);
    report = await verifyAuditChains(db);
    expect(report.broken?.reason).toContain("链尾");
  });

  it("keeps one gapless chain under concurrent writers of a county", async () => {
    const cadreA2 = await makeActor("village_cadre", a.townships[1].villages[1].id);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createHousehold(i % 2 ? cadreA : cadreA2, householdInput({ headName: `并发${i}`, idNumber: validId("410499", "19800101", String(300 + i)) })),
      ),
    );
    const seqs = (await prisma.auditEvent.findMany({ where: { countyId: a.county.id }, orderBy: { chainSeq: "asc" } })).map((r) => Number(r.chainSeq));
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await verifyAuditChains(db)).broken).toBeNull();
  });
});

describe("backup and restore", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "microcredit-backup-"));
  const restoreDb = `restore_${process.pid}`;
  const restoreUrl = url.replace(/\/[^/?]+(\?|$)/, `/${restoreDb}$1`);

  beforeAll(async () => {
    db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query(`DROP DATABASE IF EXISTS ${restoreDb}`);
    await db.query(`CREATE DATABASE ${restoreDb}`);
  });
  afterAll(async () => {
    await db.query(`DROP DATABASE IF EXISTS ${restoreDb} WITH (FORCE)`);
    await db.end();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("round-trips every table's rows and the audit chain into another database", async () => {
    await resetDb();
    const a = await makeCounty("410101");
    const cadre = await makeActor("village_cadre", a.townships[0].villages[0].id);
    await someHouseholds(cadre, 5);

    const backup = await backupDatabase(url, path.join(dir, "one.backup.gz"));
    expect(backup.counts.Household).toBe(5);
    expect(backup.counts.AuditEvent).toBe(5);
    expect(backup.counts.OrgUnit).toBe(await prisma.orgUnit.count());

    const restored = await restoreDatabase(restoreUrl, backup.file);
    expect(restored.counts).toEqual(backup.counts);
    expect(restored.auditChecksum).toBe(backup.auditChecksum);
    expect(restored.auditIntact).toBe(true);

    // The restored database carries on: a new audit row extends the restored chain, and new
    // rows get fresh ids past the restored ones.
    const other = new pg.Client({ connectionString: restoreUrl });
    await other.connect();
    try {
      const row = await other.query(
        `INSERT INTO "AuditEvent" (action, entity, "entityId", "countyId") VALUES ('restore.check', 'Test', 'x', $1) RETURNING id::text, "chainSeq"::text`,
        [a.county.id],
      );
      expect(row.rows[0].chainSeq).toBe("6");
      expect(Number(row.rows[0].id)).toBeGreaterThan(5);
      expect((await verifyAuditChains(other)).broken).toBeNull();
    } finally {
      await other.end();
    }
  });

  it("refuses a file that is not a backup, leaving the database as it was", async () => {
    const junk = path.join(dir, "junk.gz");
    fs.writeFileSync(junk, (await import("node:zlib")).gzipSync('{"format":"something-else"}\n'));
    const before = await prisma.household.count();
    await expect(restoreDatabase(restoreUrl, junk)).rejects.toThrow(/不是本系统的备份文件/);
    await expect(restoreDatabase(url, junk)).rejects.toThrow(/不是本系统的备份文件/);
    expect(await prisma.household.count()).toBe(before);
  });
});
