import { maskPhone } from "@/lib/domain/identity";
import type { Actor } from "./actor";
import type { Tx } from "./db";

export type AuditInput = {
  action: string;
  entity: string;
  entityId: string;
  countyId?: string | null;
  before?: unknown;
  after?: unknown;
};

/**
 * Values as JSON (Decimal and Date become strings); ID numbers and phone numbers are never put
 * in the trail in full (it is kept for years and copied into backups), nor ID number hashes.
 */
export function auditJson(value: unknown): object | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (key === "idNumber" && typeof v === "string") return maskForAudit(v);
      if (key === "phone" && typeof v === "string") return maskPhone(v);
      if (key === "idNumberHash") return undefined;
      return v;
    }),
  );
}

function maskForAudit(id: string) {
  return id.length > 10 ? `${id.slice(0, 6)}********${id.slice(-4)}` : "****";
}

export async function writeAudit(tx: Tx, actor: Actor | null, input: AuditInput) {
  await tx.auditEvent.create({
    data: {
      actorId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      countyId: input.countyId ?? actor?.countyId ?? null,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId,
      before: auditJson(input.before),
      after: auditJson(input.after),
    },
  });
}

/**
 * Writes a transaction's audit rows at its very end, ordered by county. Appending to a county's
 * chain locks that chain's head until commit (audit_chain trigger); taking those locks last and
 * in one order keeps them short and free of deadlocks with the transaction's other locks.
 */
export async function writeAuditsLast(tx: Tx, actor: Actor | null, entries: AuditInput[]) {
  const chainOf = (e: AuditInput) => e.countyId ?? actor?.countyId ?? "-";
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => chainOf(a.e).localeCompare(chainOf(b.e)) || a.i - b.i);
  for (const { e } of ordered) await writeAudit(tx, actor, e);
}
