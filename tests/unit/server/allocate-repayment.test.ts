import { describe, expect, it } from "vitest";
import { allocateRepayment, arrears, instalmentStatus, type Instalment } from "@/lib/server/loans/allocate-repayment";

const item = (seq: number, dueDate: string, principalDue: string, interestDue: string, paid: Partial<Instalment> = {}): Instalment => ({
  id: `i${seq}`, seq, dueDate, principalDue, interestDue, principalPaid: "0.00", interestPaid: "0.00", status: "due", ...paid,
});

const SCHEDULE = [item(1, "2026-03-20", "0.00", "100.00"), item(2, "2026-06-20", "0.00", "200.00"), item(3, "2026-09-20", "10000.00", "200.00")];

describe("allocateRepayment", () => {
  it("pays interest and principal oldest instalment first, in any order the schedule is given", () => {
    const r = allocateRepayment([...SCHEDULE].reverse(), { principal: "2500", interest: "150.5", paidOn: "2026-03-25" }, "2026-03-25");
    expect(r.problems).toEqual([]);
    expect(r.items.map((i) => [i.seq, i.interestPaid, i.principalPaid, i.status])).toEqual([
      [1, "100.00", "0.00", "paid"], [2, "50.50", "0.00", "partial"], [3, "0.00", "2500.00", "partial"],
    ]);
    expect([r.outstandingPrincipal, r.fullyRepaid, r.inArrears]).toEqual(["7500.00", false, false]);
  });

  it("an unpaid instalment past its due date is overdue, paid or not in part", () => {
    const r = allocateRepayment(SCHEDULE, { principal: "0", interest: "40", paidOn: "2026-03-30" }, "2026-03-30");
    expect(r.items[0].status).toBe("overdue");
    expect(r.inArrears).toBe(true);
    expect(arrears(r.items, "2026-03-30")).toEqual({ principal: "0.00", interest: "60.00" });
  });

  it("refuses more than is unpaid, at the field concerned", () => {
    const r = allocateRepayment(SCHEDULE, { principal: "10000.01", interest: "500.01", paidOn: "2026-03-20" }, "2026-03-20");
    expect(r.problems).toEqual([
      { field: "principal", message: "本金超过未还本金 0.01 元" },
      { field: "interest", message: "利息超过还款计划中的未还利息 0.01 元" },
    ]);
  });

  it("an early payoff settles the loan: interest not yet due is no longer owed", () => {
    const r = allocateRepayment(SCHEDULE, { principal: "10000", interest: "130", paidOn: "2026-04-01" }, "2026-04-01");
    expect(r.items.map((i) => [i.interestDue, i.interestPaid, i.status])).toEqual([
      ["100.00", "100.00", "paid"], ["30.00", "30.00", "paid"], ["0.00", "0.00", "paid"],
    ]);
    expect([r.fullyRepaid, r.outstandingPrincipal]).toEqual([true, "0.00"]);
  });

  it("instalment status as of a date", () => {
    const base = { dueDate: "2026-03-20", principalDue: "10.00", interestDue: "1.00", principalPaid: "0.00", interestPaid: "0.00" };
    expect(instalmentStatus(base, "2026-03-20")).toBe("due");
    expect(instalmentStatus(base, "2026-03-21")).toBe("overdue");
    expect(instalmentStatus({ ...base, interestPaid: "1.00" }, "2026-03-20")).toBe("partial");
    expect(instalmentStatus({ ...base, interestPaid: "1.00", principalPaid: "10.00" }, "2026-04-01")).toBe("paid");
  });
});
