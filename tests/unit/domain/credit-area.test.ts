import { describe, expect, it } from "vitest";
import {
  creditTownshipStatus,
  creditVillageStatus,
  DEFAULT_CREDIT_TOWNSHIP_THRESHOLD,
  DEFAULT_CREDIT_VILLAGE_THRESHOLD,
  isCreditArea,
} from "@/lib/domain/credit-area";
import type { CreditGrade } from "@/lib/domain/credit";
import { codeOf } from "./errors-helper";

function grades(spec: Partial<Record<CreditGrade | "unrated", number>>): (CreditGrade | null)[] {
  const out: (CreditGrade | null)[] = [];
  for (const [g, n] of Object.entries(spec)) for (let i = 0; i < (n ?? 0); i++) out.push(g === "unrated" ? null : (g as CreditGrade));
  return out;
}

describe("isCreditArea", () => {
  it("P-Cr 二: credit village at exactly 70% (7 of 10)", () => {
    expect(isCreditArea({ members: 10, credited: 7, threshold: "0.70" })).toBe(true);
  });

  it("P-Cr 二: just under 70% is not a credit village (69 of 100)", () => {
    expect(isCreditArea({ members: 100, credited: 69, threshold: "0.70" })).toBe(false);
  });

  it("P-Cr 二: just over 70% (71 of 100) is a credit village", () => {
    expect(isCreditArea({ members: 100, credited: 71, threshold: "0.70" })).toBe(true);
  });

  it("P-Cr 二: credit township at exactly 65% (13 of 20) and below it (12 of 20 = 60%)", () => {
    expect(isCreditArea({ members: 20, credited: 13, threshold: "0.65" })).toBe(true);
    expect(isCreditArea({ members: 20, credited: 12, threshold: "0.65" })).toBe(false);
  });

  it("P-Cr 二: a ratio a hair under the threshold (2 of 3 = 0.666… against 0.6667) fails", () => {
    expect(isCreditArea({ members: 3, credited: 2, threshold: "0.6667" })).toBe(false);
    expect(isCreditArea({ members: 3, credited: 2, threshold: "0.6666" })).toBe(true);
  });

  it("§15.7: no members → not a credit area", () => {
    expect(isCreditArea({ members: 0, credited: 0, threshold: "0.70" })).toBe(false);
  });

  it("§15.7: threshold 0 makes any populated area a credit area, threshold 1 needs everyone", () => {
    expect(isCreditArea({ members: 5, credited: 0, threshold: "0" })).toBe(true);
    expect(isCreditArea({ members: 5, credited: 4, threshold: "1" })).toBe(false);
    expect(isCreditArea({ members: 5, credited: 5, threshold: "1" })).toBe(true);
  });

  it("§15.7: credited > members → INVALID_COUNT", () => {
    expect(codeOf(() => isCreditArea({ members: 3, credited: 4, threshold: "0.70" }))).toBe("INVALID_COUNT");
  });

  it("§15.7: negative or fractional counts → INVALID_COUNT", () => {
    expect(codeOf(() => isCreditArea({ members: -1, credited: 0, threshold: "0.70" }))).toBe("INVALID_COUNT");
    expect(codeOf(() => isCreditArea({ members: 10, credited: -1, threshold: "0.70" }))).toBe("INVALID_COUNT");
    expect(codeOf(() => isCreditArea({ members: 10.5, credited: 1, threshold: "0.70" }))).toBe("INVALID_COUNT");
    expect(codeOf(() => isCreditArea({ members: "10" as unknown as number, credited: 1, threshold: "0.70" }))).toBe(
      "INVALID_COUNT",
    );
  });

  it("§15.7: a threshold that is not a ratio in [0, 1] → INVALID_THRESHOLD", () => {
    expect(codeOf(() => isCreditArea({ members: 10, credited: 7, threshold: "70%" }))).toBe("INVALID_THRESHOLD");
    expect(codeOf(() => isCreditArea({ members: 10, credited: 7, threshold: "1.01" }))).toBe("INVALID_THRESHOLD");
    expect(codeOf(() => isCreditArea({ members: 10, credited: 7, threshold: "-0.1" }))).toBe("INVALID_THRESHOLD");
  });

  it("§15.7: missing input → INVALID_INPUT", () => {
    expect(codeOf(() => isCreditArea(null as never))).toBe("INVALID_INPUT");
  });
});

