import "server-only";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { loanScope } from "../loans/loan-records";

/** A loss case the actor may see (through its loan's scope), or "not found". */
export async function loadLossCaseInScope(tx: Tx, actor: Actor, caseId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw AppError.notFound("损失分担案件");
  const lossCase = await tx.lossCase.findUnique({ where: { id: caseId }, include: { shares: { orderBy: { ratio: "desc" } } } });
  if (!lossCase) throw AppError.notFound("损失分担案件");
  const loan = await tx.loan.findFirst({ where: { id: lossCase.loanId, ...loanScope(actor) } });
  if (!loan) throw AppError.notFound("损失分担案件");
  return { lossCase, loan };
}

/** Who may confirm or record payment of a party's share: county staff any; a bank its own; finance the fund's. */
export function mayActForParty(actor: Actor, party: string): boolean {
  if (actor.role === "county_officer") return true;
  if (actor.role === "bank_officer") return party === "bank";
  if (actor.role === "finance_officer") return party === "county_fund";
  return false;
}

export const FUND_PARTY = "county_fund";
