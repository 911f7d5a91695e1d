import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { loanMachine, type LoanEvent, type LoanState } from "@/lib/domain/loan-workflow";
import { transition, type TransitionContext } from "@/lib/domain/workflow";
import type { Role } from "@/lib/domain/roles";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { type AreaScope, areaScope } from "../scope";

export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const day = (d: string) => new Date(`${d}T00:00:00Z`);

/** Loans an actor may see: banks their own bank's loans in their county, others their area. */
export function loanScope(actor: Actor): AreaScope & { bankId?: string } {
  const area = areaScope(actor);
  if (actor.role === "bank_officer") {
    if (!actor.bankId) throw new AppError("FORBIDDEN", "账户未关联合作银行，请联系系统管理员。");
    return { ...area, bankId: actor.bankId };
  }
  return area;
}

/** A loan the actor may see, or "not found". */
export async function loadLoanInScope(tx: Tx, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw AppError.notFound("贷款");
  const loan = await tx.loan.findFirst({ where: { id, ...loanScope(actor) } });
  if (!loan) throw AppError.notFound("贷款");
  return loan;
}

/** Locks the loans for the rest of the transaction, in id order so two writers cannot deadlock. */
export async function lockLoans(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const sorted = [...new Set(ids)].sort();
  await tx.$queryRaw`SELECT id FROM "Loan" WHERE id = ANY(${sorted}::text[]) ORDER BY id FOR UPDATE`;
}

/** Loan states in which instalments are still being repaid (and may fall overdue). */
export const REPAYING_STATES: readonly LoanState[] = ["repaying", "overdue", "inBuffer", "extended", "renewed"];

/**
 * The loan machine's next state for `event`. `by` is the role of the person acting, or "system"
 * for a consequence the portal draws itself (the daily job; a repayment that clears the arrears):
 * then the machine's role check is taken as met, its guards still apply.
 */
export function nextLoanState(state: string, event: LoanEvent, by: Role | "system", ctx: Omit<TransitionContext, "role"> = {}): LoanState {
  const role: Role = by === "system" ? (loanMachine.transitions.find((t) => t.event === event && (t.from as readonly string[]).includes(state))?.roles[0] ?? "bank_officer") : by;
  const result = transition(loanMachine, state, event, { ...ctx, role });
  if (!result.ok) {
    if (result.code === "ROLE_NOT_ALLOWED") throw new AppError("FORBIDDEN", result.message);
    if (result.code === "INVALID_TRANSITION") throw new AppError("CONFLICT", result.message);
    if (result.code === "RETURN_REASON_REQUIRED") throw AppError.field("reason", result.message);
    throw new AppError("RULE_VIOLATION", result.message);
  }
  return result.to;
}

/**
 * Moves a loan to `to` with compare-and-swap on its version; a concurrent change is a conflict
 * and rolls the whole transaction back.
 */
export async function setLoanState(
  tx: Tx,
  loan: { id: string; version: number },
  data: Prisma.LoanUpdateManyMutationInput,
): Promise<void> {
  const updated = await tx.loan.updateMany({ where: { id: loan.id, version: loan.version }, data: { ...data, version: { increment: 1 } } });
  if (updated.count !== 1) throw new AppError("CONFLICT", "该贷款刚被他人或系统更新，请刷新页面后重试。");
  loan.version += 1;
}
