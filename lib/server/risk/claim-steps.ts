import "server-only";
import type { Tx } from "../db";

/**
 * Guizhou's claim chain (G 二(八)): the bank's township outlet applies → the township's poverty
 * and finance offices review → the county approves. The schema keeps no claim table, so the
 * steps of the current claim are read from the audit trail (written in the same transaction as
 * each step): the latest application and the reviews after it.
 */
export async function currentClaim(tx: Tx, loanId: string) {
  const events = await tx.auditEvent.findMany({
    where: { entity: "Loan", entityId: loanId, action: { in: ["loan.applyClaim", "loan.reviewClaim"] } },
    orderBy: { id: "asc" },
  });
  const lastApply = events.map((e) => e.action).lastIndexOf("loan.applyClaim");
  if (lastApply < 0) return null;
  const apply = events[lastApply];
  const reviews = events.slice(lastApply + 1).filter((e) => e.action === "loan.reviewClaim");
  return {
    appliedById: apply.actorId,
    appliedAt: apply.at,
    reviewedById: reviews[0]?.actorId ?? null,
    reviewedAt: reviews[0]?.at ?? null,
    actorIds: [apply.actorId, ...reviews.map((r) => r.actorId)].filter((id): id is string => id !== null),
  };
}
