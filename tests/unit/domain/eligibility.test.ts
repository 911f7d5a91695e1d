import { describe, expect, it } from "vitest";
import {
  checkHouseholdLoan,
  CREDIT_GRADES,
  DEFAULT_HOUSEHOLD_LOAN_CAP,
  FORBIDDEN_PURPOSES,
  HOUSEHOLD_STATUS_LABELS,
  householdLoanViolations,
  LOAN_PURPOSE_LABELS,
  LOAN_PURPOSES,
  type HouseholdLoanInput,
} from "@/lib/domain/eligibility";
import { codeOf } from "./errors-helper";

const ok: HouseholdLoanInput = {
  householdStatus: "registeredPoor",
  creditGrade: "A",
  blacklisted: false,
  areaHalted: false,
  amount: "50000",
  termMonths: 36,
  outstanding: "0",
  purpose: "breeding",
};

function check(patch: Partial<HouseholdLoanInput>) {
  return checkHouseholdLoan({ ...ok, ...patch });
}

describe("checkHouseholdLoan: defaults and the clean case", () => {
  it("§15: defaults are 5万, 36 months, A, registeredPoor/exitedPoverty/monitored", () => {
    expect(DEFAULT_HOUSEHOLD_LOAN_CAP).toEqual({
      amount: "50000",
      termMonths: 36,
      minGrade: "A",
      eligibleStatuses: ["registeredPoor", "exitedPoverty", "monitored"],
    });
  });

  it("§3: 50,000 for 36 months to an A-rated registered poor household for breeding is eligible", () => {
    expect(checkHouseholdLoan(ok)).toEqual({ eligible: true, violations: [] });
  });

  it("G 一(一): exited and monitored households keep the policy", () => {
    expect(check({ householdStatus: "exitedPoverty" })).toEqual({ eligible: true, violations: [] });
    expect(check({ householdStatus: "monitored" })).toEqual({ eligible: true, violations: [] });
  });
});

describe("checkHouseholdLoan: status", () => {
  it.each(["marginal", "misregistered", "none"] as const)("P-Imp 二(一), G 二(八)2: %s → STATUS_NOT_ELIGIBLE", (s) => {
    expect(check({ householdStatus: s })).toEqual({ eligible: false, violations: ["STATUS_NOT_ELIGIBLE"] });
  });

  it("§15: eligible statuses are a setting (a county that admits marginal households)", () => {
    const cap = { ...DEFAULT_HOUSEHOLD_LOAN_CAP, eligibleStatuses: ["registeredPoor", "marginal"] };
    expect(check({ householdStatus: "marginal", cap }).eligible).toBe(true);
    expect(check({ householdStatus: "exitedPoverty", cap }).violations).toEqual(["STATUS_NOT_ELIGIBLE"]);
  });
});

describe("checkHouseholdLoan: never-eligible statuses", () => {
  it("G 一(一), 二(八)2: misregistered and unregistered households stay ineligible even if a profile lists them", () => {
    const cap = { ...DEFAULT_HOUSEHOLD_LOAN_CAP, eligibleStatuses: ["registeredPoor", "misregistered", "none"] };
    expect(check({ householdStatus: "misregistered", cap }).violations).toEqual(["STATUS_NOT_ELIGIBLE"]);
    expect(check({ householdStatus: "none", cap }).violations).toEqual(["STATUS_NOT_ELIGIBLE"]);
    expect(check({ householdStatus: "registeredPoor", cap }).eligible).toBe(true);
    expect(householdLoanViolations({ ...ok, householdStatus: "none", cap })[0].message).toContain("（限：建档立卡贫困户）");
  });
});

