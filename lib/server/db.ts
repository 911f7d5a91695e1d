import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { householdPii } from "./pii-prisma";

/**
 * Pool connections checked out (a transaction holds its own until it ends), by server process id.
 * Kept on globalThis like the client: the built app may load this module in more than one bundle,
 * and every copy must see the one pool's connections.
 */
const globalForPool = globalThis as unknown as { checkedOutConnections?: Map<number, pg.PoolClient> };
const checkedOut = (globalForPool.checkedOutConnections ??= new Map<number, pg.PoolClient>());
const backendPid = (client: pg.PoolClient) => (client as unknown as { processID?: number }).processID;

function createPool(connectionString: string) {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on("acquire", (client) => {
    const pid = backendPid(client);
    if (pid !== undefined) checkedOut.set(pid, client);
  });
  pool.on("release", (_error, client) => {
    const pid = backendPid(client);
    if (pid !== undefined && checkedOut.get(pid) === client) checkedOut.delete(pid);
  });
  return pool;
}

function createClient(pool: pg.Pool) {
  return new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // The keyed hash of an ID number is for lookups inside the database, never for callers.
    omit: { household: { idNumberHash: true } },
  }).$extends(householdPii);
}

type Client = ReturnType<typeof createClient>;

const globalForPrisma = globalThis as unknown as { prisma?: Client; pool?: pg.Pool };

function client(): Client {
  if (!globalForPrisma.prisma) globalForPrisma.prisma = createClient(pool());
  return globalForPrisma.prisma;
}

/** The one connection pool of this process, shared by Prisma and ./sql.ts. */
export function pool(): pg.Pool {
  if (!globalForPrisma.pool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start the portal with `npm start`.");
    globalForPrisma.pool = createPool(connectionString);
  }
  return globalForPrisma.pool;
}

/**
 * One client per process, created on first use: `next build` imports server modules to collect
 * page data without a database, and must not need one. Household ID numbers and phone numbers
 * are encrypted and decrypted on the way (./pii-prisma.ts): callers see plain values.
 */
export const prisma: Client = new Proxy({} as Client, {
  get(_target, property) {
    const value = Reflect.get(client(), property);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});

export type Db = Client;
export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];

/**
 * The pg connection an interactive transaction runs on, for what Prisma does slowly: streaming a
 * large result through a cursor and COPY FROM STDIN (every raw parameter goes through Prisma's
 * query compiler, about 50 ms a megabyte). Statements sent on it are part of `tx`: they commit or
 * roll back with it. Use it only while `tx` is open, and await each statement before the next
 * Prisma call on `tx` (both share the one connection).
 */
export async function transactionConnection(tx: Tx): Promise<pg.ClientBase> {
  const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  const client = checkedOut.get(row.pid);
  if (!client) throw new Error("transactionConnection: the transaction's connection is not one of this process's pool");
  return client;
}
