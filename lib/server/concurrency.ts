import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "./db";
import { AppError } from "./errors";

/** Tables whose rows a use case locks before it compares what it read with what is stored. */
type LockableTable = "Bank" | "PolicyProfile" | "OrgUnit" | "User" | "LossCase" | "Application";

/** A short digest of a record as shown to an editor; sent back with the edit. */
export function fingerprint(value: unknown): string {
  return createHash("sha256").update(stableJson(value)).digest("hex").slice(0, 24);
}

function stableJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Locks one row for the rest of the transaction (SELECT … FOR UPDATE). */
export async function lockRow(tx: Tx, table: LockableTable, id: string): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT 1 FROM "${table}" WHERE id = $1 FOR UPDATE`, id);
}

/** Serialises transactions about one key (e.g. a county's profile versions) until commit. */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))::text`;
}

/** Compare-and-swap: the record changed since the editor loaded it. */
export function assertUnchanged(expected: string, current: unknown, what: string): void {
  if (expected !== fingerprint(current)) {
    throw new AppError("CONFLICT", `该${what}已被他人修改，请刷新页面后再编辑。`);
  }
}
