import { describe, expect, it } from "vitest";
import { balanceSegmentsOf, interestPaidForQuarter, overduePeriodsOf, subsidyEnd } from "@/lib/domain/subsidy-timeline";

const Q2 = { from: "2026-03-20", to: "2026-06-20" };

describe("balance segments", () => {
  it("starts on the disbursement day and steps down on each principal repayment's day", () => {
    expect(
      balanceSegmentsOf({
        principal: "30000", disbursedOn: "2026-04-01", until: "2026-06-20",
        repayments: [
          { paidOn: "2026-05-10", principal: "10000", interest: "0" },
          { paidOn: "2026-04-20", principal: "0", interest: "50" },
          { paidOn: "2026-05-10", principal: "5000", interest: "0" },
        ],
      }),
    ).toEqual([
      { from: "2026-04-01", to: "2026-05-10", balance: "30000.00" },
      { from: "2026-05-10", to: "2026-06-20", balance: "15000.00" },
    ]);
  });

  it("ends when nothing is owed; stops at `until`; a repayment dated before disbursement counts from it", () => {
    expect(balanceSegmentsOf({ principal: "1000", disbursedOn: "2026-04-01", until: "2026-06-20", repayments: [{ paidOn: "2026-05-01", principal: "1000", interest: "3" }] }))
      .toEqual([{ from: "2026-04-01", to: "2026-05-01", balance: "1000.00" }]);
    expect(balanceSegmentsOf({ principal: "1000", disbursedOn: "2026-04-01", until: "2026-04-15", repayments: [{ paidOn: "2026-05-01", principal: "400", interest: "0" }] }))
      .toEqual([{ from: "2026-04-01", to: "2026-04-15", balance: "1000.00" }]);
    expect(balanceSegmentsOf({ principal: "1000", disbursedOn: "2026-04-01", until: "2026-04-15", repayments: [{ paidOn: "2026-03-01", principal: "400", interest: "0" }] }))
      .toEqual([{ from: "2026-04-01", to: "2026-04-15", balance: "600.00" }]);
    expect(() => balanceSegmentsOf({ principal: "-1", disbursedOn: "2026-04-01", until: "2026-04-15", repayments: [] })).toThrow(/负数/);
  });
});

describe("overdue periods", () => {
  const schedule = [
    { dueDate: "2026-04-20", principalDue: "0", interestDue: "50" },
    { dueDate: "2026-05-20", principalDue: "1000", interestDue: "60" },
  ];

  it("runs from the day after the due date to the day it is fully paid (that day not overdue), oldest instalment first", () => {
    expect(overduePeriodsOf({
      schedule, until: "2026-06-20",
      repayments: [{ paidOn: "2026-04-25", principal: "0", interest: "30" }, { paidOn: "2026-05-01", principal: "0", interest: "20" }],
    })).toEqual([{ from: "2026-04-21", to: "2026-05-01" }, { from: "2026-05-21", to: "2026-06-20" }, { from: "2026-05-21", to: "2026-06-20" }]);
  });

  it("paid on the due date is never overdue; an extension requested before the due date moves the principal's due date", () => {
    const repayments = [
      { paidOn: "2026-04-20", principal: "0", interest: "50" },
      { paidOn: "2026-05-20", principal: "0", interest: "60" },
      { paidOn: "2026-06-10", principal: "1000", interest: "0" },
    ];
    expect(overduePeriodsOf({ schedule, repayments, until: "2026-06-20" })).toEqual([{ from: "2026-05-21", to: "2026-06-10" }]);
    expect(overduePeriodsOf({ schedule, repayments, until: "2026-06-20", changes: [{ requestedOn: "2026-05-15", newMaturity: "2026-08-20" }] })).toEqual([]);
    // Asked for after the principal fell due: the overdue days stand.
    expect(overduePeriodsOf({ schedule, repayments, until: "2026-06-20", changes: [{ requestedOn: "2026-05-25", newMaturity: "2026-08-20" }] }))
      .toEqual([{ from: "2026-05-21", to: "2026-06-10" }]);
  });
});

describe("interest paid for a quarter (据实)", () => {
  it("counts interest allocated to instalments settled in the quarter and interest paid in it ahead of later ones, never penalty", () => {
    const schedule = [
      { dueDate: "2026-03-20", principalDue: "0", interestDue: "40" },
      { dueDate: "2026-04-20", principalDue: "0", interestDue: "50" },
      { dueDate: "2026-08-20", principalDue: "1000", interestDue: "90" },
    ];
    const repayments = [
      { paidOn: "2026-03-20", principal: "0", interest: "40" },
      { paidOn: "2026-05-05", principal: "0", interest: "50" },
      { paidOn: "2026-06-10", principal: "1000", interest: "30" },
      { paidOn: "2026-07-01", principal: "0", interest: "60" },
    ];
    // 50 for 04-20 + 30 of the payoff on 06-10 toward 08-20; the 03-20 one is Q1's, 07-01 is Q3's.
    expect(interestPaidForQuarter({ schedule, repayments, quarter: Q2 })).toBe("80.00");
  });

  it("interest beyond the schedule belongs to the last instalment", () => {
    const schedule = [{ dueDate: "2026-06-20", principalDue: "1000", interestDue: "10" }];
    expect(interestPaidForQuarter({ schedule, repayments: [{ paidOn: "2026-06-01", principal: "1000", interest: "12.5" }], quarter: Q2 })).toBe("12.50");
  });
});

describe("subsidy end", () => {
  it("is the maturity, or the latest approved extension when the profile includes them", () => {
    const changes = [{ requestedOn: "2026-05-01", newMaturity: "2026-08-20" }, { requestedOn: "2026-08-01", newMaturity: "2026-07-01" }];
    expect(subsidyEnd({ maturityDate: "2026-05-20", changes, includeChanges: false })).toBe("2026-05-20");
    expect(subsidyEnd({ maturityDate: "2026-05-20", changes, includeChanges: true })).toBe("2026-08-20");
  });
});
