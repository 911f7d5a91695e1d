import "server-only";
import type { Tx } from "../db";

/** Loan id → the borrower's name (household head or enterprise). */
export async function borrowerNames(
  tx: Tx,
  loans: readonly { id: string; householdId: string | null; enterpriseId: string | null }[],
): Promise<Map<string, string>> {
  const hIds = loans.flatMap((l) => (l.householdId ? [l.householdId] : []));
  const eIds = loans.flatMap((l) => (l.enterpriseId ? [l.enterpriseId] : []));
  const [households, enterprises] = await Promise.all([
    hIds.length ? tx.household.findMany({ where: { id: { in: hIds } }, select: { id: true, headName: true } }) : [],
    eIds.length ? tx.enterprise.findMany({ where: { id: { in: eIds } }, select: { id: true, name: true } }) : [],
  ]);
  const h = new Map(households.map((x) => [x.id, x.headName]));
  const e = new Map(enterprises.map((x) => [x.id, x.name]));
  return new Map(loans.map((l) => [l.id, (l.householdId && h.get(l.householdId)) || (l.enterpriseId && e.get(l.enterpriseId)) || ""]));
}
