import "server-only";
import { D } from "@/lib/domain/decimal";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { loadLoanInScope } from "./loan-records";

/** A large loan (大额贷款, P-Risk 二(四)) the actor may see, or a refusal for an ordinary one. */
export async function loadLargeLoan(tx: Tx, actor: Actor, loanId: string) {
  const loan = await loadLoanInScope(tx, actor, loanId);
  const app = await tx.application.findUnique({ where: { id: loan.applicationId }, select: { largeLoan: true } });
  if (!app?.largeLoan) throw new AppError("RULE_VIOLATION", "该贷款不是大额贷款，无需分批支用。");
  return loan;
}

/** Tranches of a loan and whether the bank has halted further ones. */
export async function trancheState(tx: Tx, loanId: string) {
  const tranches = await tx.tranche.findMany({ where: { loanId }, orderBy: { seq: "asc" } });
  const committed = tranches.filter((t) => t.status !== "rejected" && t.status !== "halted").reduce((a, t) => a.plus(t.amount.toString()), new D(0));
  return { tranches, committed, halted: tranches.some((t) => t.status === "halted") };
}
