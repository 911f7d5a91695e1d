import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { runDailyJob } from "@/lib/server/jobs/daily";
import { recordRepayment } from "@/lib/server/loans/record-repayment";
import { activateProfile, makeCounty, prisma, resetDb, seedCalendar, setNow, type TestCounty } from "./fixtures";
import { loanState, makeBank, makeLoan } from "./loans-fixtures";

/** Row counts of every table the job may write. */
async function counts() {
  const [audit, jobs, cases, shares, events, reminders, items] = await Promise.all([
    prisma.auditEvent.count(), prisma.jobRun.count(), prisma.lossCase.count(), prisma.lossShare.count(),
    prisma.breakerEvent.count(), prisma.reminder.count(), prisma.scheduleItem.groupBy({ by: ["status"], _count: true }),
  ]);
  return { audit, jobs, cases, shares, events, reminders, items: items.map((i) => `${i.status}:${i._count}`).sort() };
}

// Buffer end = due date + 70 days = Tuesday 29 September 2026, just before 国庆.
const DUE = "2026-07-21";
const SCHEDULE = [
  { dueDate: DUE, principal: "0.00", interest: "120.83" },
  { dueDate: "2026-10-21", principal: "10000.00", interest: "111.11" },
];

describe("the daily job (real PostgreSQL)", () => {
  let c: TestCounty;
  let bank: { bankId: string; officer: Actor };

  beforeEach(async () => {
    await resetDb();
    setNow("2026-07-21T02:00:00Z");
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    await seedCalendar(c.county.id);
    bank = await makeBank(c);
  });
  afterEach(() => setNow(null));

  it("marks the instalment overdue, moves the loan into buffer, and a second run for the date changes nothing", async () => {
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: SCHEDULE });
    // On the due date nothing is overdue yet; the reminders for the next due date are raised.
    let [run] = await runDailyJob(DUE);
    expect(run).toMatchObject({ overdueInstalments: 0, movedToBuffer: 0 });
    expect((await loanState(loan.id)).status).toBe("repaying");

    setNow("2026-07-22T02:00:00Z");
    [run] = await runDailyJob("2026-07-22");
    expect(run).toMatchObject({ overdueInstalments: 1, movedToOverdue: 1, movedToBuffer: 1, lossCasesOpened: 0 });
    const after = await loanState(loan.id);
    expect(after.status).toBe("inBuffer");
    expect(after.items.map((i) => i[0])).toEqual(["overdue", "due"]);
    const snapshot = await counts();

    const [again] = await runDailyJob("2026-07-22");
    expect(again).toEqual({ county: "410101000000", skipped: "alreadyRan" });
    expect(await counts()).toEqual(snapshot);
    expect(await loanState(loan.id)).toEqual(after);
  });

  it("opens the loss case the day after the buffer ends, the 10-working-day deadline skipping 国庆, shares to the fen", async () => {
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: SCHEDULE });
    // 120.78 of the first instalment's 120.83 interest was paid: 0.05 left.
    await prisma.scheduleItem.updateMany({ where: { loanId: loan.id, seq: 1 }, data: { interestPaid: "120.78", status: "partial" } });
    setNow("2026-07-22T02:00:00Z");
    await runDailyJob("2026-07-22");
    setNow("2026-09-29T02:00:00Z");
    const [lastDay] = await runDailyJob("2026-09-29");
    expect(lastDay.lossCasesOpened).toBe(0);
    setNow("2026-09-30T02:00:00Z");
    const [opened] = await runDailyJob("2026-09-30");
    expect(opened.lossCasesOpened).toBe(1);

    const lossCase = await prisma.lossCase.findUniqueOrThrow({ where: { loanId: loan.id }, include: { shares: true } });
    expect(lossCase.bufferEndsOn.toISOString().slice(0, 10)).toBe("2026-09-29");
    // 30 Sep = 1; 1–7 Oct 国庆; 8, 9 Oct; Saturday 10 Oct is a make-up working day; 12–16 Oct; 19 Oct = 10.
    expect(lossCase.splitDeadline.toISOString().slice(0, 10)).toBe("2026-10-19");
    expect(lossCase.scheme).toBe("scheme1");
    expect([lossCase.unpaidPrincipal.toFixed(2), lossCase.unpaidInterest.toFixed(2), lossCase.loss.toFixed(2)]).toEqual(["10000.00", "0.05", "10000.05"]);
    const shares = Object.fromEntries(lossCase.shares.map((s) => [s.party, s.amount.toFixed(2)]));
    // 30/10/40/20 of 10,000.05, half-up to the fen, the extra cent taken back from the largest share.
    expect(shares).toEqual({ county_fund: "3000.02", bank: "1000.01", provincial_agri_guarantee: "4000.01", provincial_guarantee_group: "2000.01" });
    expect(lossCase.shares.reduce((a, s) => a + Math.round(Number(s.amount) * 100), 0)).toBe(1000005);
    expect((await loanState(loan.id)).status).toBe("split");

    const snapshot = await counts();
    await runDailyJob("2026-09-30");
    setNow("2026-10-01T02:00:00Z");
    await runDailyJob("2026-10-01");
    const later = await counts();
    expect([later.cases, later.shares]).toEqual([snapshot.cases, snapshot.shares]);
  });

  it("a repayment that clears the arrears returns the loan to repaying", async () => {
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: SCHEDULE });
    setNow("2026-07-25T02:00:00Z");
    await runDailyJob("2026-07-25");
    expect((await loanState(loan.id)).status).toBe("inBuffer");
    await recordRepayment(bank.officer, { loanId: loan.id, reference: "R1", paidOn: "2026-07-25", principal: "0", interest: "100", penalty: "1.20" });
    expect((await loanState(loan.id)).status).toBe("inBuffer");
    await recordRepayment(bank.officer, { loanId: loan.id, reference: "R2", paidOn: "2026-07-25", principal: "0", interest: "20.83", penalty: "0" });
    const s = await loanState(loan.id);
    expect(s.status).toBe("repaying");
    expect(s.items.map((i) => i[0])).toEqual(["paid", "due"]);
  });

  it("raises reminders 60 and 30 days before a due date, once each", async () => {
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: SCHEDULE });
    setNow("2026-08-22T02:00:00Z");
    await runDailyJob("2026-08-22"); // 60 days before 21 October
    expect(await prisma.reminder.findMany({ where: { loanId: loan.id }, select: { kind: true } })).toEqual([{ kind: "notify" }]);
    setNow("2026-09-21T02:00:00Z");
    await runDailyJob("2026-09-21"); // 30 days before
    setNow("2026-09-22T02:00:00Z");
    await runDailyJob("2026-09-22");
    const kinds = (await prisma.reminder.findMany({ where: { loanId: loan.id } })).map((r) => r.kind).sort();
    expect(kinds).toEqual(["notify", "writtenNotice"]);
  });

  it("writes a breaker event when a village trips and when it resumes", async () => {
    // Two loans in one village: the one in buffer is non-performing, 20% of the village (> 7%).
    const bad = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: [{ dueDate: "2026-07-01", principal: "10000.00", interest: "100.00" }] });
    await makeLoan({ c, bankId: bank.bankId, principal: "40000.00", schedule: [{ dueDate: "2027-04-01", principal: "40000.00", interest: "100.00" }] });
    setNow("2026-07-22T02:00:00Z");
    await runDailyJob("2026-07-22");
    const village = c.townships[0].villages[0];
    const events = await prisma.breakerEvent.findMany({ where: { areaId: { in: [village.id, c.townships[0].id] } }, orderBy: { level: "asc" } });
    expect(events.map((e) => [e.level, e.tripped, e.ratio.toFixed(4)])).toEqual([["township", true, "0.2000"], ["village", true, "0.2000"]]);
    await recordRepayment(bank.officer, { loanId: bad.id, reference: "R", paidOn: "2026-07-22", principal: "10000", interest: "100", penalty: "0" });
    setNow("2026-07-23T02:00:00Z");
    await runDailyJob("2026-07-23");
    const resumed = await prisma.breakerEvent.findMany({ where: { areaId: village.id }, orderBy: { at: "asc" } });
    expect(resumed.map((e) => e.tripped)).toEqual([true, false]);
  });
});
