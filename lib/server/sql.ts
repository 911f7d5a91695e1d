import "server-only";
import { createHash } from "node:crypto";
import { pool, prisma, type Tx } from "./db";

/**
 * The portal's hottest reads (the signed-in user and the menu's to-do counts on every page, the
 * profile in force, the dashboard's scope check, the loan list) go straight to the pool as
 * prepared statements instead of through Prisma. Prisma 6's query compiler runs in WASM on the event loop for every call, with no plan
 * cache: about 0.7–1.4 ms of CPU for a one-row read that costs 0.1 ms as a prepared statement,
 * which under load is most of what a small page costs (`npm run bench`, overview_p95_ratio).
 * Keep this for small, hot, read-only queries; everything else goes through Prisma.
 */
export type Statement = { readonly name: string; readonly text: string };

const statements = new Map<string, Statement>();

/** A statement prepared once per pooled connection (its name is derived from its text). */
export function statement(text: string): Statement {
  let found = statements.get(text);
  if (!found) {
    found = { name: `hot_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`, text };
    statements.set(text, found);
  }
  return found;
}

export async function queryRows<T extends object>(s: Statement, values: readonly unknown[]): Promise<T[]> {
  const result = await pool().query<T>({ name: s.name, text: s.text, values: [...values] });
  return result.rows;
}

/** `timestamp(3)` columns hold UTC (Prisma's convention): read them as epoch milliseconds. */
export const epochMs = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

/**
 * `s` on `db`: prepared on the pool when `db` is the root client (a query use case), or through
 * Prisma's raw query on a transaction's client, so that it reads what the transaction wrote.
 * Values come back as pg gives them in the first case and as Prisma does in the second: select
 * only columns both return alike (text, int4, boolean, jsonb).
 */
export async function readRows<T extends object>(db: Tx, s: Statement, values: readonly unknown[]): Promise<T[]> {
  if (db === (prisma as unknown)) return queryRows<T>(s, values);
  return db.$queryRawUnsafe<T[]>(s.text, ...values);
}
