/**
 * The HTTP figures of `npm run bench` (issue 8 item 5, issue 10 item 9): the built portal served
 * by `next start` on loopback, against a database that holds data (the bench province), and
 * loaded from this process:
 *
 *   overview_p95_ratio    autocannon, 20 connections: p95 of the county overview (/dashboard) over
 *                         p95 of the bare page (/ping: the page shell and one SELECT 1), ≤ 1.5
 *   mixed_throughput_rps  50 simulated users for 60 s (county staff, bank officers, village
 *   mixed_p95_ratio       cadres; reads and real writes through the server actions, a random
 *   mixed_errors          0–1 s pause after each request): requests per second, p95 over the
 *                         bare page's p95 (≤ 1.5), and errors (0), every acknowledged write
 *                         checked in the database afterwards
 *   server_rss_mb         the server's peak resident memory over its whole process tree (≤ 600 MB)
 *
 * The bench signs in as three users of its own (created or reset in the database with a known
 * password), in the county and bank with the most loans. It builds the app first when .next is
 * missing or older than the sources.
 *
 * Standalone (`npx tsx scripts/bench/http.ts`): a throwaway embedded PostgreSQL with the demo data
 * and ten loans per demo village; with DATABASE_URL (and the PII_KEY its data was written with),
 * that database as it is.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { EMBEDDED_DATABASE } from "../lib/defaults";
import { startEmbeddedDb } from "../lib/embedded-db";
import { migrateDeploy } from "../lib/migrate";
import { send, serverActionIds, signIn } from "./http-client";
import { addDemoLoans, ensureBenchUsers, findBenchScope, HTTP_BENCH_PASSWORD, HTTP_BENCH_USERS } from "./http-fixtures";
import { percentile, runMixed } from "./http-mixed";
import { type RunningServer, startServer } from "./http-server";

const root = path.resolve(__dirname, "../..");
const CONNECTIONS = 20;
const WARMUP_S = Number(process.env.BENCH_HTTP_WARMUP_S ?? 5);
const LOAD_S = Number(process.env.BENCH_HTTP_SECONDS ?? 20);
const MIXED_USERS = 50;
const MIXED_S = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const MIXED_THINK_MS = 500;
/**
 * 50 users pausing 0.5 s on average offer at most 100 requests a second; a server that keeps up
 * serves at least 80 (the rest is the requests' own time), one that cannot falls behind.
 */
const MIXED_RPS_TARGET = 80;

type AutocannonResult = { duration: number; errors: number; timeouts: number };
type AutocannonRun = PromiseLike<AutocannonResult> & {
  on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void): void;
};
// autocannon ships no types: required and typed here for what the bench uses.
const autocannon = require("autocannon") as (opts: Record<string, unknown>) => AutocannonRun;

/** Lets lib/server modules (which import "server-only") load outside Next.js. */
function allowServerOnly() {
  const serverOnly = require.resolve("server-only");
  require.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;
}

let failed = false;
function benchLine(name: string, value: number, unit: string, op: "<=" | ">=", target: number, digits: number) {
  const pass = Number.isFinite(value) && (op === "<=" ? value <= target : value >= target);
  if (!pass) failed = true;
  console.log(`BENCH ${name} ${value.toFixed(digits)} ${unit} target ${op}${target} ${pass ? "PASS" : "FAIL"}`);
}

const f1 = (ms: number) => ms.toFixed(1);

type LoadResult = { p50: number; p95: number; p99: number; rps: number; requests: number; errors: number; statuses: string; cpuMsPerRequest: number };

