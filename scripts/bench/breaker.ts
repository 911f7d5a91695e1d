import { BENCH_TODAY } from "./province";
import { benchLine, median, timeRuns } from "./measure";

/**
 * breaker_all_areas_ms (issue 6): the circuit breaker of every township and village of the
 * province from live loan data in one pass (lib/server/risk/area-breaker.ts: the SQL and the
 * domain evaluation), median of warm runs; and, for information, the domain evaluation alone.
 */
export async function benchBreaker(runs: number) {
  const { areasBreaker } = await import("../../lib/server/risk/area-breaker");
  const { evaluateBreakerBulk } = await import("../../lib/domain/circuit-breaker");
  const { activeProfile } = await import("../../lib/server/policy/active-profile");
  const { prisma } = await import("../../lib/server/db");
  const county = await prisma.orgUnit.findFirstOrThrow({ where: { level: "county" }, orderBy: { code: "asc" } });
  const profile = await activeProfile(prisma, county.id, BENCH_TODAY);

  let areas: Awaited<ReturnType<typeof areasBreaker>> = [];
  const sorted = await timeRuns({ runs, work: async () => void (areas = await areasBreaker(prisma, null, BENCH_TODAY, profile)) });
  const tripped = areas.filter((a) => a.tripped).length;
  const halted = areas.filter((a) => a.lendingHalted).length;

  // The domain alone, on the same areas' balances (as the SQL returned them).
  const inputs = await prisma.$queryRaw<{ id: string; level: "township" | "village"; parentId: string | null }[]>`
    SELECT id, level::text AS level, "parentId" FROM "OrgUnit" WHERE level IN ('township', 'village')`;
  const bulk = inputs.map((u, i) => ({
    id: u.id, level: u.level, parentId: u.level === "village" ? (u.parentId ?? undefined) : undefined,
    outstandingFen: 3_000_000n + BigInt(i % 7) * 1_000_000n, nonPerformingFen: BigInt((i * 4099) % 400_000),
  }));
  const rule = { township: profile.settings.breaker.township, village: profile.settings.breaker.village, comparison: profile.settings.breaker.comparison };
  const domain = await timeRuns({ runs, work: async () => evaluateBreakerBulk(rule, bulk) });

  console.log(`熔断判定：全省 ${areas.length} 个乡镇和村，其中熔断 ${tripped} 个、暂停放贷 ${halted} 个；仅领域计算 ${median(domain).toFixed(1)} ms（各次 ${sorted.map((t) => t.toFixed(0)).join("/")} ms）`);
  return benchLine("breaker_all_areas_ms", median(sorted), "ms", "<=", 300);
}
