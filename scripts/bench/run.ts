/**
 * `npm run bench` (issue 8 item 5, issue 6): generates the province (./province.ts) in a throwaway
 * embedded PostgreSQL and prints every figure as `BENCH <name> <median> <unit> target <op><value>
 * PASS|FAIL`, each the median of warm runs:
 *
 *   overview_ms           the county overview, server time (≤ 150 ms)
 *   breaker_all_areas_ms  the circuit breaker of every area of the province (≤ 300 ms)
 *   subsidy_quarter_s     a quarter's subsidy run for every county × bank, 400,000 loans (≤ 30 s)
 *   import_10k_s          a 10,000-row household import (≤ 15 s)
 *   overview_p95_ratio, server_rss_mb   the built app under load (./http.ts, when present)
 *
 * With DATABASE_URL set it uses that database instead: an empty one is migrated and filled; one
 * that already holds the bench province is reused (with the PII_KEY it was generated with);
 * anything else is refused. BENCH_RUNS sets the runs of the fast figures (default 7), BENCH_SLOW_RUNS
 * those of the subsidy run and the import (default 3); BENCH_ONLY picks figures (e.g. overview,breaker).
 * The process exits 1 when a figure misses its target.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { generatePiiKey } from "../../lib/server/pii";
import { migrateDeploy } from "../lib/migrate";
import { withDatabase } from "../lib/with-database";
import { allowServerOnly } from "./measure";
import { BENCH_NOW, benchCounty, generateProvince, PROVINCE_MARKER } from "./province";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 3);
/** BENCH_ONLY=overview,breaker,import,subsidy,http runs only those (all by default). */
const ONLY = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());

/** "empty", "province" (generated before) or "other" (a database the bench must not touch). */
async function databaseState(url: string): Promise<"empty" | "province" | "incomplete" | "other"> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const migrated = (await db.query(`SELECT to_regclass('"OrgUnit"') AS t`)).rows[0].t !== null;
    if (!migrated) return "empty";
    const units = Number((await db.query(`SELECT count(*) AS n FROM "OrgUnit"`)).rows[0].n);
    if (units === 0) return "empty";
    const first = await db.query(`SELECT 1 FROM "OrgUnit" WHERE id = $1`, [benchCounty(1).countyId]);
    if (first.rowCount !== 1) return "other";
    const done = await db.query(`SELECT 1 FROM "JobRun" WHERE name = $1`, [PROVINCE_MARKER]);
    return done.rowCount === 1 ? "province" : "incomplete";
  } finally {
    await db.end();
  }
}

async function main() {
  const reuse = !!process.env.DATABASE_URL;
  if (reuse && !process.env.PII_KEY) throw new Error("With DATABASE_URL, set PII_KEY (the key the province was or will be generated with).");
  process.env.PII_KEY ??= generatePiiKey();
  // The data is as of BENCH_TODAY; the use cases read the time through lib/server/clock.ts.
  process.env.PORTAL_ALLOW_FAKE_CLOCK = "1";
  process.env.PORTAL_FAKE_NOW = BENCH_NOW;
  allowServerOnly();

  let ok = true;
  await withDatabase(async (url) => {
    migrateDeploy(url);
    const state = await databaseState(url);
    if (state === "other") throw new Error("DATABASE_URL holds other data: the bench only runs on an empty database or its own province.");
    if (state === "incomplete") throw new Error("DATABASE_URL holds a province whose generation did not finish: use an empty database.");
    if (state === "empty") await generateProvince(url);
    else console.log("沿用已生成的全省数据。");
    process.env.DATABASE_URL = url;

    const { benchOverview } = await import("./overview");
    const { benchBreaker } = await import("./breaker");
    const { benchImport } = await import("./import");
    const { benchSubsidy } = await import("./subsidy");
    const wanted = (name: string) => !ONLY || ONLY.includes(name);
    if (wanted("overview")) ok = (await benchOverview(RUNS)) && ok;
    if (wanted("breaker")) ok = (await benchBreaker(RUNS)) && ok;
    if (wanted("import")) ok = (await benchImport(url, SLOW_RUNS)) && ok;
    if (wanted("subsidy")) ok = (await benchSubsidy(url, SLOW_RUNS)) && ok;

    const { prisma } = await import("../../lib/server/db");
    await prisma.$disconnect();

    // The HTTP figures, written separately: scripts/bench/http.ts exports runHttpBench(databaseUrl).
    // The environment it inherits holds what the app needs to read this data: PII_KEY, and the
    // test clock at BENCH_NOW (PORTAL_ALLOW_FAKE_CLOCK=1, PORTAL_FAKE_NOW).
    const http = path.join(__dirname, "http.ts");
    if (!wanted("http")) {
      // Left out by BENCH_ONLY.
    } else if (fs.existsSync(http)) {
      const { runHttpBench } = (await import(http)) as { runHttpBench: (databaseUrl: string) => Promise<void> };
      await runHttpBench(url);
    } else {
      console.log("（scripts/bench/http.ts 不存在：未测 overview_p95_ratio 和 server_rss_mb）");
    }
  }, { server: true });
  if (!ok) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