/** autocannon on one page with a session cookie: an untimed warm-up, then the measured run. */
async function loadPage(server: RunningServer, pagePath: string, cookie: string): Promise<LoadResult> {
  const base = server.base;
  const opts = { url: `${base}${pagePath}`, connections: CONNECTIONS, headers: { cookie }, timeout: 30 };
  await autocannon({ ...opts, duration: WARMUP_S });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const cpuBefore = server.cpuMs();
  const run = autocannon({ ...opts, duration: LOAD_S });
  run.on("response", (_client, statusCode, _bytes, ms) => {
    latencies.push(ms);
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
  });
  const result = await run;
  const cpuMsPerRequest = (server.cpuMs() - cpuBefore) / Math.max(1, latencies.length);
  latencies.sort((a, b) => a - b);
  const ok = statuses.get(200) ?? 0;
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: ok / result.duration,
    requests: latencies.length,
    errors: latencies.length - ok + result.errors + result.timeouts,
    statuses: [...statuses].map(([code, n]) => `${code}×${n}`).join(" "),
    cpuMsPerRequest,
  };
}

/** A page must answer 200 with its content before it is loaded (else the figures mean nothing). */
async function expectPage(base: string, pagePath: string, cookie: string, marker: string) {
  const reply = await send({ base, path: pagePath, headers: { cookie } });
  if (reply.status !== 200 || !reply.body.includes(marker)) {
    throw new Error(`GET ${pagePath} 未返回预期页面（HTTP ${reply.status}${reply.headers.location ? ` → ${reply.headers.location}` : ""}）`);
  }
}

async function describeScope(databaseUrl: string) {
  allowServerOnly();
  const { hashPassword } = await import("../../lib/server/auth/passwords");
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const scope = await findBenchScope(db);
    await ensureBenchUsers(db, scope, await hashPassword(HTTP_BENCH_PASSWORD));
    const names = await db.query<{ county: string; bank: string; village: string; loans: string; households: string }>(
      `SELECT (SELECT name FROM "OrgUnit" WHERE id = $1) AS county, (SELECT name FROM "Bank" WHERE id = $2) AS bank,
         (SELECT name FROM "OrgUnit" WHERE id = $3) AS village, (SELECT count(*) FROM "Loan" WHERE "countyId" = $1) AS loans,
         (SELECT count(*) FROM "Household" WHERE "countyId" = $1) AS households`,
      [scope.countyId, scope.bankId, scope.villageId],
    );
    const n = names.rows[0];
    console.log(`HTTP 压测范围：${n.county}（农户 ${n.households} 户，贷款 ${n.loans} 笔），${n.bank}，${n.village}。`);
    return scope;
  } finally {
    await db.end();
  }
}

/**
 * Runs the HTTP figures against `databaseUrl` (migrated, with data) and prints their BENCH lines;
 * sets a failing exit code when one misses its target. The server is stopped in every case.
 */
