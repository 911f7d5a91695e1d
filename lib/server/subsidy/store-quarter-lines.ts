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

/** Loans read, computed and written at a time: a bank's book in a few dozen round trips, a chunk in a few MB. */
const CHUNK = 10_000;
/** Loans computed between two turns of the event loop, so that the connection's next statement goes out meanwhile. */
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
 * The database and this process work side by side: the connection's statements (read a chunk,
 * COPY the lines of the one before) go out one after another from a queue while chunks are
 * computed, so a bank's whole book never sits in memory and the run takes about as long as the
 * slower of the two.
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

  // The connection's queue: each statement is sent when the one before has finished.
  let queue: Promise<unknown> = Promise.resolve();
  const onConnection = <T>(statement: () => Promise<T>): Promise<T> => {
    const done = queue.then(statement);
    queue = done.catch(() => {});
    done.catch(() => {}); // each result is awaited where it is used
    return done;
  };

  const stored: StoredLines = { count: 0, total: new D(0), paidThroughBank: false };
  const writes: Promise<void>[] = [];
  try {
    let reading = onConnection(nextChunk);
    for (let chunk = await reading; chunk.length > 0; chunk = await reading) {
      reading = onConnection(nextChunk);
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
      writes.push(onConnection(() => copySubsidyLines(client, { runId: o.runId, period: o.period, nextId, lines })));
    }
    await Promise.all(writes);
  } catch (error) {
    // A failed COPY aborts the transaction and every statement after it fails with "current
    // transaction is aborted": report the COPY's own error (e.g. the exclusion constraint).
    const failedWrite = (await Promise.allSettled(writes)).find((r) => r.status === "rejected");
    throw failedWrite ? (failedWrite as PromiseRejectedResult).reason : error;
  } finally {
    // Nothing of this run may still be on the connection when Prisma uses it again (e.g. to roll back).
    await queue;
  }
  return stored;
}
