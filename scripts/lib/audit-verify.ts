import { createHash } from "node:crypto";
import type pg from "pg";

export type BrokenLink = {
  chain: string;
  chainName: string;
  seq: string;
  id: string | null;
  reason: string;
};

export type ChainReport = {
  chains: number;
  rows: number;
  /** SHA-256 over every chain's head (chain, seq, hash): equal checksums, equal trails. */
  checksum: string;
  broken: BrokenLink | null;
};

const GENESIS = "0".repeat(64);
const BATCH = 5000;

type Row = { id: string; chainSeq: string | null; prevHash: string | null; hash: string | null; digest: string | null };

/**
 * Walks every county's audit chain from its first row: each row must follow the previous one
 * without a gap, carry the previous row's hash, and hash to what its content gives now; the
 * chain's head must be its last row. Returns at the first broken link.
 */
export async function verifyAuditChains(db: pg.Client | pg.Pool): Promise<ChainReport> {
  const unchained = await db.query<{ id: string; countyId: string | null }>(
    `SELECT id::text, "countyId" FROM "AuditEvent" WHERE "chainSeq" IS NULL OR hash IS NULL ORDER BY id LIMIT 1`,
  );
  const heads = (
    await db.query<{ chain: string; seq: string; hash: string; name: string | null }>(
      `SELECT h.chain, h.seq::text, h.hash, o.name FROM "AuditChainHead" h LEFT JOIN "OrgUnit" o ON o.id = h.chain ORDER BY h.chain`,
    )
  ).rows;
  const checksum = createHash("sha256").update(heads.map((h) => `${h.chain}:${h.seq}:${h.hash}`).join("\n")).digest("hex");
  let rows = 0;
  const report = (broken: BrokenLink | null): ChainReport => ({ chains: heads.length, rows, checksum, broken });

  if (unchained.rows[0]) {
    const r = unchained.rows[0];
    return report({ chain: r.countyId ?? "-", chainName: r.countyId ?? "-", seq: "?", id: r.id, reason: "该行不在任何链中（写入时触发器被绕过）" });
  }
  for (const head of heads) {
    const chainName = head.chain === "-" ? "系统（无县）" : (head.name ?? head.chain);
    const where = head.chain === "-" ? `"countyId" IS NULL` : `"countyId" = $2`;
    let expectedSeq = 1n;
    let prevHash = GENESIS;
    for (;;) {
      const params: unknown[] = [String(expectedSeq - 1n)];
      if (head.chain !== "-") params.push(head.chain);
      const batch = (
        await db.query<Row>(
          `SELECT id::text, "chainSeq"::text AS "chainSeq", "prevHash", hash, audit_event_digest(e) AS digest
             FROM "AuditEvent" e WHERE ${where} AND e."chainSeq" > $1 ORDER BY e."chainSeq" LIMIT ${BATCH}`,
          params,
        )
      ).rows;
      for (const row of batch) {
        const seq = BigInt(row.chainSeq ?? "0");
        const at = { chain: head.chain, chainName, seq: String(expectedSeq), id: row.id };
        if (seq !== expectedSeq) return report({ ...at, reason: `第 ${expectedSeq} 条缺失（下一条是第 ${seq} 条）` });
        if (row.prevHash !== prevHash) return report({ ...at, reason: "前一条的哈希不符（前面的记录被删除或改动）" });
        if (row.hash === null || row.hash !== row.digest) return report({ ...at, reason: "内容与哈希不符（该行被改动）" });
        prevHash = row.digest ?? "";
        expectedSeq++;
        rows++;
      }
      if (batch.length < BATCH) break;
    }
    const last = expectedSeq - 1n;
    if (String(last) !== head.seq || prevHash !== head.hash) {
      return report({ chain: head.chain, chainName, seq: head.seq, id: null, reason: `链尾应为第 ${head.seq} 条，实际只到第 ${last} 条（末尾的记录被删除）` });
    }
  }
  const total = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "AuditEvent"`);
  if (BigInt(total.rows[0].n) !== BigInt(rows)) {
    return report({ chain: "?", chainName: "?", seq: "?", id: null, reason: `有 ${BigInt(total.rows[0].n) - BigInt(rows)} 条记录不属于任何链头（链头被删除）` });
  }
  return report(null);
}
