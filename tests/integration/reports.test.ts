import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { D } from "@/lib/domain/decimal";
import type { Actor } from "@/lib/server/actor";
import { auditLogReport } from "@/lib/server/reports/audit-log";
import { reportsFor } from "@/lib/server/reports/catalog";
import { disbursementsReport, overdueBucket, overdueReport, repaymentsReport } from "@/lib/server/reports/loan-reports";
import { lossCasesReport } from "@/lib/server/reports/loss-cases";
import { publicityHistoryReport } from "@/lib/server/reports/publicity-history";
import { subsidyQuartersReport } from "@/lib/server/reports/subsidy-quarters";
import { activateProfile, householdInput, makeActor, makeCounty, prisma, resetDb, setNow, type TestCounty, validId } from "./fixtures";

/**
 * Today is 2026-06-15. County A (townships t0, t1) with banks 农业银行 (A) and 农商银行 (B); county Z
 * elsewhere with one loan that must never appear.
 *
 * | loan | township | bank | disbursed  | status   | repayments (principal / interest / penalty)            |
 * |------|----------|------|------------|----------|--------------------------------------------------------|
 * | R1   | t0       | A    | 2025-07-01 | repaying | 2026-01-10 1000.10/50.05/0; 2026-04-10 999.99/49.95/0.01 |
 * | R2   | t0       | B    | 2025-12-01 | overdue  | 2026-03-01 500.00/20.00/1.50; unpaid instalment 2026-05-06 |
 * | R3   | t1       | A    | 2026-02-01 | inBuffer | 2026-05-20 300.33/10.10/0                               |
 * | Z1   | county Z | Z    | 2026-01-01 | repaying | 2026-02-01 777.77/7.77/0                                |
 */
