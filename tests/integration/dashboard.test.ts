import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { D } from "@/lib/domain/decimal";
import type { Actor } from "@/lib/server/actor";
import { dashboardOverview } from "@/lib/server/dashboard/dashboard-overview";
import { exportLoanLedger } from "@/lib/server/dashboard/export-loan-ledger";
import { loadLedger, loadLedgerPage } from "@/lib/server/dashboard/ledger-rows";
import { loanLedger } from "@/lib/server/dashboard/loan-ledger";
import { AppError } from "@/lib/server/errors";
import { activateProfile, householdInput, makeActor, makeCounty, prisma, resetDb, setNow, type TestCounty, validId } from "./fixtures";

/**
 * Today is 2026-06-15 (Shanghai). The county (townships 001 and 002, villages 001/002 each):
 *
 * | household | village | status         | loan | principal / outstanding | state                                   |
 * |-----------|---------|----------------|------|-------------------------|-----------------------------------------|
 * | h1        | t0 v0   | registeredPoor | L1   | 30,000 / 30,000         | repaying, next instalment 2026-06-20    |
 * | h2        | t0 v0   | exitedPoverty  | L2   | 20,000 / 20,000         | instalment due 2026-05-26 unpaid: 20 d  |
 * | h3        | t0 v0   | monitored      | L7   |  8,000 /  8,000         | due 2026-03-07 unpaid: 100 d (> 90: NPL)|
 * | h4        | t0 v0   | none           | L6   |  5,000 /  5,000         | claim (NPL)                             |
 * | h5        | t0 v0   | marginal       | —    |                         |                                         |
 * | h6        | t0 v1   | registeredPoor | L3   | 10,000 / 10,000         | inBuffer (NPL)                          |
 * | h7        | t1 v0   | registeredPoor | L4   | 40,000 / 25,000         | due 2026-04-16 unpaid: 60 d             |
 * | h8        | t1 v0   | registeredPoor | L5   | 50,000 / 0              | repaid                                  |
 * | h9        | t1 v1   | registeredPoor | —    |                         |                                         |
 */
