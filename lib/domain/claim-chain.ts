import { DomainError } from "./errors";

/**
 * Guizhou's compensation claim chain (G 二(八)): the bank's township outlet applies; the township
 * poverty-alleviation and finance offices review and sign; the county bank, the county poverty
 * office and county finance approve; only then does the fund pay. Each step is signed once, in
 * this order, by a different person.
 */
export const CLAIM_STEPS = [
  { step: "outletApplies", label: "银行乡镇网点申请", tier: "township" },
  { step: "townshipPovertyOfficeReviews", label: "乡镇扶贫工作站审核签字", tier: "township" },
  { step: "townshipFinanceReviews", label: "乡镇财政所审核签字", tier: "township" },
  { step: "countyBankApproves", label: "县级银行审批", tier: "county" },
  { step: "countyPovertyOfficeApproves", label: "县扶贫办审批", tier: "county" },
  { step: "countyFinanceApproves", label: "县财政局审批", tier: "county" },
] as const;
export type ClaimStep = (typeof CLAIM_STEPS)[number]["step"];

export type ClaimSignature = { step: ClaimStep; signedBy: string };

export type ClaimProgress =
  | { complete: false; next: ClaimStep; label: string }
  | { complete: true };

/** Where a claim stands: the next step to sign, or complete (the fund may pay). */
export function claimProgress(signatures: readonly ClaimSignature[]): ClaimProgress {
  const done = signatures.length;
  if (done > CLAIM_STEPS.length) throw new DomainError("CLAIM_CHAIN_INVALID", "代偿审批签字多于规定的环节", "signatures");
  signatures.forEach((s, i) => {
    if (s.step !== CLAIM_STEPS[i].step) {
      throw new DomainError("CLAIM_STEP_OUT_OF_ORDER", `代偿审批须按顺序办理：第 ${i + 1} 步应为“${CLAIM_STEPS[i].label}”`, "signatures");
    }
  });
  if (done === CLAIM_STEPS.length) return { complete: true };
  return { complete: false, next: CLAIM_STEPS[done].step, label: CLAIM_STEPS[done].label };
}

/** Signs the next step; refuses a step out of order or a person who already signed this claim. */
export function signClaimStep(signatures: readonly ClaimSignature[], step: ClaimStep, signedBy: string): ClaimSignature[] {
  const progress = claimProgress(signatures);
  if (progress.complete) throw new DomainError("CLAIM_ALREADY_APPROVED", "该代偿申请已完成全部审批", "step");
  if (progress.next !== step) {
    throw new DomainError("CLAIM_STEP_OUT_OF_ORDER", `当前应办理“${progress.label}”`, "step");
  }
  if (signatures.some((s) => s.signedBy === signedBy)) {
    throw new DomainError("MAKER_CHECKER", "同一人不能在代偿审批链中签字两次", "signedBy");
  }
  return [...signatures, { step, signedBy }];
}
