import path from "node:path";
import { EMBEDDED_DATABASE, EMBEDDED_PORT, embeddedUrl } from "./defaults";
import { livePostmasterPid, startEmbeddedDb } from "./embedded-db";
import { acquireInstanceLock } from "./instance-lock";

const root = path.resolve(__dirname, "../..");

/**
 * Runs `work` against the portal's database: DATABASE_URL when set; else the embedded database
 * of `npm start` in .data (or PORTAL_DATA_DIR) — used as it is when the portal is running,
 * otherwise started for the duration of `work` under the same one-instance lock as the portal.
 * `exclusive` refuses a running portal (a restore must not pull data from under it).
 */
export async function withProjectDatabase<T>(work: (url: string) => Promise<T>, opts: { exclusive?: boolean } = {}): Promise<T> {
  if (process.env.DATABASE_URL) return work(process.env.DATABASE_URL);
  const dataDir = path.resolve(root, process.env.PORTAL_DATA_DIR ?? ".data");
  const port = Number(process.env.PORTAL_DB_PORT ?? EMBEDDED_PORT);
  if (livePostmasterPid(path.join(dataDir, "pg")) !== null) {
    if (opts.exclusive) throw new Error("门户正在运行：请先停止它（Ctrl+C），再执行此操作。");
    return work(embeddedUrl(port, EMBEDDED_DATABASE));
  }
  const release = acquireInstanceLock(dataDir);
  const db = await startEmbeddedDb({ dataDir: path.join(dataDir, "pg"), port, database: EMBEDDED_DATABASE, quiet: true });
  try {
    return await work(db.url);
  } finally {
    await db.stop();
    release();
  }
}
