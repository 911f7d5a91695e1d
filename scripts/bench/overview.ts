import { BENCH_NOW, benchCounty } from "./province";
import { benchLine, median, timeRuns } from "./measure";

/**
 * overview_ms (issue 8): the county overview (数据总览) as the page calls it — the use case
 * dashboardOverview for a county officer, no unit given — for several counties in turn, median
 * of warm runs (each county is warmed once first). The use case keeps computed overviews until the
 * county's data changes (overview-cache.ts): each run starts with that cache empty, so that it
 * times the computation, as after every write.
 */
export async function benchOverview(runs: number, counties = 5) {
  const { dashboardOverview } = await import("../../lib/server/dashboard/dashboard-overview");
  const { actorFromUser } = await import("../../lib/server/actor-from-user");
  const { prisma } = await import("../../lib/server/db");
  const { forgetCachedOverviews } = await import("../../lib/server/dashboard/overview-cache");
  const users = await prisma.user.findMany({
    where: { username: { in: Array.from({ length: counties }, (_, i) => benchCounty(i + 1).officer) } },
    include: { orgUnit: true },
    orderBy: { username: "asc" },
  });
  const actors = users.map((u) => actorFromUser(u)!);
  for (const actor of actors) await dashboardOverview(actor, {});
  let last: Awaited<ReturnType<typeof dashboardOverview>> | undefined;
  const sorted = await timeRuns({
    runs,
    warmup: 0,
    work: async (i) => {
      forgetCachedOverviews();
      last = await dashboardOverview(actors[i % actors.length], {});
    },
  });
  if (last) {
    const f = last.figures;
    console.log(
      `数据总览（${last.unit.name}，截至 ${last.today}）：登记户 ${f.registered}，获贷户 ${f.borrowers}，贷款 ${f.loans} 笔，余额 ${f.outstanding}，` +
        `不良 ${f.npl}（${last.nplRatio}），逾期 ${f.buckets.d1to30.count}/${f.buckets.d31to70.count}/${f.buckets.over70.count}，缓冲期 ${f.buckets.inBuffer.count}，` +
        `代偿 ${f.buckets.claim.count}，本季贴息 ${f.subsidyQuarter}，本年贴息 ${f.subsidyYear}，风险补偿金 ${last.fundBalance}，熔断 ${last.trippedAreas} 个，` +
        `信用村 ${last.credit.villages}，信用乡镇 ${last.credit.townships}（今天 ${BENCH_NOW}；各次 ${sorted.map((t) => t.toFixed(0)).join("/")} ms）`,
    );
  }
  return benchLine("overview_ms", median(sorted), "ms", "<=", 150);
}