describe("creditVillageStatus", () => {
  it("§15.7: defaults are 70% and 65%", () => {
    expect(DEFAULT_CREDIT_VILLAGE_THRESHOLD).toBe("0.70");
    expect(DEFAULT_CREDIT_TOWNSHIP_THRESHOLD).toBe("0.65");
  });

  it("§15.7: counts A or better among RATED households; unrated households are left out", () => {
    // 7 credit (2 AAA, 3 AA, 2 A) of 10 rated (3 B/C) = 70%; 5 unrated do not count
    const s = creditVillageStatus({ grades: grades({ AAA: 2, AA: 3, A: 2, B: 2, C: 1, unrated: 5 }) });
    expect(s).toEqual({ rated: 10, credited: 7, ratio: "0.7000", isCreditVillage: true });
  });

  it("§15.7: 6 of 10 rated credit households (60%) is not a credit village", () => {
    const s = creditVillageStatus({ grades: grades({ A: 6, B: 4 }) });
    expect(s).toEqual({ rated: 10, credited: 6, ratio: "0.6000", isCreditVillage: false });
  });

  it("§15.7: 2 of 3 → ratio shown as 0.6667 (rounded), still below 70%", () => {
    expect(creditVillageStatus({ grades: grades({ AA: 2, C: 1 }) })).toEqual({
      rated: 3,
      credited: 2,
      ratio: "0.6667",
      isCreditVillage: false,
    });
  });

  it("§15.7: no rated households → not a credit village, ratio 0", () => {
    expect(creditVillageStatus({ grades: [] })).toEqual({ rated: 0, credited: 0, ratio: "0.0000", isCreditVillage: false });
    expect(creditVillageStatus({ grades: [null, null] })).toEqual({
      rated: 0,
      credited: 0,
      ratio: "0.0000",
      isCreditVillage: false,
    });
  });

  it("§15.7: the minimum grade and threshold are settings (AA minimum, 50% threshold)", () => {
    // A no longer counts: AA 1 of 2 rated = 50%
    const s = creditVillageStatus({ grades: grades({ AA: 1, A: 1 }), minGrade: "AA", threshold: "0.5" });
    expect(s).toEqual({ rated: 2, credited: 1, ratio: "0.5000", isCreditVillage: true });
  });

  it("§15.7: invalid grade, minimum grade, threshold or list → errors", () => {
    expect(codeOf(() => creditVillageStatus({ grades: ["D" as CreditGrade] }))).toBe("INVALID_GRADE");
    expect(codeOf(() => creditVillageStatus({ grades: [], minGrade: "Z" as CreditGrade }))).toBe("INVALID_GRADE");
    expect(codeOf(() => creditVillageStatus({ grades: [], threshold: "x" }))).toBe("INVALID_THRESHOLD");
    expect(codeOf(() => creditVillageStatus({ grades: "AAA" as never }))).toBe("INVALID_INPUT");
  });
});

describe("creditTownshipStatus", () => {
  it("P-Cr 二: 13 of 20 credit villages (65%) makes a credit township", () => {
    const villages = [...Array(13).fill(true), ...Array(7).fill(false)];
    expect(creditTownshipStatus({ villages })).toEqual({
      villages: 20,
      creditVillages: 13,
      ratio: "0.6500",
      isCreditTownship: true,
    });
  });

  it("P-Cr 二: 12 of 20 (60%) does not", () => {
    const villages = [...Array(12).fill(true), ...Array(8).fill(false)];
    expect(creditTownshipStatus({ villages }).isCreditTownship).toBe(false);
  });

  it("§15.7: 2 of 3 (66.67%) passes 65%, 1 of 2 (50%) fails", () => {
    expect(creditTownshipStatus({ villages: [true, true, false] })).toEqual({
      villages: 3,
      creditVillages: 2,
      ratio: "0.6667",
      isCreditTownship: true,
    });
    expect(creditTownshipStatus({ villages: [true, false] }).isCreditTownship).toBe(false);
  });

  it("§15.7: a township without villages is not a credit township", () => {
    expect(creditTownshipStatus({ villages: [] })).toEqual({
      villages: 0,
      creditVillages: 0,
      ratio: "0.0000",
      isCreditTownship: false,
    });
  });

  it("§15.7: the threshold is a setting", () => {
    expect(creditTownshipStatus({ villages: [true, false], threshold: "0.5" }).isCreditTownship).toBe(true);
  });

  it("§15.7: non-boolean flags, a bad threshold or a missing list → errors", () => {
    expect(codeOf(() => creditTownshipStatus({ villages: [1 as unknown as boolean] }))).toBe("INVALID_INPUT");
    expect(codeOf(() => creditTownshipStatus({ villages: [true], threshold: "2" }))).toBe("INVALID_THRESHOLD");
    expect(codeOf(() => creditTownshipStatus(undefined as never))).toBe("INVALID_INPUT");
  });
});
