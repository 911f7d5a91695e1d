import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { loadLoanInScope, lockLoans } from "../loans/loan-records";
import { requiredText } from "../validation";
import { defineMutation } from "../use-case";
import { currentClaim } from "./claim-steps";

/**
 * Guizhou: the township's poverty and finance offices review and sign the claim. The claim's steps
 * live in the audit trail, so the loan row is locked before they are read: of two reviews at once
 * the second sees the first and is refused.
 */
export const reviewClaim = defineMutation({
  name: "loan.reviewClaim",
  roles: ["township_officer"],
  input: z.object({ loanId: z.string(), reason: requiredText(500, "审核意见") }),
  async run({ actor, input, tx, audit }) {
    const { id } = await loadLoanInScope(tx, actor, input.loanId);
    await lockLoans(tx, [id]);
    const loan = await tx.loan.findUniqueOrThrow({ where: { id } });
    if (loan.status !== "claim") throw new AppError("CONFLICT", "该贷款没有待审核的代偿申请，请刷新页面。");
    const claim = await currentClaim(tx, loan.id);
    if (claim?.reviewedById) throw new AppError("CONFLICT", "该代偿申请已由乡镇审核，请刷新页面。");
    await audit({ action: "loan.reviewClaim", entity: "Loan", entityId: loan.id, countyId: loan.countyId, after: { opinion: input.reason } });
    return { reviewed: true };
  },
});
