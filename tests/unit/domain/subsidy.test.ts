import { describe, expect, it } from "vitest";
import {
  DEFAULT_ENTERPRISE_SUBSIDY,
  DEFAULT_GUARANTEE_FEE_SUBSIDY_RATES,
  enterpriseSubsidy,
  findDoubleSubsidy,
  guaranteeFeeSubsidy,
  interestSubsidy,
  loanQuarterSubsidy,
  subsidyEligibility,
} from "@/lib/domain/subsidy";
import { codeOf } from "./errors-helper";

const BENCH = "0.0435";

describe("interestSubsidy (CONTRACT)", () => {
  it("§15.6: 50000 × 91 days × 4.35% ÷ 360 = 197925 ÷ 360 = 549.7916… → 549.79", () => {
    // 2025-03-21 → 2025-06-20: 11 (Mar 21–31) + 30 + 31 + 19 = 91 days
    expect(
      interestSubsidy({ principal: "50000", contractRate: BENCH, capRate: BENCH, from: "2025-03-21", to: "2025-06-20" }),
    ).toEqual({ days: 91, rate: "0.0435", amount: "549.79" });
  });

  it("§15.6: 算头不算尾 across a leap February: 2023-12-20 → 2024-03-20 is 12 + 31 + 29 + 19 = 91 days", () => {
    expect(
      interestSubsidy({ principal: "50000", contractRate: BENCH, capRate: BENCH, from: "2023-12-20", to: "2024-03-20" })
        .days,
    ).toBe(91);
    // 2024-12-20 → 2025-03-20: 12 + 31 + 28 + 19 = 90; 50000 × 90 × 0.0435 ÷ 360 = 543.75 exactly
    expect(
      interestSubsidy({ principal: "50000", contractRate: BENCH, capRate: BENCH, from: "2024-12-20", to: "2025-03-20" }),
    ).toEqual({ days: 90, rate: "0.0435", amount: "543.75" });
  });

  it("§15.6: rate = min(contract, cap): a 4.75% contract is subsidised at the 4.35% cap", () => {
    // 10000 × 36 × 0.0435 ÷ 360 = 15660 ÷ 360 = 43.50
    expect(
      interestSubsidy({ principal: "10000", contractRate: "0.0475", capRate: BENCH, from: "2025-01-01", to: "2025-02-06" }),
    ).toEqual({ days: 36, rate: "0.0435", amount: "43.50" });
  });

  it("§15.6: rate = min(contract, cap): a 4% contract under a 4.35% cap uses 4%, shown with 4 decimals", () => {
    // 10000 × 36 × 0.04 ÷ 360 = 40.00
    expect(
      interestSubsidy({ principal: "10000", contractRate: "0.04", capRate: BENCH, from: "2025-01-01", to: "2025-02-06" }),
    ).toEqual({ days: 36, rate: "0.0400", amount: "40.00" });
  });

  it("§15.6: a longer exact rate keeps its digits (LPR 3.45% − 0.125% = 3.325%)", () => {
    expect(
      interestSubsidy({ principal: "0", contractRate: "0.03325", capRate: "0.0345", from: "2025-01-01", to: "2025-01-02" })
        .rate,
    ).toBe("0.03325");
  });

  it("§15.6: half-up at exactly half a fen: 36 × 1 × 5% ÷ 360 = 0.005 → 0.01; 180 × 1 × 5% ÷ 360 = 0.025 → 0.03", () => {
    expect(
      interestSubsidy({ principal: "36", contractRate: "0.05", capRate: "0.05", from: "2025-01-01", to: "2025-01-02" })
        .amount,
    ).toBe("0.01");
    expect(
      interestSubsidy({ principal: "180", contractRate: "0.05", capRate: "0.05", from: "2025-01-01", to: "2025-01-02" })
        .amount,
    ).toBe("0.03");
  });

  it("§15.6: just under half a fen rounds down: 35 × 1 × 5% ÷ 360 = 0.00486… → 0.00", () => {
    expect(
      interestSubsidy({ principal: "35", contractRate: "0.05", capRate: "0.05", from: "2025-01-01", to: "2025-01-02" })
        .amount,
    ).toBe("0.00");
  });

  it("§15.6: to == from → 0 days, 0.00", () => {
    expect(
      interestSubsidy({ principal: "50000", contractRate: BENCH, capRate: BENCH, from: "2025-03-20", to: "2025-03-20" }),
    ).toEqual({ days: 0, rate: "0.0435", amount: "0.00" });
  });

  it("§15.6: zero principal → 0.00", () => {
    expect(
      interestSubsidy({ principal: "0", contractRate: BENCH, capRate: BENCH, from: "2025-01-01", to: "2025-04-01" }).amount,
    ).toBe("0.00");
  });

  it("§15.6: the day-count basis is a profile setting (ACT/365: 50000 × 73 × 3.65% ÷ 365 = 365.00)", () => {
    // 50000 × 73 = 3,650,000; × 0.0365 = 133,225; ÷ 365 = 365.00 (ACT/360 would give 370.07)
    const base = { principal: "50000", contractRate: "0.0365", capRate: "0.0365", from: "2025-01-01", to: "2025-03-15" };
    expect(interestSubsidy({ ...base, dayCountBasis: 365 })).toEqual({ days: 73, rate: "0.0365", amount: "365.00" });
    expect(interestSubsidy(base).amount).toBe("370.07");
    expect(codeOf(() => interestSubsidy({ ...base, dayCountBasis: 0 }))).toBe("INVALID_SETTING");
    expect(codeOf(() => interestSubsidy({ ...base, dayCountBasis: 360.5 }))).toBe("INVALID_SETTING");
  });

  it("CONTRACT: to < from → INVALID_PERIOD", () => {
    expect(
      codeOf(() =>
        interestSubsidy({ principal: "1", contractRate: BENCH, capRate: BENCH, from: "2025-03-20", to: "2025-03-19" }),
      ),
    ).toBe("INVALID_PERIOD");
  });

  it("CONTRACT: negative or non-numeric principal → INVALID_AMOUNT", () => {
    const base = { contractRate: BENCH, capRate: BENCH, from: "2025-01-01", to: "2025-02-01" };
    expect(codeOf(() => interestSubsidy({ ...base, principal: "-0.01" }))).toBe("INVALID_AMOUNT");
    expect(codeOf(() => interestSubsidy({ ...base, principal: "5万" }))).toBe("INVALID_AMOUNT");
  });

  it("CONTRACT: bad rates → INVALID_RATE; bad dates → INVALID_DATE; no input → INVALID_INPUT", () => {
    const base = { principal: "100", contractRate: BENCH, capRate: BENCH, from: "2025-01-01", to: "2025-02-01" };
    expect(codeOf(() => interestSubsidy({ ...base, contractRate: "4.35%" }))).toBe("INVALID_RATE");
    expect(codeOf(() => interestSubsidy({ ...base, capRate: "-0.01" }))).toBe("INVALID_RATE");
    expect(codeOf(() => interestSubsidy({ ...base, from: "2025-02-30" }))).toBe("INVALID_DATE");
    expect(codeOf(() => interestSubsidy({ ...base, to: "20250201" }))).toBe("INVALID_DATE");
    expect(codeOf(() => interestSubsidy(undefined as never))).toBe("INVALID_INPUT");
  });
});

