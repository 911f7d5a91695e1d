import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { householdPii } from "./pii-prisma";

function createClient(connectionString: string) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: 10 }),
    // The keyed hash of an ID number is for lookups inside the database, never for callers.
    omit: { household: { idNumberHash: true } },
  }).$extends(householdPii);
}

type Client = ReturnType<typeof createClient>;

const globalForPrisma = globalThis as unknown as { prisma?: Client };

function client(): Client {
  if (!globalForPrisma.prisma) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start the portal with `npm start`.");
    globalForPrisma.prisma = createClient(connectionString);
  }
  return globalForPrisma.prisma;
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
