import ExcelJS from "exceljs";
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { createHousehold } from "@/lib/server/households/create-household";
import { HOUSEHOLD_IMPORT_HEADERS, householdImportTemplate, importHouseholds } from "@/lib/server/households/import-households";
import { insertHouseholds } from "@/lib/server/households/insert-households";
import { verifyAuditChains } from "../../scripts/lib/audit-verify";
import { householdInput, makeActor, makeCounty, prisma, resetDb, type TestCounty, validId } from "./fixtures";

type Row = Partial<Record<(typeof HOUSEHOLD_IMPORT_HEADERS)[number], string>>;

async function workbook(rows: Row[], headers: readonly string[] = HOUSEHOLD_IMPORT_HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("农户登记");
  sheet.addRow([...headers]);
  for (const r of rows) sheet.addRow(headers.map((h) => r[h as keyof Row] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const idOf = (seq: number) => validId("410499", "19800101", String(seq).padStart(3, "0"));

const row = (village: string, seq: number, extra: Row = {}): Row => ({
  户主姓名: `户主${seq}`, 身份证号: idOf(seq), 村: village, 户类型: "建档立卡贫困户", 家庭人口: "4", 劳动能力: "有劳动能力",
  联系电话: "13800138000", ...extra,
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("household bulk import (real PostgreSQL)", () => {
  let a: TestCounty;
  let b: TestCounty;
  let township: Actor;
  let county: Actor;
  let cadre: Actor;
  let v1: string; // A: township 001 village 001
  let v2: string; // A: township 001 village 002
  let v3: string; // A: township 002 village 001 (outside the township officer's area)

  beforeEach(async () => {
    await resetDb();
    a = await makeCounty("410101");
    b = await makeCounty("410102");
    township = await makeActor("township_officer", a.townships[0].id);
    county = await makeActor("county_officer", a.county.id);
    cadre = await makeActor("village_cadre", a.townships[0].villages[0].id);
    [v1, v2, v3] = [a.townships[0].villages[0].code, a.townships[0].villages[1].code, a.townships[1].villages[0].code];
  });

  it("registers every row of a good file in its village (by code or name), encrypted, with one audit row for the import", async () => {
    const file = await workbook([
      row(v1, 1),
      row(a.townships[0].villages[1].name, 2, { 联系电话: "", 住址: "二组 3 号" }),
      row(v2, 3, { 户类型: "监测对象", 劳动能力: "弱劳动能力", 身份证号: validId("410499", "19800101", "004").toLowerCase() }),
    ]);
    const result = await importHouseholds(township, { file, fileName: "东关村农户.xlsx" });
    expect(result).toEqual({
      imported: 3,
      villages: [
        { code: v1, name: a.townships[0].villages[0].name, townshipName: a.townships[0].name, count: 1 },
        { code: v2, name: a.townships[0].villages[1].name, townshipName: a.townships[0].name, count: 2 },
      ],
    });
    const stored = await prisma.household.findMany({ orderBy: { headName: "asc" } });
    const [id1, id2] = [a.townships[0].villages[0].id, a.townships[0].villages[1].id];
    expect(stored.map((h) => [h.headName, h.villageId, h.townshipId, h.countyId, h.status, h.labourCapacity, h.membersCount, h.phone, h.address, h.version])).toEqual([
      ["户主1", id1, a.townships[0].id, a.county.id, "registeredPoor", "full", 4, "13800138000", null, 1],
      ["户主2", id2, a.townships[0].id, a.county.id, "registeredPoor", "full", 4, null, "二组 3 号", 1],
      ["户主3", id2, a.townships[0].id, a.county.id, "monitored", "partial", 4, "13800138000", null, 1],
    ]);
    // Stored as the single form stores it: encrypted, found by its full number, trailing x as X.
    expect(stored[2].idNumber).toBe(validId("410499", "19800101", "004"));
    const raw = await prisma.$queryRawUnsafe<{ idNumber: string; phone: string | null }[]>(`SELECT "idNumber", phone FROM "Household" ORDER BY "headName"`);
    expect(raw.every((r) => r.idNumber.startsWith("v1:") && (r.phone === null || r.phone.startsWith("v1:")))).toBe(true);
    expect((await prisma.household.findFirst({ where: { idNumber: idOf(1) } }))?.headName).toBe("户主1");

    // One audit row: who (its actor), how many, from which file, per village, and which households.
    const audits = await prisma.auditEvent.findMany();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "household.import", actorId: township.userId, actorRole: "township_officer", countyId: a.county.id });
    expect(audits[0].after).toEqual({
      imported: 3,
      fileName: "东关村农户.xlsx",
      perVillage: { [v1]: 1, [v2]: 2 },
      householdIds: ["户主1", "户主2", "户主3"].map((n) => stored.find((h) => h.headName === n)!.id),
    });
    expect(JSON.stringify([audits[0].before, audits[0].after])).not.toContain(idOf(1));
    // The trail stays one unbroken chain.
    const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      const report = await verifyAuditChains(db);
      expect(report.broken).toBeNull();
      expect(report.rows).toBe(1);
    } finally {
      await db.end();
    }
  });

  it("writes nothing when one row is bad, and names each problem's row and column", async () => {
    const error = await failure(importHouseholds(county, {
      file: await workbook([row(v1, 1), row(v1, 2, { 身份证号: idOf(2).slice(0, 17) + (idOf(2).endsWith("1") ? "2" : "1") }), row(v1, 3, { 家庭人口: "0", 户类型: "贫困", 户主姓名: "" }), row(v3, 4)]),
    }));
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toContain("2 行有误，未写入任何数据");
    expect(error.fieldErrors).toEqual({
      "rows.3.身份证号": ["身份证号无效：校验码或出生日期不正确"],
      "rows.4.户主姓名": ["请填写户主姓名"],
      "rows.4.户类型": [expect.stringContaining("应为：建档立卡贫困户")],
      "rows.4.家庭人口": ["家庭人口不能小于 1"],
    });
    expect(await prisma.household.count()).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  it("refuses an ID number twice in the file or already registered in the county, and allows it in another county", async () => {
    await createHousehold(cadre, householdInput({ idNumber: idOf(5) }));
    const error = await failure(importHouseholds(township, { file: await workbook([row(v1, 1), row(v2, 1), row(v1, 5), row(v2, 6)]) }));
    expect(error.fieldErrors).toEqual({
      "rows.3.身份证号": ["与第 2 行的身份证号重复（同一身份证号只能登记一户）"],
      "rows.4.身份证号": ["本县已登记该身份证号的农户，不能重复登记"],
    });
    expect(await prisma.household.count()).toBe(1);
    // The same person may be registered in another county (one household per ID number per county).
    const other = await makeActor("county_officer", b.county.id);
    expect((await importHouseholds(other, { file: await workbook([row(b.townships[0].villages[0].code, 5)]) })).imported).toBe(1);
  });

  it("runs two imports of one county one after the other: the same file twice gives one import and a duplicate report", async () => {
    const file = await workbook([row(v1, 1), row(v2, 2)]);
    const results = await Promise.allSettled([importHouseholds(township, { file }), importHouseholds(county, { file })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect((refused.reason as AppError).fieldErrors).toEqual({
      "rows.2.身份证号": ["本县已登记该身份证号的农户，不能重复登记"],
      "rows.3.身份证号": ["本县已登记该身份证号的农户，不能重复登记"],
    });
    expect(await prisma.household.count()).toBe(2);
    expect(await prisma.auditEvent.count({ where: { action: "household.import" } })).toBe(1);
  });

  it("turns an ID number registered between the check and the insert (the unique key) into a conflict that writes nothing", async () => {
    await createHousehold(cadre, householdInput({ idNumber: idOf(5) }));
    const household = (seq: number) => ({
      headName: `户主${seq}`, idNumber: idOf(seq), phone: null, address: null, status: "registeredPoor" as const, membersCount: 3,
      labourCapacity: "full" as const, notes: null, countyId: a.county.id, townshipId: a.townships[0].id, villageId: a.townships[0].villages[0].id,
    });
    const error = await failure(prisma.$transaction((tx) => insertHouseholds(tx, [household(6), household(5)])));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("未写入任何数据");
    expect(await prisma.household.count()).toBe(1);
  });

  it("keeps every importer to its own area: another township's or county's village, or an unknown name, is refused", async () => {
    const error = await failure(importHouseholds(township, {
      file: await workbook([row(v3, 1), row(b.townships[0].villages[0].code, 2), row("没有这个村", 3), row(a.townships[1].villages[0].name, 4), row("", 5)]),
    }));
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["rows.2.村", "rows.3.村", "rows.4.村", "rows.5.村", "rows.6.村"]);
    expect(error.fieldErrors?.["rows.2.村"]?.[0]).toContain("不是您可登记的村");
    // A village cadre may leave the village blank (its own) or name it, but not name a neighbour.
    expect((await importHouseholds(cadre, { file: await workbook([row("", 7), row(a.townships[0].villages[0].name, 8)]) })).imported).toBe(2);
    const neighbour = await failure(importHouseholds(cadre, { file: await workbook([row(v2, 9)]) }));
    expect(Object.keys(neighbour.fieldErrors ?? {})).toEqual(["rows.2.村"]);
    expect(new Set((await prisma.household.findMany()).map((h) => h.villageId))).toEqual(new Set([a.townships[0].villages[0].id]));
  });

  it("asks for the code when two villages in scope share the name given", async () => {
    const twin = await prisma.orgUnit.create({
      data: { code: "410101002003", name: a.townships[0].villages[0].name, level: "village", parentId: a.townships[1].id, countyId: a.county.id },
    });
    const error = await failure(importHouseholds(county, { file: await workbook([row(twin.name, 1)]) }));
    expect(error.fieldErrors?.["rows.2.村"]?.[0]).toContain("请改填 12 位村代码");
    expect((await importHouseholds(county, { file: await workbook([row(twin.code, 1)]) })).villages.map((v) => v.code)).toEqual([twin.code]);
  });

  it("refuses a workbook that is not the template, and roles that do not register households", async () => {
    const wrong = await failure(importHouseholds(county, { file: await workbook([row(v1, 1)], ["户主", "身份证号"]) }));
    expect(wrong.fieldErrors?.file?.[0]).toContain("缺少列");
    const notXlsx = await failure(importHouseholds(county, { file: Buffer.from("户主姓名,身份证号\n") }));
    expect(notXlsx.fieldErrors?.file?.[0]).toContain(".xlsx");
    for (const role of ["bank_officer", "admin", "finance_officer", "auditor"] as const) {
      const actor = await makeActor(role, a.county.id);
      expect((await failure(importHouseholds(actor, { file: await workbook([row(v1, 1)]) }))).code).toBe("FORBIDDEN");
      expect((await failure(householdImportTemplate(actor, {}))).code).toBe("FORBIDDEN");
    }
    expect(await prisma.household.count()).toBe(0);
  });

  it("offers a template with the columns, drop-down lists and the importer's villages", async () => {
    const template = await householdImportTemplate(township, {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.bytes as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, ...HOUSEHOLD_IMPORT_HEADERS]);
    const statusColumn = sheet.getColumn(HOUSEHOLD_IMPORT_HEADERS.indexOf("户类型") + 1).letter;
    const rule = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model[`${statusColumn}2`];
    expect(rule?.type).toBe("list");
    expect(rule?.formulae[0]).toContain("建档立卡贫困户");
    const notes = wb.getWorksheet("说明")!.getColumn(1).values.map(String).join("\n");
    expect(notes).toContain(v1);
    expect(notes).toContain(v2);
    expect(notes).not.toContain(v3);
    // The template filled in is accepted as it is.
    sheet.addRow(HOUSEHOLD_IMPORT_HEADERS.map((h) => row(v1, 1)[h] ?? ""));
    expect((await importHouseholds(township, { file: Buffer.from(await wb.xlsx.writeBuffer()) })).imported).toBe(1);
  });
});