describe("loanQuarterSubsidy", () => {
  const Q1 = { from: "2024-12-20", to: "2025-03-20" }; // 90 days
  const Q2 = { from: "2025-03-20", to: "2025-06-20" }; // 12 + 30 + 31 + 19 = 92 days

  it("§15.6: a loan disbursed mid-quarter accrues from disbursement: 50000 × 64 × 4.35% ÷ 360 = 386.67", () => {
    // 2025-01-15 → 2025-03-20: 17 + 28 + 19 = 64 days; 139200 ÷ 360 = 386.666…
    const r = loanQuarterSubsidy({
      quarter: Q1,
      balanceSegments: [{ from: "2025-01-15", to: "2025-07-15", balance: "50000" }],
      contractRate: BENCH,
      capRate: BENCH,
    });
    expect(r).toEqual({
      days: 64,
      subsidisedDays: 64,
      rate: "0.0435",
      computed: "386.67",
      amount: "386.67",
      limitedByInterestPaid: false,
      eligible: true,
      lines: [{ from: "2025-01-15", to: "2025-03-20", days: 64, balance: "50000.00", interest: "386.6667" }],
    });
  });

  it("§15.6: repaid early in two steps; the unrounded lines are summed and rounded once (360.08, not 360.09)", () => {
    // 50000 × 52 days (12-20 → 02-10) × 0.0435 = 113100; 20000 × 19 days (02-10 → 03-01) × 0.0435 = 16530
    // (113100 + 16530) ÷ 360 = 360.0833… → 360.08; rounding each line would give 314.17 + 45.92 = 360.09
    const r = loanQuarterSubsidy({
      quarter: Q1,
      balanceSegments: [
        { from: "2024-06-01", to: "2025-02-10", balance: "50000" },
        { from: "2025-02-10", to: "2025-03-01", balance: "20000" },
      ],
      contractRate: BENCH,
      capRate: BENCH,
    });
    expect(r.days).toBe(71);
    expect(r.amount).toBe("360.08");
    expect(r.lines.map((l) => [l.from, l.to, l.days, l.balance, l.interest])).toEqual([
      ["2024-12-20", "2025-02-10", 52, "50000.00", "314.1667"],
      ["2025-02-10", "2025-03-01", 19, "20000.00", "45.9167"],
    ]);
  });

  it("§15.6: overdue days earn nothing: 30000 × (92 − 20) × 4.35% ÷ 360 = 261.00", () => {
    // lines: 03-20 → 05-01 42 days (152.25), 05-01 → 05-21 overdue 20 days, 05-21 → 06-20 30 days (108.75)
    const r = loanQuarterSubsidy({
      quarter: Q2,
      balanceSegments: [{ from: "2024-10-01", to: "2025-10-01", balance: "30000" }],
      overduePeriods: [{ from: "2025-05-01", to: "2025-05-21" }],
      contractRate: BENCH,
      capRate: BENCH,
    });
    expect(r.days).toBe(92);
    expect(r.subsidisedDays).toBe(72);
    expect(r.amount).toBe("261.00");
    expect(r.lines).toEqual([
      { from: "2025-03-20", to: "2025-05-01", days: 42, balance: "30000.00", interest: "152.2500" },
      { from: "2025-05-01", to: "2025-05-21", days: 20, balance: "30000.00", excluded: "overdue", interest: "0.0000" },
      { from: "2025-05-21", to: "2025-06-20", days: 30, balance: "30000.00", interest: "108.7500" },
    ]);
  });

  it("§15.6: overlapping and touching overdue periods are merged, not subtracted twice", () => {
    const r = loanQuarterSubsidy({
      quarter: Q2,
      balanceSegments: [{ from: "2025-03-20", to: "2025-06-20", balance: "30000" }],
      overduePeriods: [
        { from: "2025-05-05", to: "2025-05-21" },
        { from: "2025-05-01", to: "2025-05-11" },
        { from: "2025-05-21", to: "2025-05-21" },
      ],
      contractRate: BENCH,
      capRate: BENCH,
    });
    expect(r.subsidisedDays).toBe(72);
    expect(r.amount).toBe("261.00");
  });

  it("§15.6: overdue from before the quarter to after it → nothing", () => {
    const r = loanQuarterSubsidy({
      quarter: Q2,
      balanceSegments: [{ from: "2025-01-01", to: "2025-12-01", balance: "30000" }],
      overduePeriods: [{ from: "2025-03-01", to: "2025-07-01" }],
      contractRate: BENCH,
      capRate: BENCH,
    });
    expect([r.days, r.subsidisedDays, r.amount]).toEqual([92, 0, "0.00"]);
  });

  it("G 二(四): an extension continues the segments: 50000 × 92 × 4.35% ÷ 360 = 555.83", () => {
    // original term to 2025-04-10, extended to 2025-10-10: 21 + 71 days = 92 → 200100 ÷ 360 = 555.833…
    const r = loanQuarterSubsidy({
      quarter: Q2,
      balanceSegments: [
        { from: "2022-04-10", to: "2025-04-10", balance: "50000" },
        { from: "2025-04-10", to: "2025-10-10", balance: "50000" },
      ],
      contractRate: BENCH,
      capRate: BENCH,
    });
    expect([r.days, r.amount]).toEqual([92, "555.83"]);
  });

  it("G 二(四) 据实: the subsidy never exceeds the interest actually paid", () => {
    const base = {
      quarter: Q2,
      balanceSegments: [{ from: "2025-03-20", to: "2025-06-20", balance: "30000" }],
      overduePeriods: [{ from: "2025-05-01", to: "2025-05-21" }],
      contractRate: BENCH,
      capRate: BENCH,
    };
    expect(loanQuarterSubsidy({ ...base, actualInterestPaid: "200" })).toMatchObject({
      computed: "261.00",
      amount: "200.00",
      limitedByInterestPaid: true,
    });
    // exactly the computed amount, and one fen under it
    expect(loanQuarterSubsidy({ ...base, actualInterestPaid: "261.00" })).toMatchObject({
      amount: "261.00",
      limitedByInterestPaid: false,
    });
    expect(loanQuarterSubsidy({ ...base, actualInterestPaid: "260.99" })).toMatchObject({
      amount: "260.99",
      limitedByInterestPaid: true,
    });
    expect(loanQuarterSubsidy({ ...base, actualInterestPaid: "0" }).amount).toBe("0.00");
  });

  it("§15.6: the contract rate above the cap is subsidised at the cap", () => {
    const r = loanQuarterSubsidy({
      quarter: Q2,
      balanceSegments: [{ from: "2025-03-20", to: "2025-06-20", balance: "50000" }],
      contractRate: "0.0475",
      capRate: BENCH,
    });
    expect([r.rate, r.amount]).toEqual(["0.0435", "555.83"]);
  });

  it("G 二(九)1: an ineligible loan gets 0.00 with the reason; its days show as ineligible", () => {
    const r = loanQuarterSubsidy({
      quarter: Q2,
      balanceSegments: [{ from: "2025-03-20", to: "2025-06-20", balance: "50000" }],
      contractRate: BENCH,
      capRate: BENCH,
      eligible: false,
      reason: "不合规的“户贷企用”贷款不享受贴息",
    });
    expect(r).toMatchObject({
      days: 92,
      subsidisedDays: 0,
      computed: "0.00",
      amount: "0.00",
      eligible: false,
      reason: "不合规的“户贷企用”贷款不享受贴息",
      limitedByInterestPaid: false,
    });
    expect(r.lines).toEqual([
      { from: "2025-03-20", to: "2025-06-20", days: 92, balance: "50000.00", excluded: "ineligible", interest: "0.0000" },
    ]);
  });

  it("§15.6: the day-count basis passes through to the quarter computation", () => {
    // 30000 × 92 × 4.35% ÷ 365 = 120060 ÷ 365 = 328.93…
    const r = loanQuarterSubsidy({
      quarter: Q2,
      balanceSegments: [{ from: "2025-03-20", to: "2025-06-20", balance: "30000" }],
      contractRate: BENCH,
      capRate: BENCH,
      dayCountBasis: 365,
    });
    expect(r.amount).toBe("328.93");
  });

  it("§15.6: an ineligible loan without a stated reason gets a generic one", () => {
    const r = loanQuarterSubsidy({
      quarter: Q2,
      balanceSegments: [],
      contractRate: BENCH,
      capRate: BENCH,
      eligible: false,
      reason: "  ",
    });
    expect(r.reason).toBe("不符合贴息条件");
  });

  it("§15.6: segments outside the quarter, zero balances and empty segments count nothing", () => {
    const r = loanQuarterSubsidy({
      quarter: Q2,
      balanceSegments: [
        { from: "2025-01-01", to: "2025-03-20", balance: "50000" },
        { from: "2025-03-20", to: "2025-04-01", balance: "0" },
        { from: "2025-04-01", to: "2025-04-01", balance: "50000" },
        { from: "2025-06-20", to: "2025-09-01", balance: "50000" },
      ],
      contractRate: BENCH,
      capRate: BENCH,
    });
    expect(r).toMatchObject({ days: 0, subsidisedDays: 0, amount: "0.00", lines: [] });
  });

  it("§15.6: no segments (loan not yet disbursed) → 0 days, 0.00", () => {
    expect(loanQuarterSubsidy({ quarter: Q2, balanceSegments: [], contractRate: BENCH, capRate: BENCH }).amount).toBe(
      "0.00",
    );
  });

  it("§15.6: segments given out of order are sorted", () => {
    const r = loanQuarterSubsidy({
      quarter: Q1,
      balanceSegments: [
        { from: "2025-02-10", to: "2025-03-01", balance: "20000" },
        { from: "2024-06-01", to: "2025-02-10", balance: "50000" },
      ],
      contractRate: BENCH,
      capRate: BENCH,
    });
    expect([r.lines[0].from, r.amount]).toEqual(["2024-12-20", "360.08"]);
  });

  it("§15.6: overlapping balance segments → OVERLAPPING_SEGMENTS", () => {
    expect(
      codeOf(() =>
        loanQuarterSubsidy({
          quarter: Q2,
          balanceSegments: [
            { from: "2025-03-20", to: "2025-05-01", balance: "50000" },
            { from: "2025-04-30", to: "2025-06-20", balance: "30000" },
          ],
          contractRate: BENCH,
          capRate: BENCH,
        }),
      ),
    ).toBe("OVERLAPPING_SEGMENTS");
  });

  it("§15.6: malformed input is rejected with its code", () => {
    const base = {
      quarter: Q2,
      balanceSegments: [{ from: "2025-03-20", to: "2025-06-20", balance: "50000" }],
      contractRate: BENCH,
      capRate: BENCH,
    };
    expect(codeOf(() => loanQuarterSubsidy({ ...base, quarter: { from: "2025-06-20", to: "2025-03-20" } }))).toBe(
      "INVALID_PERIOD",
    );
    expect(codeOf(() => loanQuarterSubsidy({ ...base, quarter: undefined as never }))).toBe("INVALID_PERIOD");
    expect(
      codeOf(() => loanQuarterSubsidy({ ...base, balanceSegments: [{ from: "2025-04-01", to: "2025-03-01", balance: "1" }] })),
    ).toBe("INVALID_PERIOD");
    expect(
      codeOf(() => loanQuarterSubsidy({ ...base, balanceSegments: [{ from: "2025-03-01", to: "2025-04-01", balance: "-1" }] })),
    ).toBe("INVALID_AMOUNT");
    expect(codeOf(() => loanQuarterSubsidy({ ...base, balanceSegments: "x" as never }))).toBe("INVALID_INPUT");
    expect(codeOf(() => loanQuarterSubsidy({ ...base, overduePeriods: {} as never }))).toBe("INVALID_INPUT");
    expect(
      codeOf(() => loanQuarterSubsidy({ ...base, overduePeriods: [{ from: "2025-05-02", to: "2025-05-01" }] })),
    ).toBe("INVALID_PERIOD");
    expect(codeOf(() => loanQuarterSubsidy({ ...base, actualInterestPaid: "-1" }))).toBe("INVALID_AMOUNT");
    expect(codeOf(() => loanQuarterSubsidy({ ...base, contractRate: "" }))).toBe("INVALID_RATE");
    expect(codeOf(() => loanQuarterSubsidy({ ...base, eligible: "yes" as never }))).toBe("INVALID_INPUT");
    expect(codeOf(() => loanQuarterSubsidy(null as never))).toBe("INVALID_INPUT");
  });
});

