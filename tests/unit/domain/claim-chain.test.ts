import { describe, expect, it } from "vitest";
import { CLAIM_STEPS, claimProgress, signClaimStep, type ClaimSignature } from "@/lib/domain/claim-chain";

const people = ["outlet", "tpo", "tfin", "cbank", "cpo", "cfin"];

function signAll(n: number): ClaimSignature[] {
  let s: ClaimSignature[] = [];
  for (let i = 0; i < n; i++) s = signClaimStep(s, CLAIM_STEPS[i].step, people[i]);
  return s;
}

describe("G 二(八): the compensation claim chain", () => {
  it("G 二(八): starts with the bank's township outlet applying", () => {
    expect(claimProgress([])).toEqual({ complete: false, next: "outletApplies", label: "银行乡镇网点申请" });
  });

  it("G 二(八): after the township reviews, the county bank approves next", () => {
    expect(claimProgress(signAll(3))).toMatchObject({ next: "countyBankApproves" });
  });

  it("G 二(八): complete only after county finance, the sixth signature", () => {
    expect(claimProgress(signAll(5)).complete).toBe(false);
    expect(claimProgress(signAll(6))).toEqual({ complete: true });
  });

  it("G 二(八): a step out of order is refused", () => {
    expect(() => signClaimStep(signAll(1), "countyFinanceApproves", "x")).toThrow(expect.objectContaining({ code: "CLAIM_STEP_OUT_OF_ORDER" }));
    expect(() => claimProgress([{ step: "townshipFinanceReviews", signedBy: "x" }])).toThrow(expect.objectContaining({ code: "CLAIM_STEP_OUT_OF_ORDER" }));
  });

  it("G 二(八): the same person cannot sign twice in one chain", () => {
    expect(() => signClaimStep(signAll(2), "townshipFinanceReviews", "outlet")).toThrow(expect.objectContaining({ code: "MAKER_CHECKER" }));
  });

  it("G 二(八): nothing can be signed after approval, and extra signatures are invalid", () => {
    expect(() => signClaimStep(signAll(6), "countyFinanceApproves", "z")).toThrow(expect.objectContaining({ code: "CLAIM_ALREADY_APPROVED" }));
    expect(() => claimProgress([...signAll(6), { step: "outletApplies", signedBy: "q" }])).toThrow(expect.objectContaining({ code: "CLAIM_CHAIN_INVALID" }));
  });
});
