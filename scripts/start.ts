/**
 * `npm start`: the whole portal from a fresh clone. Starts the embedded PostgreSQL (unless
 * DATABASE_URL is set), applies migrations, seeds demo data once, builds if needed and serves
 * http://localhost:3000. Options: --dev (next dev), --no-build, --fresh (throwaway data folder
 * and ports, removed on exit: used by the e2e tests).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildNeeded } from "./lib/build-needed";
import { serveDbControl } from "./lib/db-control";
import { EMBEDDED_DATABASE, EMBEDDED_PORT } from "./lib/defaults";
import { type RunningDb, startEmbeddedDb } from "./lib/embedded-db";
import { scheduleDailyJob } from "./lib/daily-schedule";
import { acquireInstanceLock } from "./lib/instance-lock";
import { migrateDeploy } from "./lib/migrate";
import { nextStartCommand } from "./lib/next-server";
import { encryptLegacyPersonalData } from "./lib/encrypt-pii";
import { piiKey, sessionSecret } from "./lib/secret";
import { parsePiiKey } from "../lib/server/pii";
import { demoLogins } from "./seed/seed-demo";
import { seed } from "./seed";

const root = path.resolve(__dirname, "..");
const args = new Set(process.argv.slice(2));
const fresh = args.has("--fresh");
const dataDir = fresh
  ? fs.mkdtempSync(path.join(os.tmpdir(), "microcredit-e2e-"))
  : path.resolve(root, process.env.PORTAL_DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);
const dbPort = Number(process.env.PORTAL_DB_PORT ?? (fresh ? 40000 + Math.floor(Math.random() * 20000) : EMBEDDED_PORT));

let db: RunningDb | null = null;
let server: ChildProcess | null = null;
let serverExited: Promise<void> = Promise.resolve();
let releaseLock = () => {};
let stopJobs = () => {};
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // Ctrl+C reaches next too, so it may already be gone (killed by a signal: exitCode stays null).
  if (server && server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
  await serverExited;
  stopJobs();
  if (db) await db.stop().catch(() => {});
  releaseLock();
  if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

async function main() {
  releaseLock = acquireInstanceLock(dataDir);
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  // Before any database work: the seed, the daily job and the server encrypt with it.
  process.env.PII_KEY = piiKey(dataDir, { create: true });

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    console.log("使用 DATABASE_URL 指定的 PostgreSQL。");
  } else {
    db = await startEmbeddedDb({ dataDir: path.join(dataDir, "pg"), port: dbPort, database: EMBEDDED_DATABASE, server: !fresh });
    databaseUrl = db.url;
    console.log(`内置 PostgreSQL 已启动（127.0.0.1:${dbPort}，数据目录 ${path.join(dataDir, "pg")}）。`);
  }
  migrateDeploy(databaseUrl);
  console.log("数据库迁移已完成。");
  const pii = await encryptLegacyPersonalData(databaseUrl, parsePiiKey(process.env.PII_KEY!));
  if (pii.encrypted > 0) console.log(`已加密 ${pii.encrypted} 户农户的身份证号和手机号（加密前写入的数据）。`);
  await seed(databaseUrl);
  // The daily job (overdue, buffer, loss cases, breaker, reminders) runs now and at 00:05 daily;
  // not under --fresh, whose tests move the clock and run the job themselves.
  if (!fresh) stopJobs = scheduleDailyJob(databaseUrl);
  // The fault tests stop and start the embedded database under the running portal.
  if (fresh && db && process.env.PORTAL_DB_CONTROL_PORT) {
    serveDbControl(Number(process.env.PORTAL_DB_CONTROL_PORT), {
      stop: async () => {
        await db?.stop();
        db = null;
      },
      start: async () => {
        db ??= await startEmbeddedDb({ dataDir: path.join(dataDir, "pg"), port: dbPort, database: EMBEDDED_DATABASE, quiet: true, server: !fresh });
      },
      serverPid: () => server?.pid ?? null,
    });
  }

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: sessionSecret(dataDir),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const next = path.join(root, "node_modules/.bin/next");
  if (args.has("--dev")) {
    server = spawn(next, ["dev", "-H", "127.0.0.1", "-p", String(port)], { cwd: root, env, stdio: "inherit" });
  } else {
    if (!args.has("--no-build") && buildNeeded(root)) {
      console.log("正在构建门户（首次启动约需 30 秒）…");
      const build = spawnSync(next, ["build"], { cwd: root, env: { ...env, NODE_ENV: "production" }, stdio: "inherit" });
      if (build.status !== 0) throw new Error("构建失败，请查看上面的输出。");
    }
    // The same command and node options as the HTTP bench's server (./lib/next-server.ts).
    const start = nextStartCommand(root, "127.0.0.1", port);
    server = spawn(start.command, start.args, { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
    server.stdout!.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      if (chunk.toString().includes("Ready")) {
        console.log(`\n门户已启动：http://localhost:${port}\n${demoLogins()}\n按 Ctrl+C 停止。`);
      }
    });
  }
  const child = server;
  serverExited = new Promise((resolve) => child.once("exit", () => resolve()));
  child.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
});