export async function runHttpBench(databaseUrl: string): Promise<void> {
  failed = false;
  const scope = await describeScope(databaseUrl);
  const { shanghaiToday } = await import("../../lib/server/clock");
  const server = await startServer(root, databaseUrl);
  const { base } = server;
  try {
    const login = (role: keyof typeof HTTP_BENCH_USERS) => signIn(base, HTTP_BENCH_USERS[role], HTTP_BENCH_PASSWORD);

    // A fresh session for each page: the proxy refreshes a session older than a minute on every
    // request (autocannon cannot take the new cookie), which would add work the users never cause.
    let session = await login("county");
    await expectPage(base, "/ping", session.cookie, 'data-testid="ping"');
    const bare = await loadPage(server, "/ping", session.cookie);
    session = await login("county");
    await expectPage(base, "/dashboard", session.cookie, 'data-testid="dashboard-title"');
    const overview = await loadPage(server, "/dashboard", session.cookie);
    for (const [label, r] of [["/ping（裸页面：页面框架 + 1 次 SELECT 1）", bare], ["/dashboard（县级数据总览）", overview]] as const) {
      console.log(
        `HTTP ${label}：${CONNECTIONS} 连接 ${LOAD_S} 秒，p50 ${f1(r.p50)} ms，p95 ${f1(r.p95)} ms，p99 ${f1(r.p99)} ms，` +
          `${r.rps.toFixed(0)} 次/秒，共 ${r.requests} 次（${r.statuses}），错误 ${r.errors}，门户进程 CPU ${f1(r.cpuMsPerRequest)} ms/次`,
      );
    }
    benchLine("overview_p95_ratio", overview.errors === 0 && bare.errors === 0 ? overview.p95 / bare.p95 : Number.NaN, "x", "<=", 1.5, 2);

    const sessions = { county: await login("county"), bank: await login("bank"), cadre: await login("cadre") };
    const mixedCpuBefore = server.cpuMs();
    const mixed = await runMixed({
      base,
      databaseUrl,
      sessions,
      scope,
      today: shanghaiToday(),
      actionIds: serverActionIds(root),
      users: MIXED_USERS,
      seconds: MIXED_S,
      thinkMs: MIXED_THINK_MS,
    });
    console.log(
      `HTTP 混合负载：${MIXED_USERS} 个用户 ${MIXED_S} 秒（每次请求后随机等待 0–${(2 * MIXED_THINK_MS) / 1000} 秒），` +
        `共 ${mixed.requests} 次（${mixed.rps.toFixed(1)} 次/秒），p50 ${f1(mixed.p50)} ms，p95 ${f1(mixed.p95)} ms，错误 ${mixed.errors}，` +
        `门户进程 CPU ${f1((server.cpuMs() - mixedCpuBefore) / Math.max(1, mixed.requests))} ms/次`,
    );
    for (const op of mixed.byOp) {
      console.log(`  ${op.op}：${op.count} 次，p50 ${f1(op.p50)} ms，p95 ${f1(op.p95)} ms${op.errors ? `，错误 ${op.errors}` : ""}`);
    }
    console.log(`  写入核对（已确认的写入在数据库中）：${mixed.writes.map((w) => `${w.kind} ${w.found}/${w.acknowledged}`).join("，")}`);
    for (const sample of mixed.errorSamples.slice(0, 10)) console.log(`  错误：${sample}`);
    if (mixed.errors > 0) {
      const serverErrors = server.log().split("\n").filter((line) => /error|failed|⨯/i.test(line));
      for (const line of serverErrors.slice(-10)) console.log(`  门户日志：${line.slice(0, 300)}`);
    }
    benchLine("mixed_throughput_rps", mixed.rps, "req/s", ">=", MIXED_RPS_TARGET, 1);
    benchLine("mixed_p95_ratio", mixed.p95 / bare.p95, "x", "<=", 1.5, 2);
    benchLine("mixed_errors", mixed.errors, "count", "<=", 0, 0);
  } catch (error) {
    console.error(`HTTP 压测中断。门户最后的输出：\n${server.log().slice(-4000)}`);
    throw error;
  } finally {
    const peak = server.peakRssMb();
    await server.stop();
    benchLine("server_rss_mb", peak, "MB", "<=", 600, 0);
    if (failed) process.exitCode = 1;
  }
}

async function standalone() {
  allowServerOnly();
  const { generatePiiKey } = await import("../../lib/server/pii");
  if (process.env.DATABASE_URL) {
    if (!process.env.PII_KEY) throw new Error("使用 DATABASE_URL 时请同时设置 PII_KEY（写入其数据时使用的密钥）。");
    await runHttpBench(process.env.DATABASE_URL);
    return;
  }
  process.env.PII_KEY ??= generatePiiKey();
  const { shanghaiToday } = await import("../../lib/server/clock");
  const { seed } = await import("../seed");
  const { DEMO_COUNTY } = await import("../seed/demo-data");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "microcredit-http-bench-"));
  const db = await startEmbeddedDb({ dataDir, port: 40000 + Math.floor(Math.random() * 20000), database: EMBEDDED_DATABASE, quiet: true, server: true });
  try {
    migrateDeploy(db.url);
    await seed(db.url, { quiet: true });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const today = shanghaiToday();
    const disbursedOn = new Date(Date.parse(`${today}T00:00:00Z`) - 300 * 86_400_000).toISOString().slice(0, 10);
    await addDemoLoans(client, { countyCode: DEMO_COUNTY.code, disbursedOn, today }).finally(() => client.end());
    await runHttpBench(db.url);
  } finally {
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  standalone().catch((error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