describe("issue 8 §1–2: overview dashboard and loan ledger", () => {
  let c: TestCounty;
  let bankA: { id: string };
  let bankB: { id: string };
  let county: Actor;

  afterEach(() => setNow(null));

  beforeEach(async () => {
    await resetDb();
    setNow("2026-06-15T02:00:00Z");
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    county = await makeActor("county_officer", c.county.id);
    bankA = await prisma.bank.create({ data: { countyId: c.county.id, name: "农业银行" } });
    bankB = await prisma.bank.create({ data: { countyId: c.county.id, name: "农商银行" } });
    const [t0, t1] = c.townships;
    let seq = 100;
    const household = (village: { id: string; parentId: string | null }, status: string) =>
      prisma.household.create({
        data: {
          ...householdInput({ idNumber: validId("410101", "19800101", String(++seq)) }),
          membersCount: 3, labourCapacity: "full", status: status as "registeredPoor", creditGrade: "A",
          villageId: village.id, townshipId: village.parentId!, countyId: c.county.id,
        },
      });
    const loan = async (
      h: { id: string; villageId: string; townshipId: string },
      o: { n: string; principal: string; outstanding: string; status: string; disbursedOn: string; bank: { id: string }; due?: string },
    ) => {
      const app = await prisma.application.create({
        data: {
          kind: "household", status: "disbursed", countyId: c.county.id, townshipId: h.townshipId, villageId: h.villageId, householdId: h.id,
          amount: o.principal, termMonths: 12, purpose: "planting", projectDescription: "x", repaymentSource: "x", createdById: county.userId,
        },
      });
      const l = await prisma.loan.create({
        data: {
          applicationId: app.id, kind: "household", countyId: c.county.id, townshipId: h.townshipId, villageId: h.villageId, householdId: h.id,
          bankId: o.bank.id, contractNumber: o.n, principal: o.principal, rate: "0.0435", termMonths: 12,
          disbursedOn: new Date(o.disbursedOn), maturityDate: new Date("2027-01-01"), status: o.status as "repaying", outstandingPrincipal: o.outstanding,
        },
      });
      if (o.due) {
        await prisma.scheduleItem.create({
          data: { loanId: l.id, seq: 1, dueDate: new Date(o.due), principalDue: "0", interestDue: "100", status: "overdue" },
        });
      }
      return l;
    };
    const [v00, v01] = t0.villages;
    const [v10, v11] = t1.villages;
    const h1 = await household(v00, "registeredPoor");
    const h2 = await household(v00, "exitedPoverty");
    const h3 = await household(v00, "monitored");
    const h4 = await household(v00, "none");
    await household(v00, "marginal");
    const h6 = await household(v01, "registeredPoor");
    const h7 = await household(v10, "registeredPoor");
    const h8 = await household(v10, "registeredPoor");
    await household(v11, "registeredPoor");
    const l1 = await loan(h1, { n: "L1", principal: "30000", outstanding: "30000", status: "repaying", disbursedOn: "2026-01-10", bank: bankA });
    await prisma.scheduleItem.create({ data: { loanId: l1.id, seq: 1, dueDate: new Date("2026-06-20"), principalDue: "0", interestDue: "300" } });
    const l2 = await loan(h2, { n: "L2", principal: "20000", outstanding: "20000", status: "overdue", disbursedOn: "2025-12-01", bank: bankA, due: "2026-05-26" });
    await loan(h3, { n: "L7", principal: "8000", outstanding: "8000", status: "overdue", disbursedOn: "2025-06-01", bank: bankB, due: "2026-03-07" });
    await loan(h4, { n: "L6", principal: "5000", outstanding: "5000", status: "claim", disbursedOn: "2025-03-01", bank: bankB });
    await loan(h6, { n: "L3", principal: "10000", outstanding: "10000", status: "inBuffer", disbursedOn: "2025-04-01", bank: bankA });
    await loan(h7, { n: "L4", principal: "40000", outstanding: "25000", status: "overdue", disbursedOn: "2025-09-15", bank: bankB, due: "2026-04-16" });
    await loan(h8, { n: "L5", principal: "50000", outstanding: "0", status: "repaid", disbursedOn: "2025-02-01", bank: bankA });

    // Subsidies: 100.50 paid this quarter, 200.25 paid in January, an ineligible line, an unpaid run.
    const run = (quarter: number, status: "paid" | "approved", paidOn: string | null, from: string, to: string) =>
      prisma.subsidyRun.create({
        data: {
          countyId: c.county.id, bankId: bankA.id, year: 2026, quarter, periodFrom: new Date(from), periodTo: new Date(to),
          status, profileVersion: 1, paidOn: paidOn ? new Date(paidOn) : null,
        },
      });
    const line = (runId: string, loanId: string, amount: string, from: string, to: string, eligible = true) =>
      prisma.subsidyLine.create({
        data: { runId, loanId, kind: "interest", periodFrom: new Date(from), periodTo: new Date(to), days: 90, subsidisedDays: 90, rate: "0.0435", amount, eligible },
      });
    const q1 = await run(1, "paid", "2026-01-20", "2025-12-21", "2026-03-20");
    await line(q1.id, l2.id, "200.25", "2025-12-21", "2026-03-20");
    const q2 = await run(2, "paid", "2026-04-20", "2026-03-21", "2026-06-20");
    await line(q2.id, l1.id, "100.50", "2026-03-21", "2026-06-20");
    await line(q2.id, l2.id, "999.00", "2026-03-21", "2026-06-20", false);
    const q3 = await run(3, "approved", null, "2026-06-21", "2026-09-20");
    await line(q3.id, l1.id, "777.00", "2026-06-21", "2026-09-20");

    await prisma.fundLedgerEntry.createMany({
      data: [
        { countyId: c.county.id, kind: "deposit", amount: "49000", occurredOn: new Date("2025-01-01") },
        { countyId: c.county.id, kind: "payout", amount: "-9000", occurredOn: new Date("2026-02-01") },
      ],
    });
    const credit = (orgUnitId: string, level: "village" | "township", until: string | null) =>
      prisma.creditAreaStatus.create({
        data: { countyId: c.county.id, orgUnitId, level, isCredit: true, ratio: "0.8", members: 10, credited: 8, since: new Date("2025-01-01"), until: until ? new Date(until) : null },
      });
    await credit(v00.id, "village", null);
    await credit(v01.id, "village", "2026-01-01");
    await credit(t0.id, "township", null);
  });

  it("the county overview: uptake, outstanding, NPL, buckets, subsidies, fund, credit areas, ranked townships", async () => {
    const v = await dashboardOverview(county, {});
    expect(v.unit).toMatchObject({ id: c.county.id, level: "county" });
    // Eligible statuses only: h1 h2 h3 h6 h7 h8 h9 = 7; of them h1 h2 h3 h6 h7 h8 borrowed (h8 repaid still counts).
    expect(v.figures.registered).toBe(7);
    expect(v.figures.borrowers).toBe(6);
    expect(v.uptake).toBe("0.8571");
    // Live: L1 L2 L3 L4 L6 L7 = 30,000 + 20,000 + 10,000 + 25,000 + 5,000 + 8,000.
    expect(v.figures.loans).toBe(6);
    expect(v.figures.outstanding).toBe("98000.00");
    // NPL: L3 (buffer) + L6 (claim) + L7 (100 days) = 23,000 ÷ 98,000.
    expect(v.figures.npl).toBe("23000.00");
    expect(v.nplRatio).toBe("0.2347");
    expect(v.figures.buckets).toEqual({
      d1to30: { count: 1, amount: "20000.00" },
      d31to70: { count: 1, amount: "25000.00" },
      over70: { count: 1, amount: "8000.00" },
      inBuffer: { count: 1, amount: "10000.00" },
      claim: { count: 1, amount: "5000.00" },
    });
    expect(v.figures.subsidyQuarter).toBe("100.50");
    expect(v.figures.subsidyYear).toBe("300.75");
    expect(v.fundBalance).toBe("40000.00");
    expect(v.fundRatio).toBe("0.4082");
    expect(v.leverage).toBe("2.4500");
    expect(v.credit).toEqual({ villages: 1, townships: 1 });
    expect(v.trend).toHaveLength(12);
    expect(v.trend[0].month).toBe("2025-07");
    expect(v.trend[11].month).toBe("2026-06");
    expect(v.trend.find((p) => p.month === "2026-01")?.disbursed).toBe("30000.00");
    // Ranked by outstanding: township 001 (73,000; NPL 23,000 → tripped) before 002 (25,000).
    const [t0, t1] = c.townships;
    expect(v.children.map((r) => r.id)).toEqual([t0.id, t1.id]);
    expect(v.children[0]).toMatchObject({ uptake: "1.0000", nplRatio: "0.3151", tripped: true, halted: true });
    expect(v.children[0].figures).toMatchObject({ registered: 4, borrowers: 4, loans: 5, outstanding: "73000.00" });
    expect(v.children[1]).toMatchObject({ uptake: "0.6667", nplRatio: "0.0000", tripped: false });
    expect(v.children[1].figures).toMatchObject({ registered: 3, borrowers: 2, loans: 1, outstanding: "25000.00" });
    // The children add up to the whole.
    const sum = v.children.reduce((s, r) => s.plus(r.figures.outstanding), new D(0));
    expect(sum.toFixed(2)).toBe(v.figures.outstanding);
  });

  it("drill-down: township and village scope figures, breadcrumbs, and a township officer cannot see another township", async () => {
    const [t0, t1] = c.townships;
    const township = await makeActor("township_officer", t1.id);
    const home = await dashboardOverview(township, {});
    expect(home.unit.id).toBe(t1.id);
    expect(home.fundBalance).toBeNull();
    expect(home.figures).toMatchObject({ registered: 3, borrowers: 2, loans: 1, outstanding: "25000.00" });
    expect(home.figures.buckets.d31to70).toEqual({ count: 1, amount: "25000.00" });
    expect(home.children.map((r) => r.name)).toEqual([t1.villages[0].name, t1.villages[1].name]);

    const village = await dashboardOverview(township, { unit: t1.villages[0].id });
    expect(village.crumbs.map((x) => x.id)).toEqual([t1.id, t1.villages[0].id]);
    expect(village.figures).toMatchObject({ registered: 2, borrowers: 2, loans: 1, outstanding: "25000.00" });
    expect(village.childLevel).toBeNull();

    for (const unit of [t0.id, t0.villages[0].id, c.county.id]) {
      const error = await dashboardOverview(township, { unit }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("NOT_FOUND");
    }

    // The county's auditor drills all the way down; breadcrumbs start at the county.
    const auditor = await makeActor("auditor", c.county.id);
    const v00 = await dashboardOverview(auditor, { unit: t0.villages[0].id });
    expect(v00.crumbs.map((x) => x.id)).toEqual([c.county.id, t0.id, t0.villages[0].id]);
    // v00: L1 L2 L6 L7 = 63,000; NPL L6 + L7 = 13,000; registered h1 h2 h3 (h4 none, h5 marginal).
    expect(v00.figures).toMatchObject({ registered: 3, borrowers: 3, loans: 4, outstanding: "63000.00", npl: "13000.00" });
    expect(v00.nplRatio).toBe("0.2063");
    expect(v00.breaker).toEqual({ tripped: true, halted: true });

    // A village cadre sees its own village only.
    const cadre = await makeActor("village_cadre", t0.villages[1].id);
    const own = await dashboardOverview(cadre, {});
    expect(own.figures).toMatchObject({ registered: 1, loans: 1, outstanding: "10000.00" });
    expect(own.figures.buckets.inBuffer).toEqual({ count: 1, amount: "10000.00" });
    await expect(dashboardOverview(cadre, { unit: t0.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // A system-wide auditor starts above the counties and drills into one.
    const everywhere = await makeActor("auditor", null);
    const top = await dashboardOverview(everywhere, {});
    expect(top.unit.level).toBe("all");
    expect(top.children.map((r) => r.id)).toEqual([c.county.id]);
    expect(top.figures).toMatchObject({ registered: 7, outstanding: "98000.00" });
    const drilled = await dashboardOverview(everywhere, { unit: t0.id });
    expect(drilled.crumbs.map((x) => x.id)).toEqual([null, c.county.id, t0.id]);

    // Another county's units do not exist for this county's staff.
    const other = await makeCounty("410102");
    await expect(dashboardOverview(county, { unit: other.townships[0].id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Roles without a dashboard are refused.
    const bank = await makeActor("bank_officer", c.county.id);
    await expect(dashboardOverview(bank, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    // An account missing its own unit is refused, never shown every county (only an auditor may have none).
    const unplaced: Actor = { ...cadre, villageId: null, townshipId: null, countyId: null };
    await expect(dashboardOverview(unplaced, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(dashboardOverview({ ...county, countyId: null }, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("the ledger: filters, masked ID numbers, and an audited export whose total row equals the sum of its rows", async () => {
    const all = await loanLedger(county, { status: "all" });
    expect(all.rows.map((r) => r.contractNumber)).toEqual(["L5", "L6", "L3", "L7", "L4", "L2", "L1"]);
    expect(all.total).toEqual({ count: 7, principal: "163000.00", outstanding: "98000.00" });
    expect(all.rows[0].idNumber).toMatch(/^\d{17}[\dX]$/);

    const active = await loanLedger(county, {});
    expect(active.total).toEqual({ count: 6, principal: "113000.00", outstanding: "98000.00" });
    const filtered = await loanLedger(county, { from: "2025-09-01", to: "2026-01-31", bankId: bankA.id, townshipId: c.townships[0].id, status: "all" });
    expect(filtered.rows.map((r) => r.contractNumber)).toEqual(["L2", "L1"]);
    await expect(loanLedger(county, { from: "2026-02-01", to: "2026-01-01" })).rejects.toMatchObject({ code: "VALIDATION" });

    const auditor = await makeActor("auditor", c.county.id);
    const masked = await loanLedger(auditor, { status: "all" });
    expect(masked.rows.every((r) => /^\d{6}\*{8}[\dX]{4}$/.test(r.idNumber))).toBe(true);
    const township = await makeActor("township_officer", c.townships[1].id);
    expect((await loanLedger(township, { status: "all" })).rows.map((r) => r.contractNumber)).toEqual(["L5", "L4"]);

    const exported = await exportLoanLedger(auditor, { status: "all" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(exported.bytes) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("贷款台账")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const principalCol = header.indexOf("贷款金额（元）") + 1;
    const outstandingCol = header.indexOf("贷款余额（元）") + 1;
    const idCol = header.indexOf("身份证号/统一社会信用代码") + 1;
    let principal = new D(0);
    let outstanding = new D(0);
    const ids: string[] = [];
    for (let r = 2; r < sheet.rowCount; r++) {
      principal = principal.plus(String(sheet.getRow(r).getCell(principalCol).value));
      outstanding = outstanding.plus(String(sheet.getRow(r).getCell(outstandingCol).value));
      ids.push(String(sheet.getRow(r).getCell(idCol).value));
    }
    const totalRow = sheet.getRow(sheet.rowCount);
    expect(totalRow.getCell(1).value).toBe("合计");
    expect(sheet.rowCount - 2).toBe(7);
    expect(new D(String(totalRow.getCell(principalCol).value)).toFixed(2)).toBe(principal.toFixed(2));
    expect(new D(String(totalRow.getCell(outstandingCol).value)).toFixed(2)).toBe(outstanding.toFixed(2));
    expect(principal.toFixed(2)).toBe(all.total.principal);
    expect(ids.every((id) => id.includes("********"))).toBe(true);

    const events = await prisma.auditEvent.findMany({ where: { action: "report.ledger.export" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: auditor.userId, countyId: c.county.id });
    expect(events[0].after).toMatchObject({ rows: 7, principal: "163000.00", fullIdNumbers: false });

    // A county officer's export carries full ID numbers.
    const full = await exportLoanLedger(county, { status: "all" });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(full.bytes) as unknown as ExcelJS.Buffer);
    expect(String(wb2.getWorksheet("贷款台账")!.getRow(2).getCell(idCol).value)).toMatch(/^\d{17}[\dX]$/);
    // A village cadre has no ledger.
    const cadre = await makeActor("village_cadre", c.townships[0].villages[0].id);
    await expect(loanLedger(cadre, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("the ledger on screen, a page at a time: the pages list the workbook's rows in its order, every page carries the totals of all of them", async () => {
    const filters = { from: "", to: "", townshipId: "", bankId: "", status: "all" as const };
    const whole = await loadLedger(prisma, county, filters);
    const pages = await Promise.all([1, 2, 3].map((p) => loadLedgerPage(prisma, county, filters, p, 3)));
    expect(pages.map((p) => p.rows.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p.rows)).toEqual(whole.rows);
    for (const p of pages) {
      expect(p.total).toEqual(whole.total);
      expect(p.pages).toBe(3);
    }
    // Past the last page: the last; before the first: the first.
    expect((await loadLedgerPage(prisma, county, filters, 9, 3)).rows).toEqual(pages[2].rows);
    expect((await loadLedgerPage(prisma, county, filters, 0, 3)).page).toBe(1);
    // Through the use case: the page is validated at its field.
    expect((await loanLedger(county, { status: "all", page: "1" })).total).toEqual(whole.total);
    await expect(loanLedger(county, { page: "abc" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { page: ["页码无效"] } });
    // No match: an empty first page and zero totals.
    const none = await loadLedgerPage(prisma, county, { ...filters, from: "2000-01-01", to: "2000-01-02" }, 1, 3);
    expect(none).toMatchObject({ rows: [], page: 1, pages: 1, total: { count: 0, principal: "0.00", outstanding: "0.00" } });
  });
});