describe("issue 8 §2: reports (repayments, disbursements, overdue, audit log)", () => {
  let c: TestCounty;
  let county: Actor;
  let auditor: Actor;
  let bankA: { id: string };
  let bankB: { id: string };
  const loans: Record<string, { id: string }> = {};

  afterEach(() => setNow(null));

  beforeEach(async () => {
    await resetDb();
    setNow("2026-06-15T02:00:00Z");
    c = await makeCounty("410101");
    const z = await makeCounty("410202");
    await activateProfile(c.county.id);
    county = await makeActor("county_officer", c.county.id);
    auditor = await makeActor("auditor", c.county.id);
    bankA = await prisma.bank.create({ data: { countyId: c.county.id, name: "农业银行" } });
    bankB = await prisma.bank.create({ data: { countyId: c.county.id, name: "农商银行" } });
    const bankZ = await prisma.bank.create({ data: { countyId: z.county.id, name: "外县银行" } });
    let seq = 100;
    const make = async (n: string, countyId: string, village: { id: string; parentId: string | null }, bank: { id: string }, disbursedOn: string, status: string,
      pays: [string, string, string, string][], unpaidDue?: string) => {
      const h = await prisma.household.create({
        data: {
          ...householdInput({ idNumber: validId("410101", "19800101", String(++seq)) }), membersCount: 3, labourCapacity: "full", status: "registeredPoor",
          creditGrade: "A", villageId: village.id, townshipId: village.parentId!, countyId,
        },
      });
      const app = await prisma.application.create({
        data: { kind: "household", status: "disbursed", countyId, townshipId: h.townshipId, villageId: h.villageId, householdId: h.id, amount: "30000", termMonths: 12,
          purpose: "planting", projectDescription: "x", repaymentSource: "x", createdById: county.userId },
      });
      const l = await prisma.loan.create({
        data: { applicationId: app.id, kind: "household", countyId, townshipId: h.townshipId, villageId: h.villageId, householdId: h.id, bankId: bank.id, contractNumber: n,
          principal: "30000", rate: "0.0435", termMonths: 12, disbursedOn: new Date(disbursedOn), maturityDate: new Date("2027-01-01"), status: status as "repaying", outstandingPrincipal: "28000" },
      });
      for (const [i, [on, p, int, pen]] of pays.entries()) {
        await prisma.repayment.create({ data: { loanId: l.id, bankId: bank.id, reference: `${n}-${i}`, paidOn: new Date(on), principal: p, interest: int, penalty: pen } });
      }
      if (unpaidDue) await prisma.scheduleItem.create({ data: { loanId: l.id, seq: 1, dueDate: new Date(unpaidDue), principalDue: "100", interestDue: "10", status: "overdue" } });
      loans[n] = l;
    };
    const [t0, t1] = c.townships;
    await make("R1", c.county.id, t0.villages[0], bankA, "2025-07-01", "repaying", [["2026-01-10", "1000.10", "50.05", "0"], ["2026-04-10", "999.99", "49.95", "0.01"]]);
    await make("R2", c.county.id, t0.villages[1], bankB, "2025-12-01", "overdue", [["2026-03-01", "500.00", "20.00", "1.50"]], "2026-05-06");
    await make("R3", c.county.id, t1.villages[0], bankA, "2026-02-01", "inBuffer", [["2026-05-20", "300.33", "10.10", "0"]]);
    await make("Z1", z.county.id, z.townships[0].villages[0], bankZ, "2026-01-01", "repaying", [["2026-02-01", "777.77", "7.77", "0"]]);
  });

  it("repayments: period, township, bank and status filters; totals to the fen; out-of-county rows absent", async () => {
    const all = await repaymentsReport.view(county, {});
    expect(all.rows.map((r) => r.cells.reference)).toEqual(["R1-0", "R2-0", "R1-1", "R3-0"]);
    expect(all.totals).toEqual({ principal: "2800.42", interest: "130.10", penalty: "1.51", amount: "2932.03" });
    expect(all.rows[0].href).toBe(`/loans/${loans.R1.id}`);
    const sum = all.rows.reduce((s, r) => s.plus(r.cells.amount), new D(0));
    expect(sum.toFixed(2)).toBe(all.totals.amount);

    const period = await repaymentsReport.view(county, { from: "2026-03-01", to: "2026-04-30" });
    expect(period.rows.map((r) => r.cells.reference)).toEqual(["R2-0", "R1-1"]);
    expect(period.totals.principal).toBe("1499.99");
    expect((await repaymentsReport.view(county, { townshipId: c.townships[1].id })).rows.map((r) => r.cells.reference)).toEqual(["R3-0"]);
    expect((await repaymentsReport.view(county, { bankId: bankB.id })).rows.map((r) => r.cells.reference)).toEqual(["R2-0"]);
    expect((await repaymentsReport.view(county, { status: "inBuffer" })).rows.map((r) => r.cells.reference)).toEqual(["R3-0"]);
    // Bad input is a field message, never a 500.
    await expect(repaymentsReport.view(county, { from: "2026-05-01", to: "2026-01-01" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(repaymentsReport.view(county, { from: "2026-02-30" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(repaymentsReport.view(county, { status: "bogus" })).rejects.toMatchObject({ code: "VALIDATION" });

    // A township sees its township; a bank officer only its bank's loans (even when asking for another bank).
    const township = await makeActor("township_officer", c.townships[0].id);
    expect((await repaymentsReport.view(township, {})).rows.map((r) => r.cells.reference)).toEqual(["R1-0", "R2-0", "R1-1"]);
    expect((await repaymentsReport.view(township, { townshipId: c.townships[1].id })).rows).toEqual([]);
    const bank: Actor = { ...(await makeActor("bank_officer", c.county.id)), bankId: bankA.id };
    expect((await repaymentsReport.view(bank, {})).rows.map((r) => r.cells.reference)).toEqual(["R1-0", "R1-1", "R3-0"]);
    expect((await repaymentsReport.view(bank, { bankId: bankB.id })).rows).toEqual([]);
    expect((await repaymentsReport.view(bank, {})).options.banks.map((b) => b.id)).toEqual([bankA.id]);
    // A village cadre has no reports.
    const cadre = await makeActor("village_cadre", c.townships[0].villages[0].id);
    await expect(repaymentsReport.view(cadre, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("the repayments workbook has the screen's rows and totals, and the export is audited", async () => {
    const filters = { from: "2026-01-01", to: "2026-06-30", bankId: bankA.id };
    const screen = await repaymentsReport.view(auditor, filters);
    const file = await repaymentsReport.exportFile(auditor, filters);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet("还款明细")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (label: string) => header.indexOf(label) + 1;
    expect(sheet.rowCount).toBe(1 + screen.count + 1);
    for (let i = 0; i < screen.count; i++) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(col("银行流水号")).value).toBe(screen.rows[i].cells.reference);
      expect(new D(String(row.getCell(col("合计（元）")).value)).toFixed(2)).toBe(screen.rows[i].cells.amount);
    }
    const total = sheet.getRow(screen.count + 2);
    expect(total.getCell(1).value).toBe("合计");
    for (const [key, label] of [["principal", "本金（元）"], ["interest", "利息（元）"], ["penalty", "罚息（元）"], ["amount", "合计（元）"]] as const) {
      expect(new D(String(total.getCell(col(label)).value)).toFixed(2)).toBe(screen.totals[key]);
    }
    expect(screen.totals.amount).toBe("2410.53");
    const events = await prisma.auditEvent.findMany({ where: { action: "report.repayments.export" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: auditor.userId, entity: "Report", entityId: "repayments" });
    expect(events[0].after).toMatchObject({ rows: 3, totals: { amount: "2410.53" } });
  });

  it("disbursements: loans disbursed in the period, scoped, masked, with a workbook total equal to the screen's", async () => {
    const r = await disbursementsReport.view(auditor, { from: "2025-11-01", to: "2026-03-31" });
    expect(r.rows.map((x) => x.cells.contractNumber)).toEqual(["R2", "R3"]);
    expect(r.totals).toEqual({ principal: "60000.00", outstanding: "56000.00" });
    expect(r.rows[0].cells.idNumber).toContain("*");
    const bank: Actor = { ...(await makeActor("bank_officer", c.county.id)), bankId: bankB.id };
    expect((await disbursementsReport.view(bank, {})).rows.map((x) => x.cells.contractNumber)).toEqual(["R2"]);
    const file = await disbursementsReport.exportFile(auditor, { from: "2025-11-01", to: "2026-03-31" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet("放款明细")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(sheet.rowCount).toBe(4);
    expect(new D(String(sheet.getRow(4).getCell(header.indexOf("放款金额（元）") + 1).value)).toFixed(2)).toBe("60000.00");
  });

  it("overdue: days since the oldest unpaid instalment and the dashboard's buckets", async () => {
    const r = await overdueReport.view(county, {});
    expect(r.rows.map((x) => [x.cells.contractNumber, x.cells.days, x.cells.bucket])).toEqual([["R2", "40", "31–70 天"], ["R3", "0", "缓冲期"]]);
    expect(r.totals.outstanding).toBe("56000.00");
    await expect(overdueReport.view(county, { status: "repaid" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect([overdueBucket("overdue", 1), overdueBucket("overdue", 30), overdueBucket("overdue", 31), overdueBucket("overdue", 70), overdueBucket("overdue", 71), overdueBucket("claim", 5)])
      .toEqual(["1–30 天", "1–30 天", "31–70 天", "31–70 天", "70 天以上", "代偿/分担"]);
  });

  it("loss cases: each party's share and the recoveries, scoped, with totals to the fen in screen and workbook", async () => {
    const mk = async (loan: { id: string }, countyId: string, loss: string, shares: [string, string, string][], recoveries: [string, string][]) => {
      const lc = await prisma.lossCase.create({
        data: { loanId: loan.id, countyId, scheme: "henan", unpaidPrincipal: loss, unpaidInterest: "0.00", loss, bufferEndsOn: new Date("2026-05-01"), splitDeadline: new Date("2026-06-01"), profileVersion: 1 },
      });
      for (const [party, ratio, amount] of shares) await prisma.lossShare.create({ data: { caseId: lc.id, party, ratio, amount } });
      for (const [amount, costs] of recoveries) {
        await prisma.recovery.create({ data: { caseId: lc.id, amount, costs, receivedOn: new Date("2026-06-01"), shares: [], recordedById: county.userId } });
      }
      return lc;
    };
    const c3 = await mk(loans.R3, c.county.id, "10000.01", [["county_fund", "0.6", "6000.01"], ["bank", "0.4", "4000.00"]], [["300.33", "10.00"], ["0.01", "0"]]);
    const zLoan = await prisma.loan.findFirstOrThrow({ where: { contractNumber: "Z1" } });
    await mk(zLoan, zLoan.countyId, "999.99", [["county_fund", "1", "999.99"]], []);
    const r = await lossCasesReport.view(auditor, {});
    expect(r.rows.map((x) => x.cells.contractNumber)).toEqual(["R3"]);
    expect(r.rows[0].href).toBe(`/loans/loss-cases/${c3.id}`);
    expect(r.totals).toMatchObject({ loss: "10000.01", fundShare: "6000.01", bankShare: "4000.00", otherShare: "0.00", recovered: "300.34", recoveryCosts: "10.00" });
    expect((await lossCasesReport.view(auditor, { status: "settled" })).count).toBe(0);
    await expect(lossCasesReport.view(auditor, { status: "bogus" })).rejects.toMatchObject({ code: "VALIDATION" });
    const bankB: Actor = { ...(await makeActor("bank_officer", c.county.id)), bankId: (await prisma.bank.findFirstOrThrow({ where: { name: "农商银行" } })).id };
    expect((await lossCasesReport.view(bankB, {})).count).toBe(0);
    const file = await lossCasesReport.exportFile(auditor, {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet("风险补偿案件")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(new D(String(sheet.getRow(3).getCell(header.indexOf("追偿收回（元）") + 1).value)).toFixed(2)).toBe("300.34");
    expect(new D(String(sheet.getRow(3).getCell(header.indexOf("风险补偿金分担（元）") + 1).value)).toFixed(2)).toBe("6000.01");
  });

  it("subsidy by quarter: eligible lines per run and township by kind, clawbacks deducted, net; scoped", async () => {
    const run = await prisma.subsidyRun.create({
      data: { countyId: c.county.id, bankId: bankA.id, year: 2026, quarter: 1, periodFrom: new Date("2025-12-21"), periodTo: new Date("2026-03-21"), status: "paid", profileVersion: 1 },
    });
    const line = (loanId: string, kind: "interest" | "guaranteeFee", amount: string) =>
      prisma.subsidyLine.create({
        data: { runId: run.id, loanId, kind, periodFrom: new Date("2025-12-21"), periodTo: new Date("2026-03-21"), days: 90, subsidisedDays: 90, rate: "0.0435", amount, eligible: true },
      });
    const l1 = await line(loans.R1.id, "interest", "321.99");
    await line(loans.R1.id, "guaranteeFee", "50.01");
    await line(loans.R3.id, "interest", "100.00");
    // R2 is bank B's loan: its (ineligible) line is in bank B's run of the quarter.
    const runB = await prisma.subsidyRun.create({
      data: { countyId: c.county.id, bankId: bankB.id, year: 2026, quarter: 1, periodFrom: new Date("2025-12-21"), periodTo: new Date("2026-03-21"), status: "paid", profileVersion: 1 },
    });
    await prisma.subsidyLine.create({
      data: { runId: runB.id, loanId: loans.R2.id, kind: "interest", periodFrom: new Date("2025-12-21"), periodTo: new Date("2026-03-21"), days: 90, subsidisedDays: 0, rate: "0.0435", amount: "999.00", eligible: false },
    });
    await prisma.clawback.create({ data: { countyId: c.county.id, loanId: loans.R1.id, subsidyLineId: l1.id, amount: "21.99", reason: "骗贷", status: "applied", createdById: county.userId, appliedInRunId: run.id } });
    const zLoan = await prisma.loan.findFirstOrThrow({ where: { contractNumber: "Z1" } });
    const zRun = await prisma.subsidyRun.create({
      data: { countyId: zLoan.countyId, bankId: zLoan.bankId, year: 2026, quarter: 1, periodFrom: new Date("2025-12-21"), periodTo: new Date("2026-03-21"), profileVersion: 1 },
    });
    await prisma.subsidyLine.create({ data: { runId: zRun.id, loanId: zLoan.id, kind: "interest", periodFrom: new Date("2025-12-21"), periodTo: new Date("2026-03-21"), days: 90, subsidisedDays: 90, rate: "0.0435", amount: "77.77", eligible: true } });

    const r = await subsidyQuartersReport.view(auditor, {});
    expect(r.rows.map((x) => [x.cells.township, x.cells.loans, x.cells.interest, x.cells.guarantee, x.cells.clawback, x.cells.net])).toEqual([
      [c.townships[0].name, "1", "321.99", "50.01", "21.99", "350.01"],
      [c.townships[1].name, "1", "100.00", "0.00", "0.00", "100.00"],
    ]);
    expect(r.rows[0].href).toBe(`/subsidy/${run.id}`);
    expect(r.totals).toMatchObject({ interest: "421.99", gross: "472.00", clawback: "21.99", net: "450.01" });
    expect((await subsidyQuartersReport.view(auditor, { townshipId: c.townships[1].id })).totals.net).toBe("100.00");
    expect((await subsidyQuartersReport.view(auditor, { status: "computed" })).count).toBe(0);
    expect((await subsidyQuartersReport.view(auditor, { from: "2026-01-01" })).count).toBe(0);
    const bankOfficerB: Actor = { ...(await makeActor("bank_officer", c.county.id)), bankId: bankB.id };
    expect((await subsidyQuartersReport.view(bankOfficerB, {})).count).toBe(0);
    await expect(subsidyQuartersReport.view(await makeActor("township_officer", c.townships[0].id), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const file = await subsidyQuartersReport.exportFile(auditor, {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet("贴息按季度")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(sheet.getRow(4).getCell(1).value).toBe("合计");
    expect(new D(String(sheet.getRow(4).getCell(header.indexOf("净额（元）") + 1).value)).toFixed(2)).toBe("450.01");
  });

  it("publicity history: rounds in the period with their applications, amounts and objections; a township sees its own", async () => {
    const round = (townshipId: string | null, countyId: string, openedOn: string, status: "open" | "closed") =>
      prisma.publicityRound.create({
        data: { countyId, townshipId, status, openedById: county.userId, openedOn: new Date(openedOn), endsOn: new Date(openedOn), objectionContact: "0371-1234567", issuingUnit: "乡镇金融扶贫服务站" },
      });
    const p0 = await round(c.townships[0].id, c.county.id, "2025-06-01", "closed");
    await round(c.townships[1].id, c.county.id, "2026-01-10", "open");
    const other = await makeCounty("410404");
    await round(other.townships[0].id, other.county.id, "2025-06-01", "closed");
    const apps = await prisma.loan.findMany({ where: { contractNumber: { in: ["R1", "R2"] } }, select: { applicationId: true } });
    await prisma.application.updateMany({ where: { id: { in: apps.map((a) => a.applicationId) } }, data: { publicityRoundId: p0.id } });
    await prisma.objection.create({ data: { applicationId: apps[0].applicationId, publicityRoundId: p0.id, objector: "李四", content: "收入不实", receivedOn: new Date("2025-06-03"), recordedById: county.userId, status: "dismissed" } });

    const r = await publicityHistoryReport.view(auditor, {});
    expect(r.rows.map((x) => [x.cells.area, x.cells.applications, x.cells.amount, x.cells.objections])).toEqual([
      [c.townships[0].name, "2", "60000.00", "1"],
      [c.townships[1].name, "0", "0.00", "0"],
    ]);
    expect(r.rows[0].href).toBe(`/publicity/${p0.id}`);
    expect(r.totals.amount).toBe("60000.00");
    expect((await publicityHistoryReport.view(auditor, { from: "2026-01-01", status: "open" })).count).toBe(1);
    const t1Officer = await makeActor("township_officer", c.townships[1].id);
    expect((await publicityHistoryReport.view(t1Officer, {})).rows.map((x) => x.cells.area)).toEqual([c.townships[1].name]);
    // The township filter narrows the scope, never replaces it.
    expect((await publicityHistoryReport.view(t1Officer, { townshipId: c.townships[0].id })).count).toBe(0);
    expect((await repaymentsReport.view(t1Officer, { townshipId: c.townships[0].id })).count).toBe(0);
    await expect(publicityHistoryReport.view(await makeActor("village_cadre", c.townships[0].villages[0].id), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const file = await publicityHistoryReport.exportFile(auditor, {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet("公示记录")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(new D(String(sheet.getRow(4).getCell(header.indexOf("申请金额（元）") + 1).value)).toFixed(2)).toBe("60000.00");
  });

  it("audit log: auditors and admins only, filtered by actor, action, entity and date; its export is audited", async () => {
    await repaymentsReport.exportFile(county, {});
    await disbursementsReport.exportFile(county, {});
    const all = await auditLogReport.view(auditor, {});
    expect(all.rows.map((r) => r.cells.action)).toEqual(["report.repayments.export", "report.disbursements.export"]);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: county.userId } });
    expect((await auditLogReport.view(auditor, { actor: user.username, action: "report.disb" })).rows.map((r) => r.cells.entityId)).toEqual(["disbursements"]);
    expect((await auditLogReport.view(auditor, { entity: "Report", entityId: "repayments" })).count).toBe(1);
    expect((await auditLogReport.view(auditor, { actor: "nobody" })).count).toBe(0);
    // AuditEvent.at is the database's clock: filter by the Beijing day the rows were written.
    const at = (await prisma.auditEvent.findFirstOrThrow({ where: { action: "report.repayments.export" } })).at;
    const day = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await auditLogReport.view(auditor, { from: day, to: day })).count).toBe(2);
    expect((await auditLogReport.view(auditor, { from: next })).count).toBe(0);
    expect((await auditLogReport.view(auditor, { to: "2020-01-01" })).count).toBe(0);
    // Another county's auditor sees none of it.
    const other = await makeCounty("410303");
    expect((await auditLogReport.view(await makeActor("auditor", other.county.id), {})).count).toBe(0);
    for (const role of ["county_officer", "township_officer", "bank_officer", "finance_officer", "village_cadre"] as const) {
      const unit = role === "township_officer" ? c.townships[0].id : role === "village_cadre" ? c.townships[0].villages[0].id : c.county.id;
      const a = await makeActor(role, unit);
      await expect(auditLogReport.view(a, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(auditLogReport.exportFile(a, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(reportsFor(role).map((r) => r.key)).not.toContain("audit-log");
    }
    expect(reportsFor("auditor").map((r) => r.key)).toContain("audit-log");
    const file = await auditLogReport.exportFile(auditor, { entity: "Report" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet("审计日志")!.rowCount).toBe(4);
    expect(await prisma.auditEvent.count({ where: { action: "report.audit-log.export", actorId: auditor.userId } })).toBe(1);
  });
});