describe("enterpriseSubsidy", () => {
  const Q2 = { from: "2025-03-20", to: "2025-06-20" }; // 92 days

  it("§15.6 defaults: 2% and 5万 per household driven", () => {
    expect(DEFAULT_ENTERPRISE_SUBSIDY).toEqual({ rate: "0.02", quotaPerHousehold: "50000" });
  });

  it("P-Imp 四(四): balance above households × 5万 is subsidised on 40 × 50000 = 2,000,000 only", () => {
    // 2,000,000 × 0.02 × 92 ÷ 360 = 3,680,000 ÷ 360 = 10222.222… → 10222.22
    const r = enterpriseSubsidy({
      quarter: Q2,
      balanceSegments: [{ from: "2025-01-01", to: "2026-01-01", balance: "3000000" }],
      householdsDriven: 40,
    });
    expect(r).toEqual({
      days: 92,
      subsidisedDays: 92,
      rate: "0.0200",
      amount: "10222.22",
      lines: [{ from: "2025-03-20", to: "2025-06-20", days: 92, balance: "2000000.00", interest: "10222.2222" }],
    });
  });

  it("P-Imp 四(四): balance below the household ceiling is subsidised in full: 1,500,000 → 7666.67", () => {
    // 1,500,000 × 0.02 × 92 ÷ 360 = 2,760,000 ÷ 360 = 7666.666…
    const r = enterpriseSubsidy({
      quarter: Q2,
      balanceSegments: [{ from: "2025-01-01", to: "2026-01-01", balance: "1500000" }],
      householdsDriven: 40,
    });
    expect(r.amount).toBe("7666.67");
  });

  it("P-Imp 四(四): balance exactly at the ceiling (30 × 50000 = 1,500,000) is the same 7666.67", () => {
    const r = enterpriseSubsidy({
      quarter: Q2,
      balanceSegments: [{ from: "2025-01-01", to: "2026-01-01", balance: "1500000" }],
      householdsDriven: 30,
    });
    expect(r.lines[0].balance).toBe("1500000.00");
    expect(r.amount).toBe("7666.67");
  });

  it("P-Imp 四(四): no households driven → nothing", () => {
    const r = enterpriseSubsidy({
      quarter: Q2,
      balanceSegments: [{ from: "2025-01-01", to: "2026-01-01", balance: "1500000" }],
      householdsDriven: 0,
    });
    expect(r.amount).toBe("0.00");
  });

  it("§15.6: quota, rate and overdue exclusion are settings/inputs", () => {
    // 10 × 100000 = 1,000,000 × 0.03 × 62 days (92 − 30 overdue) ÷ 360 = 1,860,000 ÷ 360 = 5166.666… → 5166.67
    const r = enterpriseSubsidy({
      quarter: Q2,
      balanceSegments: [{ from: "2025-01-01", to: "2026-01-01", balance: "5000000" }],
      householdsDriven: 10,
      quotaPerHousehold: "100000",
      rate: "0.03",
      overduePeriods: [{ from: "2025-05-21", to: "2025-06-20" }],
    });
    expect([r.subsidisedDays, r.amount]).toEqual([62, "5166.67"]);
  });

  it("P-Imp 四(四): bad household count, quota or rate → errors", () => {
    const base = { quarter: Q2, balanceSegments: [], householdsDriven: 1 };
    expect(codeOf(() => enterpriseSubsidy({ ...base, householdsDriven: -1 }))).toBe("INVALID_COUNT");
    expect(codeOf(() => enterpriseSubsidy({ ...base, householdsDriven: 1.5 }))).toBe("INVALID_COUNT");
    expect(codeOf(() => enterpriseSubsidy({ ...base, quotaPerHousehold: "x" }))).toBe("INVALID_AMOUNT");
    expect(codeOf(() => enterpriseSubsidy({ ...base, rate: "-0.02" }))).toBe("INVALID_RATE");
    expect(codeOf(() => enterpriseSubsidy(null as never))).toBe("INVALID_INPUT");
  });
});

