import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { actorFromUser } from "@/lib/server/actor-from-user";
import { AppError } from "@/lib/server/errors";
import { BATCH_COLUMNS as C } from "@/lib/server/applications/batch-workbook";
import { exportBatchWorkbook } from "@/lib/server/applications/export-batch-workbook";
import { importBankDecisions } from "@/lib/server/applications/import-bank-decisions";
import { activateProfile, householdInput, makeActor, makeCounty, prisma, resetDb, setNow, type TestCounty, validId } from "./fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const EXPORT_HEADERS = [
  "批次号", "申请编号", "户主姓名", "身份证号", "乡镇", "村", "申请金额（元）", "期限（月）", "贷款用途", "推荐单位",
  "审批结果（同意/不同意）", "不同意原因", "合同编号", "批准金额（元）", "年利率", "批准期限（月）", "放款日期（YYYY-MM-DD）",
];

async function readBack(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

type Cells = Partial<Record<string, string | number | Date>>;

/** A response workbook as a bank might send it: any column order, only the columns it kept. */
async function responseWorkbook(headers: string[], rows: Cells[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("银行回执");
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? null));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Fills the bank's columns of the exported workbook, row by row (Excel row 2 is the first application). */
async function fillExport(bytes: Uint8Array, fill: Record<number, Cells>): Promise<Uint8Array> {
  const workbook = await readBack(bytes);
  const sheet = workbook.worksheets[0];
  const col = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, n) => col.set(String(cell.value), n));
  for (const [row, cells] of Object.entries(fill)) {
    for (const [header, value] of Object.entries(cells)) {
      if (!col.has(header)) throw new Error(`no column ${header}`);
      sheet.getRow(Number(row)).getCell(col.get(header)!).value = value ?? null;
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const approved = (contract: string, amount: string | number = 50000, date = "2026-03-10"): Cells => ({
  [C.outcome]: "同意", [C.contractNumber]: contract, [C.approvedAmount]: amount, [C.rate]: 0.0435, [C.approvedTermMonths]: 12, [C.disbursementDate]: date,
});

describe("batch workbooks: export to the bank and import of its response (real PostgreSQL)", () => {
  let c: TestCounty;
  let county: Actor, bankOfficer: Actor, otherBankOfficer: Actor;
  let batchId: string;
  let appIds: string[];
  const ids = [validId("410499", "19800101", "123"), validId("410499", "19810202", "234"), validId("410499", "19820303", "345")];

  async function bankActor(bankId: string) {
    const { userId } = await makeActor("bank_officer", c.county.id);
    const user = await prisma.user.update({ where: { id: userId }, data: { bankId }, include: { orgUnit: true } });
    return actorFromUser(user)!;
  }

  beforeEach(async () => {
    await resetDb();
    setNow("2026-03-10T02:00:00Z"); // Tuesday 10 March 2026, 10:00 in Shanghai
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    county = await makeActor("county_officer", c.county.id);
    const bank = await prisma.bank.create({ data: { countyId: c.county.id, name: "测试农商银行" } });
    const otherBank = await prisma.bank.create({ data: { countyId: c.county.id, name: "另一家银行" } });
    bankOfficer = await bankActor(bank.id);
    otherBankOfficer = await bankActor(otherBank.id);
    const batch = await prisma.batch.create({
      data: {
        countyId: c.county.id, bankId: bank.id, createdById: county.userId,
        sentOn: new Date("2026-03-10T00:00:00Z"), deadline: new Date("2026-03-31T00:00:00Z"),
      },
    });
    batchId = batch.id;
    const places = [c.townships[0].villages[0], c.townships[0].villages[1], c.townships[1].villages[0]];
    const townships = [c.townships[0], c.townships[0], c.townships[1]];
    appIds = [];
    for (let i = 0; i < 3; i++) {
      const h = await prisma.household.create({
        data: {
          ...householdInput({ headName: ["张三", "李四", "王五"][i], idNumber: ids[i] }), membersCount: 4, status: "registeredPoor",
          labourCapacity: "full", creditGrade: "A", villageId: places[i].id, townshipId: townships[i].id, countyId: c.county.id,
        },
      });
      const app = await prisma.application.create({
        data: {
          kind: "household", status: "batched", countyId: c.county.id, townshipId: townships[i].id, villageId: places[i].id,
          householdId: h.id, amount: ["50000", "30000.5", "20000"][i], termMonths: 12, purpose: "breeding",
          projectDescription: "养牛", repaymentSource: "出栏收入", createdById: county.userId, batchId, profileVersion: 1,
        },
      });
      appIds.push(app.id);
    }
  });

  afterEach(() => setNow(null));

  it("exports the batch with full ID numbers and numeric amounts, and audits the export", async () => {
    const result = await exportBatchWorkbook(bankOfficer, { id: batchId });
    expect(result.batchNumber).toBe("PZ00001");
    expect(result.fileName).toBe("批次PZ00001-测试农商银行.xlsx");
    const sheet = (await readBack(result.bytes)).worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_HEADERS);
    expect(sheet.rowCount).toBe(4);
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1, 11);
    expect(row(2)).toEqual(["PZ00001", "SQ000001", "张三", ids[0], "测试县410101001乡", "001乡001村", 50000, 12, "养殖", "测试县410101001乡金融扶贫服务站"]);
    expect(row(3)).toEqual(["PZ00001", "SQ000002", "李四", ids[1], "测试县410101001乡", "001乡002村", 30000.5, 12, "养殖", "测试县410101001乡金融扶贫服务站"]);
    expect(row(4).slice(1, 6)).toEqual(["SQ000003", "王五", ids[2], "测试县410101002乡", "002乡001村"]);
    expect(sheet.getRow(3).getCell(7).numFmt).toBe("#,##0.00");
    // The bank's columns are empty.
    for (let col = 11; col <= 17; col++) expect(sheet.getRow(2).getCell(col).value).toBeNull();

    const audits = await prisma.auditEvent.findMany({ where: { action: "batch.export" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entity: "Batch", entityId: batchId, actorId: bankOfficer.userId, countyId: c.county.id });
    expect(audits[0].after).toMatchObject({ rows: 3, fullIdNumbers: true });
    for (const id of ids) expect(JSON.stringify(audits[0].after)).not.toContain(id);
  });

  it("answers NOT_FOUND to another bank's officer and to another county's staff, FORBIDDEN to other roles", async () => {
    expect((await rejection(exportBatchWorkbook(otherBankOfficer, { id: batchId }))).code).toBe("NOT_FOUND");
    const other = await makeCounty("420202");
    const otherCounty = await makeActor("county_officer", other.county.id);
    expect((await rejection(exportBatchWorkbook(otherCounty, { id: batchId }))).code).toBe("NOT_FOUND");
    expect((await rejection(exportBatchWorkbook(county, { id: "not-a-uuid" }))).code).toBe("NOT_FOUND");
    const township = await makeActor("township_officer", c.townships[0].id);
    expect((await rejection(exportBatchWorkbook(township, { id: batchId }))).code).toBe("FORBIDDEN");

    const file = await fillExport((await exportBatchWorkbook(county, { id: batchId })).bytes, { 2: approved("HT-1") });
    expect((await rejection(importBankDecisions(otherBankOfficer, { batchId, file }))).code).toBe("NOT_FOUND");
    expect(await prisma.bankDecision.count()).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "batch.export" } })).toBe(1);
  });

  it("writes nothing when one row is invalid, and reports that row and column", async () => {
    const exported = await exportBatchWorkbook(bankOfficer, { id: batchId });
    const file = await fillExport(exported.bytes, {
      2: approved("HT-2026-001"),
      3: { ...approved(""), [C.contractNumber]: "" },
      4: { [C.outcome]: "不同意", [C.declineReason]: "信用不足" },
    });
    const error = await rejection(importBankDecisions(bankOfficer, { batchId, file }));
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toBe("上传的审批结果有 1 处错误，未写入任何数据。");
    expect(error.fieldErrors?.file).toEqual(["第 3 行「合同编号」：请填写合同编号"]);
    expect(await prisma.bankDecision.count()).toBe(0);
    expect(await prisma.loan.count()).toBe(0);
    expect(await prisma.applicationEvent.count()).toBe(0);
    const statuses = await prisma.application.findMany({ select: { status: true } });
    expect(statuses.map((s) => s.status)).toEqual(["batched", "batched", "batched"]);
    expect(await prisma.auditEvent.count({ where: { action: { not: "batch.export" } } })).toBe(0);
  });

  it("rolls everything back when applying a row fails (amount above the application), naming that row", async () => {
    const exported = await exportBatchWorkbook(county, { id: batchId });
    const file = await fillExport(exported.bytes, {
      2: approved("HT-2026-001"),
      3: approved("HT-2026-002", 30001),
      4: approved("HT-2026-001", 20000), // the same contract number as row 2
    });
    const future = await fillExport(exported.bytes, { 2: approved("HT-2026-001", 50000, "2026-03-11") });
    expect((await rejection(importBankDecisions(county, { batchId, file: future }))).fieldErrors?.file).toEqual([
      "第 2 行「放款日期（YYYY-MM-DD）」：放款日期不能晚于今天",
    ]);
    const error = await rejection(importBankDecisions(county, { batchId, file }));
    expect(error.message).toBe("上传的审批结果有 2 处错误，未写入任何数据。");
    expect(error.fieldErrors?.file).toEqual([
      "第 3 行「批准金额（元）」：批准金额不能超过申请金额 30000.50 元",
      "第 4 行「合同编号」：该银行已有相同合同编号的贷款，请核对合同编号",
    ]);
    expect(await prisma.bankDecision.count()).toBe(0);
    expect(await prisma.loan.count()).toBe(0);
    expect(await prisma.scheduleItem.count()).toBe(0);
    expect((await prisma.application.findMany()).every((a) => a.status === "batched" && a.version === 1)).toBe(true);
  });

  it("reports every kind of bad row at its column", async () => {
    const headers = [C.number, C.outcome, C.declineReason, C.contractNumber, C.approvedAmount, C.rate, C.approvedTermMonths, C.disbursementDate, C.batch];
    const file = await responseWorkbook(headers, [
      { [C.number]: "SQ000001", [C.outcome]: "可以" },
      { [C.number]: "SQ000002", [C.outcome]: "不同意" },
      { [C.number]: "SQ000009", [C.outcome]: "不同意", [C.declineReason]: "x" },
      { [C.number]: "SQ000003", [C.outcome]: "同意", [C.contractNumber]: "H1", [C.approvedAmount]: "1,000", [C.rate]: 4.35, [C.approvedTermMonths]: 12, [C.disbursementDate]: "2026-03-11" },
      { [C.number]: "SQ000003", [C.outcome]: "不同意", [C.declineReason]: "x" },
      { [C.number]: "SQ000002", [C.batch]: "PZ00009", [C.outcome]: "不同意", [C.declineReason]: "x" },
      { [C.contractNumber]: "H9" },
    ]);
    const error = await rejection(importBankDecisions(bankOfficer, { batchId, file }));
    expect(error.fieldErrors?.file).toEqual([
      "第 2 行「审批结果（同意/不同意）」：审批结果应填写“同意”或“不同意”",
      "第 3 行「不同意原因」：请填写不予贷款的原因",
      "第 4 行「申请编号」：本批次中没有申请编号 SQ000009",
      "第 5 行「批准金额（元）」：批准金额应为金额（元），最多两位小数",
      "第 5 行「年利率」：年利率应为小数，例如 0.0435（即 4.35%）",
      "第 6 行「申请编号」：申请编号 SQ000003 与第 5 行重复",
      "第 7 行「批次号」：不是本批次（PZ00001）的数据，请核对所上传的文件",
      "第 8 行「申请编号」：请填写申请编号",
    ]);
    expect(error.message).toBe("上传的审批结果有 8 处错误，未写入任何数据。");
    expect(await prisma.bankDecision.count()).toBe(0);
  });

  it("refuses a file that is not the batch workbook, at the file field", async () => {
    const notXlsx = new TextEncoder().encode("申请编号,审批结果\nSQ000001,同意\n");
    expect((await rejection(importBankDecisions(bankOfficer, { batchId, file: notXlsx }))).fieldErrors?.file?.[0]).toContain(".xlsx");
    const noNumber = await responseWorkbook(["编号", C.outcome], [{ 编号: "SQ000001", [C.outcome]: "同意" }]);
    expect((await rejection(importBankDecisions(bankOfficer, { batchId, file: noNumber }))).fieldErrors?.file?.[0]).toContain("未找到“申请编号”列");
  });

  it("a good response (columns reordered, text dates and percentages) creates the loans with their schedules", async () => {
    const headers = [C.disbursementDate, C.rate, C.approvedTermMonths, C.approvedAmount, C.contractNumber, C.declineReason, C.outcome, "户主姓名", C.number];
    const file = await responseWorkbook(headers, [
      { [C.number]: "SQ000001", [C.outcome]: "同意", [C.contractNumber]: "HT-2026-001", [C.approvedAmount]: 50000, [C.rate]: 0.0435, [C.approvedTermMonths]: 12, [C.disbursementDate]: "2026-03-10" },
      { [C.number]: "sq000002", [C.outcome]: "同意", [C.contractNumber]: "HT-2026-002", [C.approvedAmount]: "30000.50", [C.rate]: "4.35%", [C.approvedTermMonths]: "12", [C.disbursementDate]: "2026/3/9" },
      { [C.number]: "SQ000003", [C.outcome]: "不同意", [C.declineReason]: "经调查有其他未结清贷款" },
    ]);
    const summary = await importBankDecisions(bankOfficer, { batchId, file });
    expect(summary).toEqual({ batchNumber: "PZ00001", approved: 2, declined: 1, disbursed: 2, unchanged: 0, skipped: 0 });

    const loans = await prisma.loan.findMany({ orderBy: { contractNumber: "asc" }, include: { schedule: { orderBy: { seq: "asc" } } } });
    expect(loans).toHaveLength(2);
    expect(loans.map((l) => [l.applicationId, l.principal.toFixed(2), l.rate.toString(), l.disbursedOn.toISOString().slice(0, 10)])).toEqual([
      [appIds[0], "50000.00", "0.0435", "2026-03-10"],
      [appIds[1], "30000.50", "0.0435", "2026-03-09"],
    ]);
    expect(loans[0].schedule.map((s) => [s.dueDate.toISOString().slice(0, 10), s.principalDue.toFixed(2), s.interestDue.toFixed(2)])).toEqual([
      ["2026-03-20", "0.00", "60.42"],
      ["2026-06-20", "0.00", "555.83"],
      ["2026-09-20", "0.00", "555.83"],
      ["2026-12-20", "0.00", "549.79"],
      ["2027-03-10", "50000.00", "483.33"],
    ]);
    expect(loans[1].schedule.at(-1)?.principalDue.toFixed(2)).toBe("30000.50");
    const apps = await prisma.application.findMany({ orderBy: { serial: "asc" } });
    expect(apps.map((a) => a.status)).toEqual(["disbursed", "disbursed", "bankRejected"]);
    const declined = await prisma.bankDecision.findUniqueOrThrow({ where: { applicationId: appIds[2] } });
    expect(declined.declineReason).toBe("经调查有其他未结清贷款");
    const summaryAudit = await prisma.auditEvent.findMany({ where: { action: "batch.importBankDecisions" } });
    expect(summaryAudit).toHaveLength(1);
    expect(summaryAudit[0].after).toMatchObject({ approved: 2, declined: 1, disbursed: 2, applications: ["SQ000001", "SQ000002", "SQ000003"] });
    expect(await prisma.auditEvent.count({ where: { action: "loan.create" } })).toBe(2);
  });

  it("skips rows not yet answered, and a later upload of the refreshed workbook records only what is new", async () => {
    const first = await fillExport((await exportBatchWorkbook(bankOfficer, { id: batchId })).bytes, { 2: approved("HT-2026-001") });
    expect(await importBankDecisions(bankOfficer, { batchId, file: first })).toMatchObject({ approved: 1, skipped: 2, unchanged: 0 });

    // The refreshed export shows the recorded decision in the bank's columns.
    const refreshed = (await exportBatchWorkbook(bankOfficer, { id: batchId })).bytes;
    const sheet = (await readBack(refreshed)).worksheets[0];
    expect((sheet.getRow(2).values as unknown[]).slice(11, 18)).toEqual(["同意", undefined, "HT-2026-001", 50000, 0.0435, 12, "2026-03-10"]);

    // Uploading it unchanged: nothing new.
    const again = await rejection(importBankDecisions(bankOfficer, { batchId, file: refreshed }));
    expect(again.fieldErrors?.file?.[0]).toContain("没有新的审批结果");

    // Changing a recorded decision is refused; answering the other rows is accepted.
    const changed = await fillExport(refreshed, { 2: { [C.approvedAmount]: 40000 } });
    expect((await rejection(importBankDecisions(bankOfficer, { batchId, file: changed }))).fieldErrors?.file).toEqual([
      "第 2 行「申请编号」：该申请已录入银行审批结果，与本行所填不一致；已录入的结果不能通过上传更改",
    ]);
    const second = await fillExport(refreshed, { 3: { [C.outcome]: "不同意", [C.declineReason]: "放弃贷款" }, 4: approved("HT-2026-003", 20000, "") });
    expect(await importBankDecisions(bankOfficer, { batchId, file: second })).toEqual({
      batchNumber: "PZ00001", approved: 1, declined: 1, disbursed: 0, unchanged: 1, skipped: 0,
    });
    const apps = await prisma.application.findMany({ orderBy: { serial: "asc" } });
    expect(apps.map((a) => a.status)).toEqual(["disbursed", "bankRejected", "bankApproved"]);
    expect(await prisma.loan.count()).toBe(1);
  });
});