describe("checkHouseholdLoan: grade", () => {
  it("P-Risk 二(一)1: grade exactly A (A（含）以上) passes; AA and AAA pass", () => {
    expect(check({ creditGrade: "A" }).eligible).toBe(true);
    expect(check({ creditGrade: "AA" }).eligible).toBe(true);
    expect(check({ creditGrade: "AAA" }).eligible).toBe(true);
  });

  it("P-Risk 二(一)1: B and C (just under A) → GRADE_TOO_LOW", () => {
    expect(check({ creditGrade: "B" }).violations).toEqual(["GRADE_TOO_LOW"]);
    expect(check({ creditGrade: "C" }).violations).toEqual(["GRADE_TOO_LOW"]);
  });

  it("P-Risk 二(一)1: an unrated household (null) is too low", () => {
    expect(check({ creditGrade: null }).violations).toEqual(["GRADE_TOO_LOW"]);
  });

  it("§15.7: minimum grade is a setting (AA: A fails, AA passes)", () => {
    const cap = { ...DEFAULT_HOUSEHOLD_LOAN_CAP, minGrade: "AA" as const };
    expect(check({ creditGrade: "A", cap }).violations).toEqual(["GRADE_TOO_LOW"]);
    expect(check({ creditGrade: "AA", cap }).eligible).toBe(true);
  });
});

describe("checkHouseholdLoan: blacklist and breaker", () => {
  it("P-Cr 二(三)(四): blacklisted → BLACKLISTED", () => {
    expect(check({ blacklisted: true }).violations).toEqual(["BLACKLISTED"]);
  });

  it("§9: area halted by the circuit breaker → AREA_HALTED", () => {
    expect(check({ areaHalted: true }).violations).toEqual(["AREA_HALTED"]);
  });
});

describe("checkHouseholdLoan: amount", () => {
  it("§3: amount + outstanding exactly at 5万 passes (以下 includes the number)", () => {
    expect(check({ amount: "30000", outstanding: "20000" }).eligible).toBe(true);
    expect(check({ amount: "49999.99", outstanding: "0.01" }).eligible).toBe(true);
  });

  it("§3: one fen over the cap → AMOUNT_OVER_CAP", () => {
    expect(check({ amount: "50000.01" }).violations).toEqual(["AMOUNT_OVER_CAP"]);
    expect(check({ amount: "30000", outstanding: "20000.01" }).violations).toEqual(["AMOUNT_OVER_CAP"]);
  });

  it("§3: outstanding alone at the cap blocks any new loan", () => {
    expect(check({ amount: "0.01", outstanding: "50000" }).violations).toEqual(["AMOUNT_OVER_CAP"]);
  });

  it("§3: the cap amount is a setting (3万)", () => {
    const cap = { ...DEFAULT_HOUSEHOLD_LOAN_CAP, amount: "30000" };
    expect(check({ amount: "30000", cap }).eligible).toBe(true);
    expect(check({ amount: "30000.01", cap }).violations).toEqual(["AMOUNT_OVER_CAP"]);
  });

  it("§3: a very small loan of 0.01 is eligible", () => {
    expect(check({ amount: "0.01" }).eligible).toBe(true);
  });
});

describe("checkHouseholdLoan: term", () => {
  it("§3: 36 months passes, 37 → TERM_OVER_CAP", () => {
    expect(check({ termMonths: 36 }).eligible).toBe(true);
    expect(check({ termMonths: 37 }).violations).toEqual(["TERM_OVER_CAP"]);
  });

  it("§3: 1 month passes", () => {
    expect(check({ termMonths: 1 }).eligible).toBe(true);
  });
});

describe("checkHouseholdLoan: purpose", () => {
  it.each(["planting", "breeding", "processing", "commerce", "services", "cooperation"] as const)(
    "G 一(三): %s is an allowed purpose",
    (purpose) => {
      expect(check({ purpose }).eligible).toBe(true);
    },
  );

  it.each(["housing", "vehicle", "wedding", "consumption", "wealthManagement", "platform"] as const)(
    "Z 四(二), G 一(三): %s → PURPOSE_FORBIDDEN",
    (purpose) => {
      expect(check({ purpose }).violations).toEqual(["PURPOSE_FORBIDDEN"]);
    },
  );
});

