import { describe, expect, it } from "vitest";
import { buildRepaymentSchedule } from "@/lib/domain/repayment-schedule";

const quarterly = { months: [3, 6, 9, 12], day: 20 };

describe("issue 4 step 8 / §15.6: repayment schedule", () => {
  it("quarterly interest on the 20th, principal at maturity (1-year loan of 50,000 at 4.35%)", () => {
    const rows = buildRepaymentSchedule({
      principal: "50000", rate: "0.0435", termMonths: 12, disbursedOn: "2026-01-15", kind: "quarterlyInterestBullet", settlement: quarterly,
    });
    expect(rows.map((r) => [r.dueDate, r.days, r.principalDue, r.interestDue])).toEqual([
      // 50000 × 0.0435 × 64 / 360 = 386.666… → 386.67
      ["2026-03-20", 64, "0.00", "386.67"],
      // × 92 / 360 = 555.833… → 555.83
      ["2026-06-20", 92, "0.00", "555.83"],
      ["2026-09-20", 92, "0.00", "555.83"],
      // × 91 / 360 = 549.791… → 549.79
      ["2026-12-20", 91, "0.00", "549.79"],
      // Dec 20 → Jan 15: 26 days, × 26 / 360 = 157.083… → 157.08
      ["2027-01-15", 26, "50000.00", "157.08"],
    ]);
    expect(rows.at(-1)!.balanceAfter).toBe("0.00");
  });

  it("a loan disbursed on a settlement date starts its first period that day", () => {
    const rows = buildRepaymentSchedule({
      principal: "10000", rate: "0.0435", termMonths: 3, disbursedOn: "2026-03-20", kind: "quarterlyInterestBullet", settlement: quarterly,
    });
    // Maturity 2026-06-20 is itself a settlement date: one instalment, 92 days, 111.17.
    expect(rows).toEqual([
      { seq: 1, dueDate: "2026-06-20", from: "2026-03-20", days: 92, principalDue: "10000.00", interestDue: "111.17", balanceAfter: "0.00" },
    ]);
  });

  it("equal instalments repay principal on every date, interest on the falling balance, cents on the last", () => {
    const rows = buildRepaymentSchedule({
      principal: "10000", rate: "0.036", termMonths: 6, disbursedOn: "2026-02-20", kind: "equalInstalments", settlement: quarterly,
    });
    // Dates: 03-20, 06-20, 08-20 (maturity). 10000 / 3 = 3333.33, last 3333.34.
    expect(rows.map((r) => [r.dueDate, r.principalDue, r.interestDue, r.balanceAfter])).toEqual([
      ["2026-03-20", "3333.33", "28.00", "6666.67"], // 10000 × 0.036 × 28 / 360 = 28.00
      ["2026-06-20", "3333.33", "61.33", "3333.34"], // 6666.67 × 0.036 × 92 / 360 = 61.333…
      ["2026-08-20", "3333.34", "20.33", "0.00"], // 3333.34 × 0.036 × 61 / 360 = 20.333…
    ]);
  });

  it("month-end disbursement matures on the last day of a shorter month", () => {
    const rows = buildRepaymentSchedule({
      principal: "1000", rate: "0.0435", termMonths: 1, disbursedOn: "2026-01-31", kind: "quarterlyInterestBullet", settlement: quarterly,
    });
    expect(rows.map((r) => r.dueDate)).toEqual(["2026-02-28"]);
  });

  it("refuses a zero principal, a negative rate and a zero term with codes", () => {
    const base = { principal: "1000", rate: "0.0435", termMonths: 12, disbursedOn: "2026-01-01", kind: "quarterlyInterestBullet" as const, settlement: quarterly };
    expect(() => buildRepaymentSchedule({ ...base, principal: "0" })).toThrow(expect.objectContaining({ code: "INVALID_AMOUNT" }));
    expect(() => buildRepaymentSchedule({ ...base, rate: "-0.01" })).toThrow(expect.objectContaining({ code: "INVALID_RATE" }));
    expect(() => buildRepaymentSchedule({ ...base, termMonths: 0 })).toThrow(expect.objectContaining({ code: "INVALID_TERM" }));
  });
});
