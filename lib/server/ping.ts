import "server-only";
import { prisma } from "./db";

/**
 * One trivial database round trip (`SELECT 1`). The bare page of the load bench (app/ping) runs
 * it, so that portal pages are measured against a page that costs Next.js and one query.
 */
export async function pingDatabase(): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`;
  return rows[0]?.ok === 1;
}