describe("guaranteeFeeSubsidy", () => {
  it("P-Imp 四(五) defaults: 1.5% household loans, 0.5% enterprise loans", () => {
    expect(DEFAULT_GUARANTEE_FEE_SUBSIDY_RATES).toEqual({ household: "0.015", enterprise: "0.005" });
  });

  it("P-Imp 四(五): household loan 50000 × 1.5% × 92 ÷ 360 = 69000 ÷ 360 = 191.67", () => {
    const r = guaranteeFeeSubsidy({
      quarter: { from: "2025-03-20", to: "2025-06-20" },
      balanceSegments: [{ from: "2025-03-20", to: "2025-06-20", balance: "50000" }],
      rate: DEFAULT_GUARANTEE_FEE_SUBSIDY_RATES.household,
    });
    expect([r.days, r.rate, r.amount]).toEqual([92, "0.0150", "191.67"]);
  });

  it("P-Imp 四(五): enterprise loan 2,000,000 × 0.5% × 90 ÷ 360 = 2500.00", () => {
    const r = guaranteeFeeSubsidy({
      quarter: { from: "2024-12-20", to: "2025-03-20" },
      balanceSegments: [{ from: "2024-01-01", to: "2026-01-01", balance: "2000000" }],
      rate: DEFAULT_GUARANTEE_FEE_SUBSIDY_RATES.enterprise,
    });
    expect([r.days, r.amount]).toEqual([90, "2500.00"]);
  });

  it("§15.6: enterprise and guarantee-fee subsidies take the day-count basis too", () => {
    // 1,460,000 × 0.02 × 73 ÷ 365 = 5840.00; 73,000 × 0.015 × 73 ÷ 365 = 219.00
    const quarter = { from: "2025-01-01", to: "2025-03-15" };
    expect(
      enterpriseSubsidy({
        quarter,
        balanceSegments: [{ from: "2025-01-01", to: "2025-03-15", balance: "1460000" }],
        householdsDriven: 30,
        dayCountBasis: 365,
      }).amount,
    ).toBe("5840.00");
    expect(
      guaranteeFeeSubsidy({
        quarter,
        balanceSegments: [{ from: "2025-01-01", to: "2025-03-15", balance: "73000" }],
        rate: "0.015",
        dayCountBasis: 365,
      }).amount,
    ).toBe("219.00");
  });

  it("P-Imp 四(五): the rate is required and must be valid", () => {
    const base = { quarter: { from: "2025-03-20", to: "2025-06-20" }, balanceSegments: [] };
    expect(codeOf(() => guaranteeFeeSubsidy({ ...base, rate: undefined as never }))).toBe("INVALID_RATE");
    expect(codeOf(() => guaranteeFeeSubsidy(null as never))).toBe("INVALID_INPUT");
  });
});

