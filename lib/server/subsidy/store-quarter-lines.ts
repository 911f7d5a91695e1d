import "server-only";
import { D, type Dec } from "@/lib/domain/decimal";
import type { Period } from "@/lib/domain/subsidy";
import { formatFen, toFen } from "@/lib/domain/subsidy-fast";
import type pg from "pg";
import { transactionConnection, type Tx } from "../db";
import type { ActiveProfile } from "../policy/active-profile";
import { RATE_FIXINGS_SQL, rateTablesOf } from "../policy/rate-tables";
import { quarterCalculator, type ComputedLine, type Exclusions } from "./compute-quarter";
import { copySubsidyLines, lineIds } from "./copy-subsidy-lines";
import { quarterLoanReader } from "./load-quarter-loans";
import { BANK_KINDS } from "./subsidy-records";

/** Loans read, computed and written at a time: a bank's book in a few dozen round trips, a chunk in a few MB. */
const CHUNK = 10_000;
/** Loans computed between two turns of the event loop, so that the connection's next statement goes out meanwhile. */
const SLICE = 500;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A clawback not yet deducted from a claim, on a loan of the run's bank. */
export type ActiveClawback = { id: string; amount: string };

export type StoredLines = { count: number; total: Dec; paidThroughBank: boolean; clawbacks: ActiveClawback[] };

/**
 * The county's blacklist and fraud findings, and the clawbacks still to deduct from this bank's
 * claim (P-Risk 三(二)), read on the run's own connection (two plain statements).
 */
async function exclusionsOf(client: pg.ClientBase, countyId: string, bankId: string): Promise<{ exclusions: Exclusions; clawbacks: ActiveClawback[] }> {
  const blacklist = await client.query<[string | null, string | null]>({
    text: `SELECT "householdId", "enterpriseId" FROM "BlacklistEntry" WHERE "countyId" = $1 AND status IN ('active', 'removalPending')`,
    values: [countyId],
    rowMode: "array",
  });
  const fraud = await client.query<[string | null, string, string, string, boolean]>({
    text: `SELECT c."householdId", c."loanId", c.id, c.amount::text, (c.status = 'active' AND c."appliedInRunId" IS NULL AND l."bankId" = $2)
      FROM "Clawback" c LEFT JOIN "Loan" l ON l.id = c."loanId" WHERE c."countyId" = $1 ORDER BY c."createdAt"`,
    values: [countyId, bankId],
    rowMode: "array",
  });
  const present = (values: (string | null)[]) => new Set(values.filter((v): v is string => v !== null));
  return {
    exclusions: {
      blacklistedHouseholds: present(blacklist.rows.map((r) => r[0])),
      blacklistedEnterprises: present(blacklist.rows.map((r) => r[1])),
      fraudHouseholds: present(fraud.rows.map((r) => r[0])),
      fraudLoans: present(fraud.rows.map((r) => r[1])),
    },
    clawbacks: fraud.rows.filter((r) => r[4] === true).map((r) => ({ id: r[2], amount: r[3] })),
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
  const client = await transactionConnection(tx);
  const fixings = await client.query<[string, string, string, string]>({ text: RATE_FIXINGS_SQL, rowMode: "array" });
  const tables = rateTablesOf(fixings.rows.map(([kind, term, rate, effectiveFrom]) => ({ kind, term, rate, effectiveFrom })));
  const { exclusions, clawbacks } = await exclusionsOf(client, o.countyId, o.bankId);
  const linesOf = quarterCalculator({ period: o.period, profile: o.profile, tables, exclusions });
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

  const stored: StoredLines = { count: 0, total: new D(0), paidThroughBank: false, clawbacks };
  let totalFen = 0;
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
            // Amounts are fen ("12.34"): summed as integers, any other text as a Decimal.
            const fen = toFen(line.amount);
            if (fen === null) stored.total = stored.total.plus(line.amount);
            else totalFen += fen;
            if (!stored.paidThroughBank && BANK_KINDS.includes(line.kind) && (fen === null ? new D(line.amount).gt(0) : fen > 0)) stored.paidThroughBank = true;
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
    // transaction is aborted": report the COPY's own error (e.g. a second line for a loan, or a line that does not match its run).
    const failedWrite = (await Promise.allSettled(writes)).find((r) => r.status === "rejected");
    throw failedWrite ? (failedWrite as PromiseRejectedResult).reason : error;
  } finally {
    // Nothing of this run may still be on the connection when Prisma uses it again (e.g. to roll back).
    await queue;
  }
  stored.total = stored.total.plus(formatFen(totalFen));
  return stored;
}