describe("checkHouseholdLoan: all at once, stable order", () => {
  it("§2–§3: every violation is returned, in the contract's order", () => {
    expect(
      checkHouseholdLoan({
        householdStatus: "misregistered",
        creditGrade: null,
        blacklisted: true,
        areaHalted: true,
        amount: "60000",
        termMonths: 48,
        outstanding: "0",
        purpose: "wedding",
      }),
    ).toEqual({
      eligible: false,
      violations: [
        "STATUS_NOT_ELIGIBLE",
        "GRADE_TOO_LOW",
        "BLACKLISTED",
        "AMOUNT_OVER_CAP",
        "TERM_OVER_CAP",
        "PURPOSE_FORBIDDEN",
        "AREA_HALTED",
      ],
    });
  });
});

describe("checkHouseholdLoan: invalid input", () => {
  it("CONTRACT: invalid amount strings → INVALID_AMOUNT", () => {
    expect(codeOf(() => check({ amount: "五万" }))).toBe("INVALID_AMOUNT");
    expect(codeOf(() => check({ amount: "" }))).toBe("INVALID_AMOUNT");
    expect(codeOf(() => check({ amount: "1e5" }))).toBe("INVALID_AMOUNT");
    expect(codeOf(() => check({ amount: 50000 as unknown as string }))).toBe("INVALID_AMOUNT");
  });

  it("CONTRACT: zero or negative amount → INVALID_AMOUNT", () => {
    expect(codeOf(() => check({ amount: "0" }))).toBe("INVALID_AMOUNT");
    expect(codeOf(() => check({ amount: "-1" }))).toBe("INVALID_AMOUNT");
  });

  it("CONTRACT: invalid or negative outstanding → INVALID_AMOUNT; zero is fine", () => {
    expect(codeOf(() => check({ outstanding: "abc" }))).toBe("INVALID_AMOUNT");
    expect(codeOf(() => check({ outstanding: "-0.01" }))).toBe("INVALID_AMOUNT");
    expect(check({ outstanding: "0.00" }).eligible).toBe(true);
    expect(check({ outstanding: "-0" }).eligible).toBe(true);
  });

  it("CONTRACT: non-integer or non-positive term → INVALID_TERM", () => {
    expect(codeOf(() => check({ termMonths: 0 }))).toBe("INVALID_TERM");
    expect(codeOf(() => check({ termMonths: -12 }))).toBe("INVALID_TERM");
    expect(codeOf(() => check({ termMonths: 12.5 }))).toBe("INVALID_TERM");
    expect(codeOf(() => check({ termMonths: "12" as unknown as number }))).toBe("INVALID_TERM");
  });

  it("§2: unknown status, grade, purpose and non-boolean flags are rejected", () => {
    expect(codeOf(() => check({ householdStatus: "poor" as never }))).toBe("INVALID_HOUSEHOLD_STATUS");
    expect(codeOf(() => check({ creditGrade: "D" as never }))).toBe("INVALID_GRADE");
    expect(codeOf(() => check({ purpose: "gambling" as never }))).toBe("INVALID_PURPOSE");
    expect(codeOf(() => check({ blacklisted: "no" as never }))).toBe("INVALID_INPUT");
    expect(codeOf(() => check({ areaHalted: undefined as never }))).toBe("INVALID_INPUT");
    expect(codeOf(() => checkHouseholdLoan(null as never))).toBe("INVALID_INPUT");
  });

  it("§15: a malformed cap setting is rejected", () => {
    const base = DEFAULT_HOUSEHOLD_LOAN_CAP;
    expect(codeOf(() => check({ cap: { ...base, amount: "0" } }))).toBe("INVALID_CAP");
    expect(codeOf(() => check({ cap: { ...base, amount: "x" } }))).toBe("INVALID_AMOUNT");
    expect(codeOf(() => check({ cap: { ...base, termMonths: 0 } }))).toBe("INVALID_TERM");
    expect(codeOf(() => check({ cap: { ...base, minGrade: "D" as never } }))).toBe("INVALID_GRADE");
    expect(codeOf(() => check({ cap: { ...base, eligibleStatuses: ["poor"] } }))).toBe("INVALID_CAP");
    expect(codeOf(() => check({ cap: { ...base, eligibleStatuses: undefined as never } }))).toBe("INVALID_CAP");
  });
});

