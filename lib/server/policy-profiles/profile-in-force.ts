import "server-only";
import { PolicyProfileSettings } from "@/lib/domain/policy-profile";
import type { Tx } from "../db";

/**
 * The county's policy profile in force on `date` (YYYY-MM-DD): the activated version with the
 * latest effective date on or before it, or null when none. For use cases that decide under a
 * profile (and record its version).
 */
export async function profileInForce(tx: Tx, countyId: string, date: string) {
  const row = await tx.policyProfile.findFirst({
    where: { countyId, status: "active", effectiveFrom: { lte: new Date(`${date}T00:00:00Z`) } },
    orderBy: [{ effectiveFrom: "desc" }, { version: "desc" }],
  });
  if (!row) return null;
  return { id: row.id, version: row.version, name: row.name, effectiveFrom: row.effectiveFrom!.toISOString().slice(0, 10), settings: PolicyProfileSettings.parse(row.settings) };
}
