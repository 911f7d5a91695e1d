import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedDb } from "./embedded-db";

/**
 * Runs `work` against DATABASE_URL when set, else against a throwaway embedded PostgreSQL
 * (random port, temp folder, removed afterwards); `server` sizes its memory as a server's.
 */
export async function withDatabase<T>(work: (url: string) => Promise<T>, opts: { server?: boolean } = {}): Promise<T> {
  if (process.env.DATABASE_URL) return work(process.env.DATABASE_URL);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "microcredit-pg-"));
  const port = 40000 + Math.floor(Math.random() * 20000);
  const db = await startEmbeddedDb({ dataDir, port, database: "scratch", quiet: true, server: opts.server });
  try {
    return await work(db.url);
  } finally {
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
