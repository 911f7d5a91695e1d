import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { createHousehold } from "@/lib/server/households/create-household";
import { HOUSEHOLD_IMPORT_HEADERS, householdImportTemplate, importHouseholds } from "@/lib/server/households/import-households";
import { householdInput, makeActor, makeCounty, prisma, resetDb, type TestCounty, validId } from "./fixtures";

type Row = Partial<Record<(typeof HOUSEHOLD_IMPORT_HEADERS)[number], string>>;

async function workbook(rows: Row[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("农户登记");
  sheet.addRow([...HOUSEHOLD_IMPORT_HEADERS]);
  for (const r of rows) sheet.addRow(HOUSEHOLD_IMPORT_HEADERS.map((h) => r[h] ?? ""));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const row = (village: string, seq: number, extra: Row = {}): Row => ({
  村代码: village, 户主姓名: `户主${seq}`, 身份证号: validId("410499", "19800101", String(seq).padStart(3, "0")),
  联系电话: "13800138000", 户类型: "建档立卡贫困户", 家庭人口: "4", 劳动能力: "有劳动能力", ...extra,
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
  let cadre: Actor;
  let v1: string; // A: township 001 village 001
  let v2: string; // A: township 001 village 002
  let v3: string; // A: township 002 village 001 (outside the township officer's area)

  beforeEach(async () => {
    await resetDb();
    a = await makeCounty("410101");
    b = await makeCounty("410102");
    township = await makeActor("township_officer", a.townships[0].id);
    cadre = await makeActor("village_cadre", a.townships[0].villages[0].id);
    [v1, v2, v3] = [a.townships[0].villages[0].code, a.townships[0].villages[1].code, a.townships[1].villages[0].code];
  });

  it("registers every row of a good file in its village, encrypted, with one audit row", async () => {
    const result = await importHouseholds(township, { file: await workbook([row(v1, 1), row(v2, 2), row(v2, 3, { 户类型: "监测对象", 劳动能力: "弱劳动能力", 联系电话: "" })]) });
    expect(result).toEqual({ imported: 3 });
    const stored = await prisma.household.findMany({ orderBy: { headName: "asc" } });
    const [id1, id2] = [a.townships[0].villages[0].id, a.townships[0].villages[1].id];
    expect(stored.map((h) => [h.headName, h.villageId, h.townshipId, h.status, h.labourCapacity, h.phone])).toEqual([
      ["户主1", id1, a.townships[0].id, "registeredPoor", "full", "13800138000"],
      ["户主2", id2, a.townships[0].id, "registeredPoor", "full", "13800138000"],
      ["户主3", id2, a.townships[0].id, "monitored", "partial", null],
    ]);
    expect(stored[0].idNumber).toBe(validId("410499", "19800101", "001"));
    const raw = await prisma.$queryRawUnsafe<{ idNumber: string }[]>(`SELECT "idNumber" FROM "Household" LIMIT 1`);
    expect(raw[0].idNumber.startsWith("v1:")).toBe(true);
    const audits = await prisma.auditEvent.findMany({ where: { action: "household.import" } });
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toEqual({ imported: 3, perVillage: { [v1]: 1, [v2]: 2 } });
  });

  it("writes nothing when one row is bad, and names its row and column", async () => {
    const error = await failure(importHouseholds(township, { file: await workbook([row(v1, 1), row(v1, 2, { 身份证号: "41049919800101001" }), row(v1, 3, { 家庭人口: "0", 户类型: "贫困" })]) }));
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toContain("2 行有误");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["rows.3.身份证号", "rows.4.家庭人口", "rows.4.户类型"]);
    expect(error.fieldErrors?.["rows.4.户类型"]?.[0]).toContain("建档立卡贫困户");
    expect(await prisma.household.count()).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  it("refuses an ID number twice in the file or already registered in the county", async () => {
    await createHousehold(cadre, householdInput({ idNumber: validId("410499", "19800101", "005") }));
    const error = await failure(importHouseholds(township, { file: await workbook([row(v1, 1), row(v2, 1), row(v1, 5)]) }));
    expect(error.fieldErrors).toEqual({ "rows.3.身份证号": ["与第 2 行重复"], "rows.4.身份证号": ["本县已登记该身份证号的农户"] });
    expect(await prisma.household.count()).toBe(1);
  });

  it("keeps every importer to its own area: another township's or county's village is refused", async () => {
    const error = await failure(importHouseholds(township, { file: await workbook([row(v3, 1), row(b.townships[0].villages[0].code, 2)]) }));
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["rows.2.村代码", "rows.3.村代码"]);
    // A village cadre may leave the village blank (its own) but not name a neighbour.
    expect(await importHouseholds(cadre, { file: await workbook([row("", 7)]) })).toEqual({ imported: 1 });
    const neighbour = await failure(importHouseholds(cadre, { file: await workbook([row(v2, 8)]) }));
    expect(Object.keys(neighbour.fieldErrors ?? {})).toEqual(["rows.2.村代码"]);
    expect((await prisma.household.findFirstOrThrow()).villageId).toBe(a.townships[0].villages[0].id);
  });

  it("is refused to roles that do not register households, and its template lists the importer's villages", async () => {
    const bank = await makeActor("bank_officer", a.county.id);
    expect((await failure(importHouseholds(bank, { file: await workbook([row(v1, 1)]) }))).code).toBe("FORBIDDEN");
    const template = await householdImportTemplate(township, {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(template.bytes) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, ...HOUSEHOLD_IMPORT_HEADERS]);
    const notes = wb.getWorksheet("说明")!.getColumn(1).values.map(String).join("\n");
    expect(notes).toContain(v1);
    expect(notes).toContain(v2);
    expect(notes).not.toContain(v3);
  });
});
