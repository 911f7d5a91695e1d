import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { loadLoanInScope, lockLoans, nextLoanState, setLoanState } from "../loans/loan-records";
import { activeProfile } from "../policy/active-profile";
import { shanghaiToday } from "../clock";
import { requiredText } from "../validation";
import { defineMutation } from "../use-case";

/** Guizhou: the bank's outlet applies for compensation on an overdue loan whose recovery is hopeless. */
export const applyClaim = defineMutation({
  name: "loan.applyClaim",
  roles: ["bank_officer"],
  input: z.object({ loanId: z.string(), reason: requiredText(500, "申请理由") }),
  async run({ actor, input, tx, audit, now }) {
    const loan = await loadLoanInScope(tx, actor, input.loanId);
    const profile = await activeProfile(tx, loan.countyId, shanghaiToday(now));
    if (!profile.settings.defaultHandling.claimChainEnabled) throw new AppError("RULE_VIOLATION", "本县政策未设代偿申请流程，损失在缓冲期满后按比例分担。");
    await lockLoans(tx, [loan.id]);
    const status = nextLoanState(loan.status, "applyClaim", actor.role);
    await setLoanState(tx, loan, { status });
    await audit({ action: "loan.applyClaim", entity: "Loan", entityId: loan.id, countyId: loan.countyId, before: { status: loan.status }, after: { status, reason: input.reason } });
    return { status };
  },
});
