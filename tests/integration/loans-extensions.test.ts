import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { runDailyJob } from "@/lib/server/jobs/daily";
import { decideLoanChange } from "@/lib/server/loans/decide-loan-change";
import { requestLoanChange } from "@/lib/server/loans/request-loan-change";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, setNow, type TestCounty } from "./fixtures";
import { loanState, makeBank, makeLoan } from "./loans-fixtures";
import { D } from "@/lib/domain/decimal";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("extensions and renewals (real PostgreSQL)", () => {
  let c: TestCounty;
  let bank: { bankId: string; officer: Actor };
  let county: Actor;

  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    bank = await makeBank(c);
    county = await makeActor("county_officer", c.county.id);
    setNow("2026-10-01T02:00:00Z");
  });
  afterEach(() => setNow(null));

  it("the bank asks before maturity, the county approves: the last instalment moves with the added days' interest", async () => {
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: [
      { dueDate: "2026-09-20", principal: "0.00", interest: "100.00" },
      { dueDate: "2026-10-21", principal: "10000.00", interest: "111.11" },
    ] });
    await prisma.scheduleItem.updateMany({ where: { loanId: loan.id, seq: 1 }, data: { interestPaid: "100.00", status: "paid" } });
    expect((await rejection(requestLoanChange(bank.officer, { loanId: loan.id, kind: "extension", newMaturity: "2026-10-21", reason: "养殖周期" }))).fieldErrors?.newMaturity).toBeDefined();
    const { id } = await requestLoanChange(bank.officer, { loanId: loan.id, kind: "extension", newMaturity: "2027-01-21", reason: "肉牛出栏周期 18 个月" });
    expect((await rejection(requestLoanChange(bank.officer, { loanId: loan.id, kind: "extension", newMaturity: "2027-02-21", reason: "再次" }))).code).toBe("CONFLICT");
    expect((await rejection(decideLoanChange(county, { changeId: id, decision: "reject" }))).fieldErrors?.reason).toBeDefined();
    await decideLoanChange(county, { changeId: id, decision: "approve" });
    const s = await loanState(loan.id);
    expect(s.status).toBe("extended");
    // 92 added days × 10,000 × 4.35% / 360 = 111.17; 111.11 + 111.17 = 222.28.
    expect(s.items[1]).toEqual(["due", "0.00", "0.00", "222.28"]);
    const l = await prisma.loan.findUniqueOrThrow({ where: { id: loan.id }, include: { schedule: { orderBy: { seq: "asc" } } } });
    expect([l.maturityDate.toISOString().slice(0, 10), l.schedule[1].dueDate.toISOString().slice(0, 10)]).toEqual(["2027-01-21", "2027-01-21"]);
    expect((await rejection(decideLoanChange(county, { changeId: id, decision: "approve" }))).code).toBe("CONFLICT");
    // The old maturity passes without the loan falling overdue.
    setNow("2026-10-22T02:00:00Z");
    await runDailyJob("2026-10-22");
    expect((await loanState(loan.id)).status).toBe("extended");
  });

  it("a loan already in buffer cannot be extended", async () => {
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: [{ dueDate: "2026-09-20", principal: "10000.00", interest: "100.00" }] });
    await runDailyJob("2026-10-01");
    expect((await rejection(requestLoanChange(bank.officer, { loanId: loan.id, kind: "extension", newMaturity: "2027-01-21", reason: "x" }))).message).toContain("展期须在到期前申请");
  });

  it("a loan in buffer is renewed once its interest is paid: the principal is re-scheduled and the buffer ends", async () => {
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", disbursedOn: "2025-09-20", schedule: [
      { dueDate: "2026-06-20", principal: "0.00", interest: "100.00" },
      { dueDate: "2026-09-20", principal: "10000.00", interest: "111.11" },
    ] });
    await prisma.scheduleItem.updateMany({ where: { loanId: loan.id, seq: 1 }, data: { interestPaid: "100.00", status: "paid" } });
    await runDailyJob("2026-10-01");
    expect((await loanState(loan.id)).status).toBe("inBuffer");
    const { id } = await requestLoanChange(bank.officer, { loanId: loan.id, kind: "renewal", termMonths: "12", reason: "扩大养殖规模，还息续贷" });
    const refused = await rejection(decideLoanChange(county, { changeId: id, decision: "approve" }));
    expect(refused.message).toContain("续贷前须先结清已到期利息 111.11 元");
    await prisma.scheduleItem.updateMany({ where: { loanId: loan.id, seq: 2 }, data: { interestPaid: "111.11" } });
    await decideLoanChange(county, { changeId: id, decision: "approve" });
    const l = await prisma.loan.findUniqueOrThrow({ where: { id: loan.id }, include: { schedule: { orderBy: { seq: "asc" } } } });
    expect([l.status, l.maturityDate.toISOString().slice(0, 10), l.outstandingPrincipal.toFixed(2)]).toEqual(["renewed", "2027-10-01", "10000.00"]);
    // Old instalments closed with what was paid; the new schedule from 1 Oct 2026 follows.
    expect(l.schedule.slice(0, 2).map((s) => [s.seq, s.status, s.principalDue.toFixed(2), s.interestDue.toFixed(2)])).toEqual([[1, "paid", "0.00", "100.00"], [2, "paid", "0.00", "111.11"]]);
    const next = l.schedule.slice(2);
    expect(next[0].seq).toBe(3);
    expect(next.reduce((a, s) => a.plus(s.principalDue.toString()), new D(0)).toFixed(2)).toBe("10000.00");
    expect(next.map((s) => s.status).every((st) => st === "due")).toBe(true);
    // The next daily run leaves it alone: nothing is overdue any more.
    setNow("2026-10-02T02:00:00Z");
    await runDailyJob("2026-10-02");
    expect((await loanState(loan.id)).status).toBe("renewed");
  });

  it("an instalment plan re-schedules the unpaid principal in equal instalments and ends the buffer", async () => {
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "12000.00", disbursedOn: "2025-09-20", schedule: [
      { dueDate: "2026-09-20", principal: "12000.00", interest: "0.00" },
    ] });
    await runDailyJob("2026-10-01");
    expect((await loanState(loan.id)).status).toBe("inBuffer");
    const { id } = await requestLoanChange(bank.officer, { loanId: loan.id, kind: "instalmentPlan", termMonths: "6", reason: "按养殖周期分期还款" });
    await decideLoanChange(county, { changeId: id, decision: "approve" });
    const l = await prisma.loan.findUniqueOrThrow({ where: { id: loan.id }, include: { schedule: { orderBy: { seq: "asc" } } } });
    expect(l.status).toBe("repaying");
    // Equal instalments on the county's settlement dates (quarterly) over the 6 months.
    expect(l.schedule.map((s) => s.principalDue.toFixed(2))).toEqual(["4000.00", "4000.00", "4000.00"]);
    expect(l.maturityDate.toISOString().slice(0, 10)).toBe(l.schedule[2].dueDate.toISOString().slice(0, 10));
    expect(l.schedule.every((s) => s.status === "due")).toBe(true);
  });
});
