import "server-only";
import { queryRows, statement } from "./sql";

const SELECT_ONE = statement("SELECT 1 AS ok");

/**
 * One trivial database round trip (`SELECT 1`). The bare page of the load bench (app/ping) runs
 * it, so that portal pages are measured against a page that costs Next.js and one query, made
 * the way the portal's hottest reads are made (a prepared statement, ./sql.ts).
 */
export async function pingDatabase(): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(SELECT_ONE, []);
  return rows[0]?.ok === 1;
}
