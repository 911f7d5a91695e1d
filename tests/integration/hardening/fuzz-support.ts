import { expect } from "vitest";
import { AppError } from "@/lib/server/errors";
import { prisma } from "../fixtures";
import { applicationNumber, batchNumber } from "@/lib/server/applications/application-number";
import { APPLICATION_NUMBERS, BATCH_NUMBERS, CONTRACT_NUMBERS, type IdPool } from "./hostile";
import { fieldErrorKeyAllowed, type Shape } from "./schema-shape";

/** Expected refusals; anything else (an Error, a TypeError, a database error) would be a 500. */
const CLEAR_CODES = ["VALIDATION", "RULE_VIOLATION", "NOT_FOUND", "CONFLICT", "FORBIDDEN"];
const CHINESE = /[\u3400-\u9fff]/;

/** A failure the user can act on: an AppError, a Chinese message, a VALIDATION error at a field of the form. */
export function assertClearRefusal(error: unknown, shape: Shape): void {
  if (!(error instanceof AppError)) {
    throw new Error(`not a clear refusal (would be a 500): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  expect(CLEAR_CODES, `${error.code}: ${error.message}`).toContain(error.code);
  expect(error.message, "the message is shown to the user in Chinese").toMatch(CHINESE);
  if (error.code !== "VALIDATION") return;
  const entries = Object.entries(error.fieldErrors ?? {});
  expect(entries.length, `a validation error points at a field: ${error.message}`).toBeGreaterThan(0);
  for (const [key, messages] of entries) {
    expect(fieldErrorKeyAllowed(shape, key), `field error at "${key}", not a field of the form`).toBe(true);
    for (const m of messages) expect(m, `message at ${key}`).toMatch(CHINESE);
  }
}

/** The public tables (the migrations' own aside). */
async function tables(): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ t: string }[]>(
    `SELECT tablename::text AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.t);
}

let stateSql: string | null = null;

/**
 * Every table's row count and the newest transaction that wrote one of its rows (max xmin), in one
 * query: equal before and after means nothing was inserted, updated or deleted in between.
 */
export async function tableState(): Promise<Record<string, string>> {
  if (!stateSql) {
    const names = await tables();
    stateSql = `SELECT ${names.map((t) => `(SELECT count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text FROM "${t}") AS "${t}"`).join(", ")}`;
  }
  const [row] = await prisma.$queryRawUnsafe<Record<string, string>[]>(stateSql);
  return row;
}

/** Ids of every record, by table: the fuzzer's supply of real ids. */
export async function idPool(): Promise<IdPool> {
  const withId = await prisma.$queryRawUnsafe<{ t: string }[]>(
    `SELECT table_name::text AS t FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' ORDER BY 1`,
  );
  const pool: IdPool = new Map();
  for (const { t } of withId) {
    const ids = await prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text AS id FROM "${t}" ORDER BY id LIMIT 60`);
    if (ids.length > 0) pool.set(t, ids.map((r) => r.id));
  }
  pool.set(CONTRACT_NUMBERS, (await prisma.loan.findMany({ select: { contractNumber: true } })).map((l) => l.contractNumber));
  pool.set(APPLICATION_NUMBERS, (await prisma.application.findMany({ select: { serial: true } })).map((a) => applicationNumber(a.serial)));
  pool.set(BATCH_NUMBERS, (await prisma.batch.findMany({ select: { serial: true } })).map((b) => batchNumber(b.serial)));
  return pool;
}

const ROLLBACK = Symbol("rollback");
type Client = Record<PropertyKey, unknown> & { $transaction: (fn: unknown, options?: unknown) => Promise<unknown> };

/**
 * While fuzzing, every use-case transaction is rolled back after it succeeds, so all cases meet the
 * same world (an accepted input does not use up the record the next one needs). A use case that
 * wrote outside its transaction would still change the tables, and the state check would see it.
 * db.ts reads its client from globalThis.prisma on every access; the proxy is put there.
 */
export async function rollBackEverySuccess(): Promise<() => void> {
  await prisma.$queryRaw`SELECT 1`;
  const holder = globalThis as unknown as { prisma: Client };
  const real = holder.prisma;
  const $transaction = async (fn: unknown, options?: unknown) => {
    if (typeof fn !== "function") throw new Error("the fuzz harness expects interactive transactions only");
    let result: unknown;
    try {
      await real.$transaction(async (tx: unknown) => {
        result = await (fn as (tx: unknown) => Promise<unknown>)(tx);
        throw ROLLBACK;
      }, options);
    } catch (error) {
      if (error === ROLLBACK) return result;
      throw error;
    }
    throw new Error("unreachable: the transaction was not rolled back");
  };
  holder.prisma = new Proxy(real, {
    get(target, property) {
      if (property === "$transaction") return $transaction;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return () => {
    holder.prisma = real;
  };
}