describe("findDoubleSubsidy", () => {
  it("P-Risk 三(二): two claims on the same loan sharing days are reported with the shared period", () => {
    expect(
      findDoubleSubsidy([
        { loanId: "L1", from: "2025-01-01", to: "2025-04-01", source: "县财政贴息" },
        { loanId: "L2", from: "2025-01-01", to: "2025-04-01" },
        { loanId: "L1", from: "2025-03-20", to: "2025-06-20", source: "其他财政贴息" },
      ]),
    ).toEqual([{ loanId: "L1", from: "2025-03-20", to: "2025-04-01", claims: [0, 2] }]);
  });

  it("P-Risk 三(二): back-to-back quarters (to == next from) do not overlap (算头不算尾)", () => {
    expect(
      findDoubleSubsidy([
        { loanId: "L1", from: "2024-12-20", to: "2025-03-20" },
        { loanId: "L1", from: "2025-03-20", to: "2025-06-20" },
      ]),
    ).toEqual([]);
  });

  it("P-Risk 三(二): one shared day is enough; a claim of zero days overlaps nothing", () => {
    expect(
      findDoubleSubsidy([
        { loanId: "L1", from: "2025-03-19", to: "2025-03-20" },
        { loanId: "L1", from: "2025-01-01", to: "2025-03-20" },
        { loanId: "L1", from: "2025-02-01", to: "2025-02-01" },
      ]),
    ).toEqual([{ loanId: "L1", from: "2025-03-19", to: "2025-03-20", claims: [0, 1] }]);
  });

  it("P-Risk 三(二): an empty list has no overlaps", () => {
    expect(findDoubleSubsidy([])).toEqual([]);
  });

  it("P-Risk 三(二): claims without a loan id or with reversed periods are rejected", () => {
    expect(codeOf(() => findDoubleSubsidy([{ loanId: "", from: "2025-01-01", to: "2025-02-01" }]))).toBe("INVALID_INPUT");
    expect(codeOf(() => findDoubleSubsidy([{ loanId: "L1", from: "2025-02-01", to: "2025-01-01" }]))).toBe(
      "INVALID_PERIOD",
    );
    expect(codeOf(() => findDoubleSubsidy(null as never))).toBe("INVALID_INPUT");
  });
});