describe("householdLoanViolations: messages and fields for the form", () => {
  it("§3: amount over the cap names the total and the cap with thousands separators", () => {
    expect(householdLoanViolations({ ...ok, amount: "12000", outstanding: "40000" })).toEqual([
      {
        code: "AMOUNT_OVER_CAP",
        message: "申请金额加未结清余额 52,000.00 元超过上限 50,000.00 元（其中未结清余额 40,000.00 元）",
        field: "amount",
      },
    ]);
  });

  it("§3: with nothing outstanding the message names only the amount", () => {
    expect(householdLoanViolations({ ...ok, amount: "50000.5" })[0].message).toBe(
      "申请金额 50,000.50 元超过上限 50,000.00 元",
    );
  });

  it("§2–§3: each violation has a specific Chinese message and its form field", () => {
    const v = householdLoanViolations({
      householdStatus: "marginal",
      creditGrade: "B",
      blacklisted: true,
      areaHalted: true,
      amount: "1000",
      termMonths: 48,
      outstanding: "0",
      purpose: "housing",
    });
    expect(v.map((x) => [x.code, x.field])).toEqual([
      ["STATUS_NOT_ELIGIBLE", "household"],
      ["GRADE_TOO_LOW", "household"],
      ["BLACKLISTED", "household"],
      ["TERM_OVER_CAP", "termMonths"],
      ["PURPOSE_FORBIDDEN", "purpose"],
      ["AREA_HALTED", "household"],
    ]);
    expect(v[0].message).toBe("农户身份为“边缘户”，不在扶贫小额信贷支持范围内（限：建档立卡贫困户、已脱贫户、监测对象）");
    expect(v[1].message).toBe("信用等级 B 低于准入等级 A 级（含）以上");
    expect(v[3].message).toBe("贷款期限 48 个月超过上限 36 个月");
    expect(v[4].message).toContain("“建房/购房”属于禁止用途");
    expect(v[5].message).toContain("暂停新增扶贫小额信贷");
  });

  it("P-Risk 二(一)1: an unrated household's message says it has no rating", () => {
    expect(householdLoanViolations({ ...ok, creditGrade: null })[0].message).toBe(
      "农户尚未评定信用等级，须评为 A 级（含）以上",
    );
  });

  it("§15: a county that admits no status at all says so", () => {
    const cap = { ...DEFAULT_HOUSEHOLD_LOAN_CAP, eligibleStatuses: [] };
    expect(householdLoanViolations({ ...ok, cap })[0].message).toContain("（限：无）");
  });
});

describe("labels and lists", () => {
  it("§3: twelve purposes with Chinese labels; six are forbidden", () => {
    expect(LOAN_PURPOSES.map((p) => p.label)).toEqual([
      "种植", "养殖", "加工", "商贸流通", "服务业", "合作经营（带贫主体）",
      "建房/购房", "购车", "婚嫁", "消费", "理财", "政府融资平台",
    ]);
    expect(FORBIDDEN_PURPOSES).toEqual(["housing", "vehicle", "wedding", "consumption", "wealthManagement", "platform"]);
    expect(LOAN_PURPOSE_LABELS.cooperation).toBe("合作经营（带贫主体）");
  });

  it("§2: household status labels", () => {
    expect(HOUSEHOLD_STATUS_LABELS).toEqual({
      registeredPoor: "建档立卡贫困户",
      exitedPoverty: "已脱贫户",
      monitored: "监测对象",
      marginal: "边缘户",
      misregistered: "错评清退户",
      none: "非帮扶对象",
    });
  });

  it("§15.7: grade order, best first", () => {
    expect(CREDIT_GRADES).toEqual(["AAA", "AA", "A", "B", "C"]);
  });
});
