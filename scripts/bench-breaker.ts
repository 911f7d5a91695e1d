/**
 * `tsx scripts/bench-breaker.ts` (intended as `npm run bench`): the time to evaluate the circuit
 * breaker for every area of a generated province — 100 counties, 2,000 townships, 40,000
 * villages, 400,000 household loans with their schedules — on a throwaway embedded PostgreSQL
 * (or DATABASE_URL). Prints the domain evaluation alone and the whole evaluation from live loan
 * data (the SQL of lib/server/risk/area-breaker.ts plus the domain), against the 300 ms target.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { migrateDeploy } from "./lib/migrate";
import { withDatabase } from "./lib/with-database";

const serverOnly = require.resolve("server-only");
require.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;

const COUNTIES = Number(process.env.BENCH_COUNTIES ?? 100), TOWNSHIPS = 20, VILLAGES = 20, LOANS = 10;

async function generate(url: string) {
  const db = new pg.Client({ connectionString: url });
  db.on("error", () => {});
  await db.connect();
  const t0 = performance.now();
  await db.query(`
    INSERT INTO "OrgUnit" (id, code, name, level, "parentId", "countyId")
    SELECT 'c' || c, lpad(c::text, 6, '0') || '000000', '县' || c, 'county', NULL, 'c' || c FROM generate_series(1, ${COUNTIES}) c;
    INSERT INTO "OrgUnit" (id, code, name, level, "parentId", "countyId")
    SELECT 't' || c || '-' || t, lpad(c::text, 6, '0') || lpad(t::text, 3, '0') || '000', '乡' || t, 'township', 'c' || c, 'c' || c
    FROM generate_series(1, ${COUNTIES}) c, generate_series(1, ${TOWNSHIPS}) t;
    INSERT INTO "OrgUnit" (id, code, name, level, "parentId", "countyId")
    SELECT 'v' || c || '-' || t || '-' || v, lpad(c::text, 6, '0') || lpad(t::text, 3, '0') || lpad(v::text, 3, '0'), '村' || v, 'village', 't' || c || '-' || t, 'c' || c
    FROM generate_series(1, ${COUNTIES}) c, generate_series(1, ${TOWNSHIPS}) t, generate_series(1, ${VILLAGES}) v;
    INSERT INTO "Application" (id, kind, status, "countyId", "townshipId", "villageId", amount, "termMonths", purpose, "projectDescription", "repaymentSource", "createdById", "updatedAt")
    SELECT 'a' || c || '-' || t || '-' || v || '-' || n, 'household', 'disbursed', 'c' || c, 't' || c || '-' || t, 'v' || c || '-' || t || '-' || v,
      30000, 36, 'breeding', '-', '-', 'bench', now()
    FROM generate_series(1, ${COUNTIES}) c, generate_series(1, ${TOWNSHIPS}) t, generate_series(1, ${VILLAGES}) v, generate_series(1, ${LOANS}) n;
    INSERT INTO "Loan" (id, "applicationId", kind, "countyId", "townshipId", "villageId", "bankId", "contractNumber", principal, rate, "termMonths",
      "disbursedOn", "maturityDate", status, "outstandingPrincipal", "updatedAt")
    SELECT 'l' || c || '-' || t || '-' || v || '-' || n, 'a' || c || '-' || t || '-' || v || '-' || n, 'household', 'c' || c, 't' || c || '-' || t,
      'v' || c || '-' || t || '-' || v, 'b' || c, 'HT' || c || '-' || t || '-' || v || '-' || n, 30000, 0.0435, 36, '2025-01-10', '2028-01-10',
      (CASE WHEN (c * 7 + t * 3 + v + n) % 23 = 0 THEN 'inBuffer' ELSE 'repaying' END)::"LoanStatus", 30000, now()
    FROM generate_series(1, ${COUNTIES}) c, generate_series(1, ${TOWNSHIPS}) t, generate_series(1, ${VILLAGES}) v, generate_series(1, ${LOANS}) n;
    INSERT INTO "ScheduleItem" (id, "loanId", seq, "dueDate", "principalDue", "interestDue", status)
    SELECT 's' || l.id, l.id, 1, '2028-01-10', 30000, 3915, 'due' FROM "Loan" l;
    ANALYZE;`);
  const counts = await db.query(`SELECT level, count(*)::int AS n FROM "OrgUnit" GROUP BY level ORDER BY level`);
  const loans = await db.query(`SELECT count(*)::int AS n FROM "Loan"`);
  await db.end();
  console.log(`已生成：${counts.rows.map((r) => `${r.level} ${r.n}`).join("，")}，贷款 ${loans.rows[0].n} 笔（${((performance.now() - t0) / 1000).toFixed(1)} 秒）`);
}

async function main() {
  await withDatabase(async (url) => {
    migrateDeploy(url);
    await generate(url);
    process.env.DATABASE_URL = url;
    const { areasBreaker, countyBreaker } = await import("../lib/server/risk/area-breaker");
    const { evaluateBreakerBulk } = await import("../lib/domain/circuit-breaker");
    const { profileTemplate } = await import("../lib/domain/profile-templates");
    const { prisma } = await import("../lib/server/db");
    const profile = { id: "bench", version: 1, settings: profileTemplate("pingdingshan_scheme1").settings };
    const counties = Array.from({ length: COUNTIES }, (_, i) => `c${i + 1}`);

    // The domain alone: 42,000 areas with their balances in fen.
    const areas = counties.flatMap((c, ci) =>
      Array.from({ length: TOWNSHIPS }, (_, t) => [
        { id: `t${ci}-${t}`, level: "township" as const, outstandingFen: 60_000_000n, nonPerformingFen: BigInt((t * 37) % 6_000_000) },
        ...Array.from({ length: VILLAGES }, (_, v) => ({ id: `v${ci}-${t}-${v}`, level: "village" as const, parentId: `t${ci}-${t}`, outstandingFen: 3_000_000n, nonPerformingFen: BigInt((v * 4099) % 400_000) })),
      ]).flat(),
    );
    const rule = { township: "0.05", village: "0.07", comparison: "gt" as const };
    evaluateBreakerBulk(rule, areas);
    let t = performance.now();
    const results = evaluateBreakerBulk(rule, areas);
    const domainMs = performance.now() - t;

    // From live loan data, county by county as the portal does it (warm run after one cold run).
    const today = "2026-11-23";
    for (const c of counties.slice(0, 3)) await countyBreaker(prisma, c, today, profile);
    t = performance.now();
    let evaluated = 0, tripped = 0;
    for (const c of counties) {
      const r = await countyBreaker(prisma, c, today, profile);
      evaluated += r.length;
      tripped += r.filter((x) => x.tripped).length;
    }
    const liveMs = performance.now() - t;

    // Every area of the province from live loan data in one pass: the issue's figure, as the
    // median of five warm runs.
    await areasBreaker(prisma, null, today, profile);
    const runs: number[] = [];
    let provinceAreas = 0;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      provinceAreas = (await areasBreaker(prisma, null, today, profile)).length;
      runs.push(performance.now() - t);
    }
    const median = runs.sort((a, b) => a - b)[2];
    await prisma.$disconnect();
    console.log(`熔断判定（仅领域计算）：${results.length} 个区域，${domainMs.toFixed(1)} ms`);
    console.log(`熔断判定（含实时贷款数据查询，逐县）：${evaluated} 个区域，其中熔断 ${tripped} 个，${liveMs.toFixed(0)} ms`);
    console.log(`熔断判定（含实时贷款数据查询，全省一次）：${provinceAreas} 个区域`);
    console.log(`BENCH breaker_all_areas_ms ${median.toFixed(0)} ms target <=300 ${median <= 300 ? "PASS" : "FAIL"}`);
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
