import "server-only";
import { D, type Dec } from "@/lib/domain/decimal";
import type { Period } from "@/lib/domain/subsidy";
import { transactionConnection, type Tx } from "../db";
import type { ActiveProfile } from "../policy/active-profile";
import { rateTables } from "../policy/rate-tables";
import { quarterCalculator, type ComputedLine, type Exclusions } from "./compute-quarter";
import { copySubsidyLines, lineIds } from "./copy-subsidy-lines";
import { quarterLoanReader } from "./load-quarter-loans";
import { BANK_KINDS } from "./subsidy-records";

/** Loans read, computed and written at a time: large enough that a bank's book takes a few dozen round trips. */
const CHUNK = 10_000;
/** Loans computed between two turns of the event loop, so the next chunk's query and the last COPY go out meanwhile. */
const SLICE = 500;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export type StoredLines = { count: number; total: Dec; paidThroughBank: boolean };

async function exclusionsOf(tx: Tx, countyId: string): Promise<Exclusions> {
  const [blacklist, fraud] = await Promise.all([
    tx.blacklistEntry.findMany({ where: { countyId, status: { in: ["active", "removalPending"] } }, select: { householdId: true, enterpriseId: true } }),
    tx.clawback.findMany({ where: { countyId }, select: { householdId: true, loanId: true } }),
  ]);
  return {
    blacklistedHouseholds: new Set(blacklist.flatMap((b) => (b.householdId ? [b.householdId] : []))),
    blacklistedEnterprises: new Set(blacklist.flatMap((b) => (b.enterpriseId ? [b.enterpriseId] : []))),
    fraudHouseholds: new Set(fraud.flatMap((f) => (f.householdId ? [f.householdId] : []))),
    fraudLoans: new Set(fraud.map((f) => f.loanId)),
  };
}

/**
 * Computes and stores every line of one quarter for one county and bank (POLICY §6, §15.6; the
 * rules are in compute-quarter.ts), a chunk of loans at a time, inside the run's transaction.
 * The database and this process work side by side: while a chunk is computed, the connection
 * writes the chunk before it (COPY) and reads the next one, so a bank's whole book never sits in
 * memory and the run takes about as long as the slower of the two.
 */
export async function storeQuarterLines(
  tx: Tx,
  o: { runId: string; countyId: string; bankId: string; period: Period; profile: ActiveProfile },
): Promise<StoredLines> {
  const [exclusions, tables] = await Promise.all([exclusionsOf(tx, o.countyId), rateTables(tx)]);
  const linesOf = quarterCalculator({ period: o.period, profile: o.profile, tables, exclusions });
  const client = await transactionConnection(tx);
  const nextChunk = quarterLoanReader(client, { countyId: o.countyId, bankId: o.bankId, period: o.period, size: CHUNK });
  const nextId = lineIds();

  const stored: StoredLines = { count: 0, total: new D(0), paidThroughBank: false };
  const writes: Promise<void>[] = [];
  let reading: Promise<unknown> = Promise.resolve();
  try {
    const first = nextChunk();
    reading = first;
    let chunk = await first;
    while (chunk.length > 0) {
      // Sent now, so the database reads it while this chunk is computed.
      const following = nextChunk();
      reading = following;
      following.catch(() => {}); // awaited below
      const lines: ComputedLine[] = [];
      for (let i = 0; i < chunk.length; i += SLICE) {
        for (const loan of chunk.slice(i, i + SLICE)) {
          for (const line of linesOf(loan)) {
            lines.push(line);
            stored.total = stored.total.plus(line.amount);
            if (!stored.paidThroughBank && BANK_KINDS.includes(line.kind) && new D(line.amount).gt(0)) stored.paidThroughBank = true;
          }
        }
        await turn();
      }
      stored.count += lines.length;
      const write = copySubsidyLines(client, { runId: o.runId, period: o.period, nextId, lines });
      write.catch(() => {}); // awaited below
      writes.push(write);
      chunk = await following;
    }
    await Promise.all(writes);
  } catch (error) {
    // A failed COPY aborts the transaction and every statement queued behind it fails with
    // "current transaction is aborted": report the COPY's own error (e.g. the exclusion constraint).
    const failedWrite = (await Promise.allSettled(writes)).find((r) => r.status === "rejected");
    throw failedWrite ? (failedWrite as PromiseRejectedResult).reason : error;
  } finally {
    // Nothing of this run may still be on the connection when Prisma uses it again (e.g. to roll back).
    await Promise.allSettled([...writes, reading]);
  }
  return stored;
}
