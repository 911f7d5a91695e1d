import os from "node:os";
import pg from "pg";
import { benchLine, median, timeRuns } from "./measure";
import { BENCH_SUBSIDY_QUARTER, benchCounty } from "./province";

const PARALLEL = Math.max(1, Number(process.env.BENCH_SUBSIDY_PARALLEL ?? os.availableParallelism()));

/**
 * subsidy_quarter_s (issue 7/8): the quarter's subsidy run (runSubsidyQuarter, as the county
 * officer starts it) for every partner bank of every county — the province's 400,000 loans.
 * Counties claim their quarters independently, so the runs go through as many at a time as the
 * machine has cores (BENCH_SUBSIDY_PARALLEL overrides; 1 = one after another): while this
 * process computes one run's lines, the database reads or writes another's. The runs are removed
 * after each pass (lines cascade). Median of warm passes (the warm-up is one county).
 */
export async function benchSubsidy(url: string, runs: number) {
  const { runSubsidyQuarter } = await import("../../lib/server/subsidy/run-subsidy-quarter");
  const { actorFromUser } = await import("../../lib/server/actor-from-user");
  const { prisma } = await import("../../lib/server/db");
  const counties = await prisma.orgUnit.count({ where: { level: "county" } });
  const officers = await prisma.user.findMany({
    where: { username: { in: Array.from({ length: counties }, (_, i) => benchCounty(i + 1).officer) } },
    include: { orgUnit: true },
    orderBy: { username: "asc" },
  });
  const banks = await prisma.bank.findMany({ select: { id: true, countyId: true }, orderBy: { name: "asc" } });
  const work = officers.map((u) => ({ actor: actorFromUser(u)!, banks: banks.filter((b) => b.countyId === u.orgUnitId).map((b) => b.id) }));
  const { year, quarter } = BENCH_SUBSIDY_QUARTER;

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const pass = async (counties: typeof work) => {
      const runs = counties.flatMap((c) => c.banks.map((bankId) => ({ actor: c.actor, bankId })));
      const officer = async () => {
        for (let r = runs.shift(); r; r = runs.shift()) await runSubsidyQuarter(r.actor, { bankId: r.bankId, year, quarter });
      };
      await Promise.all(Array.from({ length: PARALLEL }, officer));
    };
    const clear = async () => {
      await db.query(`DELETE FROM "SubsidyRun" WHERE year = $1 AND quarter = $2`, [year, quarter]);
      await db.query(`VACUUM "SubsidyLine", "SubsidyRun"`);
    };
    let summary = { runs: 0, lines: 0, total: "0" };
    // Warm-up: one county; then whole passes.
    await pass(work.slice(0, 1));
    await clear();
    const sorted = await timeRuns({
      runs,
      warmup: 0,
      work: () => pass(work),
      between: async () => {
        const r = await db.query(
          `SELECT count(DISTINCT r.id)::int AS runs, count(l.id)::int AS lines, coalesce(sum(l.amount), 0)::text AS total
           FROM "SubsidyRun" r LEFT JOIN "SubsidyLine" l ON l."runId" = r.id WHERE r.year = $1 AND r.quarter = $2`,
          [year, quarter],
        );
        summary = r.rows[0];
        await clear();
      },
    });
    console.log(
      `贴息测算（${year} 年第 ${quarter} 季度）：${summary.runs} 个县×银行（同时 ${PARALLEL} 个），${summary.lines} 条明细，合计 ${summary.total} 元（各次 ${sorted.map((t) => (t / 1000).toFixed(1)).join("/")} 秒）`,
    );
    return benchLine("subsidy_quarter_s", median(sorted) / 1000, "s", "<=", 30, 1);
  } finally {
    await db.end();
  }
}