describe("subsidyEligibility", () => {
  const ok = { amount: "50000", termMonths: 36, householdStatus: "registeredPoor" as const, blacklisted: false };

  it("P-Imp 四(四): exactly 5万 for exactly 36 months is in scope", () => {
    expect(subsidyEligibility(ok)).toEqual({ eligible: true, reasons: [] });
    expect(subsidyEligibility({ ...ok, householdStatus: "exitedPoverty" }).eligible).toBe(true);
    expect(subsidyEligibility({ ...ok, householdStatus: "monitored" }).eligible).toBe(true);
  });

  it("P-Imp 四(四): one fen over 5万 → AMOUNT_OVER_CAP", () => {
    expect(subsidyEligibility({ ...ok, amount: "50000.01" })).toEqual({
      eligible: false,
      reasons: [{ code: "AMOUNT_OVER_CAP", message: "贷款金额 50,000.01 元超过 50,000.00 元，不在贴息范围内" }],
    });
  });

  it("P-Imp 四(四): 37 months → TERM_OVER_CAP", () => {
    expect(subsidyEligibility({ ...ok, termMonths: 37 }).reasons).toEqual([
      { code: "TERM_OVER_CAP", message: "贷款期限 37 个月超过 36 个月，不在贴息范围内" },
    ]);
  });

  it("G 二(八)2: a misregistered household → MISREGISTERED", () => {
    expect(subsidyEligibility({ ...ok, householdStatus: "misregistered" }).reasons.map((r) => r.code)).toEqual([
      "MISREGISTERED",
    ]);
  });

  it("§2: a marginal or non-supported household → STATUS_NOT_ELIGIBLE", () => {
    expect(subsidyEligibility({ ...ok, householdStatus: "marginal" }).reasons).toEqual([
      { code: "STATUS_NOT_ELIGIBLE", message: "农户身份为“边缘户”，不在贴息范围内" },
    ]);
    expect(subsidyEligibility({ ...ok, householdStatus: "none" }).reasons[0].code).toBe("STATUS_NOT_ELIGIBLE");
  });

  it("P-Cr 二(三), G 二(九)1, P-Risk 三(二): blacklist, 户贷企用, fraud and other subsidies, all at once in order", () => {
    const r = subsidyEligibility({
      ...ok,
      amount: "60000",
      termMonths: 48,
      householdStatus: "misregistered",
      blacklisted: true,
      nonCompliantEnterpriseUse: true,
      fraud: true,
      otherFiscalSubsidy: true,
    });
    expect(r.eligible).toBe(false);
    expect(r.reasons.map((x) => x.code)).toEqual([
      "AMOUNT_OVER_CAP",
      "TERM_OVER_CAP",
      "MISREGISTERED",
      "BLACKLISTED",
      "NON_COMPLIANT_ENTERPRISE_USE",
      "FRAUD",
      "DOUBLE_SUBSIDY",
    ]);
    expect(r.reasons.map((x) => x.message).slice(3)).toEqual([
      "农户已列入失信黑名单，不享受贴息",
      "不合规的“户贷企用”贷款不享受贴息",
      "存在骗取贴息行为，永久取消贴息资格",
      "该贷款已享受其他财政贴息，不得重复贴息",
    ]);
  });

  it("G 一(一): a profile listing unregistered households does not make them eligible", () => {
    const cap = { amount: "50000", termMonths: 36, eligibleStatuses: ["registeredPoor", "none", "misregistered"] };
    expect(subsidyEligibility({ ...ok, householdStatus: "none", cap }).reasons.map((r) => r.code)).toEqual([
      "STATUS_NOT_ELIGIBLE",
    ]);
    expect(subsidyEligibility({ ...ok, householdStatus: "misregistered", cap }).reasons.map((r) => r.code)).toEqual([
      "MISREGISTERED",
    ]);
  });

  it("§14: the scope is a setting (3万 / 12 months)", () => {
    const cap = { amount: "30000", termMonths: 12, eligibleStatuses: ["registeredPoor"] };
    expect(subsidyEligibility({ ...ok, amount: "30000", termMonths: 12, cap }).eligible).toBe(true);
    expect(subsidyEligibility({ ...ok, amount: "30000", termMonths: 13, cap }).reasons[0].code).toBe("TERM_OVER_CAP");
  });

  it("§15: malformed input → errors", () => {
    expect(codeOf(() => subsidyEligibility({ ...ok, amount: "abc" }))).toBe("INVALID_AMOUNT");
    expect(codeOf(() => subsidyEligibility({ ...ok, termMonths: 0 }))).toBe("INVALID_TERM");
    expect(codeOf(() => subsidyEligibility({ ...ok, cap: { amount: "1", termMonths: 1.5, eligibleStatuses: [] } }))).toBe(
      "INVALID_TERM",
    );
    expect(codeOf(() => subsidyEligibility({ ...ok, householdStatus: "toString" as never }))).toBe(
      "INVALID_HOUSEHOLD_STATUS",
    );
    expect(codeOf(() => subsidyEligibility({ ...ok, blacklisted: undefined as never }))).toBe("INVALID_INPUT");
    expect(codeOf(() => subsidyEligibility({ ...ok, fraud: "no" as never }))).toBe("INVALID_INPUT");
    expect(codeOf(() => subsidyEligibility({ ...ok, cap: { amount: "1" } as never }))).toBe("INVALID_CAP");
    expect(codeOf(() => subsidyEligibility(null as never))).toBe("INVALID_INPUT");
  });
});
