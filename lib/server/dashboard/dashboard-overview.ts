import "server-only";
import { z } from "zod";
import { D } from "@/lib/domain/decimal";
import type { Actor } from "../actor";
import { shanghaiToday } from "../clock";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { countyBreaker } from "../risk/area-breaker";
import { orgUnitScopeSql } from "../scope";
import { queryRows, statement } from "../sql";
import { defineQuery } from "../use-case";
import { cached, versionOf } from "./overview-cache";
import { type AreaColumn, type AreaFigures, areaFigures, emptyFigures, monthlyTrend, ratio } from "./area-figures";

export const DASHBOARD_ROLES = ["village_cadre", "township_officer", "county_officer", "finance_officer", "auditor", "admin"] as const;

type Level = "all" | "county" | "township" | "village";
export type DashboardUnit = { id: string | null; name: string; level: Level };

export type DashboardChild = {
  id: string;
  name: string;
  level: Exclude<Level, "all">;
  figures: AreaFigures;
  uptake: string | null;
  nplRatio: string | null;
  halted: boolean | null;
  tripped: boolean | null;
};

const COLUMN_OF: Record<Exclude<Level, "all">, AreaColumn> = { county: "countyId", township: "townshipId", village: "villageId" };
const CHILD_OF: Record<Level, Exclude<Level, "all"> | null> = { all: "county", county: "township", township: "village", village: null };

function quarterStart(today: string): string {
  const month = Number(today.slice(5, 7));
  const q = Math.floor((month - 1) / 3) * 3 + 1;
  return `${today.slice(0, 4)}-${String(q).padStart(2, "0")}-01`;
}

/** The 12 months ending with today's, as YYYY-MM. */
function lastMonths(today: string, n = 12): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const index = year * 12 + (month - 1) - i;
    out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  return out;
}

/**
 * The unit the actor starts at: its own village, township or county; everything only for a
 * system-wide auditor. Any other account without its unit is refused rather than shown every
 * county (actorFromUser builds no such actor; this keeps it so if that ever changes).
 */
function homeUnit(actor: Actor): string | null {
  const home = actor.role === "village_cadre" ? actor.villageId : actor.role === "township_officer" ? actor.townshipId : actor.countyId;
  if (home === null && actor.role !== "auditor") throw new AppError("FORBIDDEN", "账户未配置所属区域，请联系系统管理员。");
  return home;
}

/** The area asked for (or the actor's own), looked up inside the actor's scope: NOT_FOUND outside it. */
async function scopedUnit(actor: Actor, unitId: string | null): Promise<{ unit: DashboardUnit; countyId: string | null }> {
  if (unitId === null) return { unit: { id: null, name: "全部县", level: "all" }, countyId: null };
  // Every dashboard request makes this check: a prepared statement (../sql.ts).
  const scope = orgUnitScopeSql(actor, "o", 2);
  const [row] = await queryRows<{ id: string; name: string; level: "county" | "township" | "village"; countyId: string | null }>(
    statement(`SELECT o.id, o.name, o.level::text AS level, o."countyId" FROM "OrgUnit" o WHERE o.id = $1 AND ${scope.text}`),
    [unitId, ...scope.values],
  );
  if (!row) throw AppError.notFound("区域");
  return { unit: { id: row.id, name: row.name, level: row.level }, countyId: row.countyId };
}

/**
 * The overview dashboard of one area (POLICY issue 8 §1): its figures, its children ranked by
 * outstanding balance, the 12-month trend and the breadcrumbs from the actor's own area down to
 * it. An area outside the actor's scope is NOT_FOUND, as if it did not exist.
 *
 * Served from an in-process cache (overview-cache.ts) while the data has not changed: the role
 * check, the input's validation and the scope check run on every call, then the data version
 * (the audit chain head of the area's county) is read; the figures are computed again only when
 * it moved since they were, or for another actor scope, area or business date.
 */
export const dashboardOverview = defineQuery({
  name: "dashboard.overview",
  roles: DASHBOARD_ROLES,
  input: z.object({ unit: z.string().max(64).optional() }),
  async run({ actor, input, tx, now }) {
    const today = shanghaiToday(now);
    const home = homeUnit(actor);
    const { unit, countyId } = await scopedUnit(actor, input.unit || home);
    // Read before computing: figures computed after it are at least as new as the version they are stored under.
    const version = await versionOf(countyId);
    // Everything the result depends on besides the data: the actor's role and scope (its home area
    // and breadcrumbs), the area, and the business date (overdue days, quarter, year, profile in force).
    const key = JSON.stringify([actor.role, actor.countyId, actor.townshipId, actor.villageId, actor.bankId, unit.id, today]);
    return cached(key, version, () => computeOverview(tx, { home, unit, countyId, today, computedAt: now }));
  },
});

export type DashboardOverview = Awaited<ReturnType<typeof computeOverview>>;

async function computeOverview(
  tx: Tx,
  { home, unit, countyId, today, computedAt }: { home: string | null; unit: DashboardUnit; countyId: string | null; today: string; computedAt: Date },
) {
  // Breadcrumbs: from the actor's home down to the unit (never above what the actor may see).
  const crumbs: DashboardUnit[] = [];
  if (unit.id !== null) {
    let cursor: string | null = unit.id;
    while (cursor) {
      const u: { id: string; name: string; level: "county" | "township" | "village"; parentId: string | null } | null =
        await tx.orgUnit.findUnique({ where: { id: cursor }, select: { id: true, name: true, level: true, parentId: true } });
      if (!u) break;
      crumbs.unshift({ id: u.id, name: u.name, level: u.level });
      if (u.id === home) break;
      cursor = u.parentId;
    }
    if (home === null) crumbs.unshift({ id: null, name: "全部县", level: "all" });
  }

  const profile = countyId ? await activeProfile(tx, countyId, today) : null;
  // Across counties (a system-wide auditor's top level) the common 90 days of POLICY §15.1.
  const nplDays = profile?.settings.breaker.nonPerformingOverdueDays ?? 90;
  const filter = unit.level === "all" ? null : { column: COLUMN_OF[unit.level], id: unit.id! };
  const childLevel = CHILD_OF[unit.level];
  const common = { filter, countyId, today, nplDays, quarterStart: quarterStart(today), yearStart: `${today.slice(0, 4)}-01-01` };

  // The unit's figures and its children's come from the same queries (the total under "").
  const [byChild, children, breaker, trend, fund, credit] = await Promise.all([
    areaFigures(tx, { ...common, group: childLevel ? COLUMN_OF[childLevel] : null }),
    childLevel
      ? tx.orgUnit.findMany({
          where: unit.level === "all" ? { level: "county" } : { parentId: unit.id!, level: childLevel },
          select: { id: true, name: true, level: true },
          orderBy: { code: "asc" },
        })
      : Promise.resolve([]),
    countyId && profile ? countyBreaker(tx, countyId, today, profile) : Promise.resolve([]),
    monthlyTrend(tx, { filter, months: lastMonths(today), today }),
    unit.level === "county" || unit.level === "all"
      ? tx.fundLedgerEntry.aggregate({ _sum: { amount: true }, where: unit.level === "county" ? { countyId: unit.id! } : {} })
      : Promise.resolve(null),
    creditAreas(tx, unit),
  ]);

  const breakerOf = new Map(breaker.map((b) => [b.id, b]));
  const figures = byChild.get("") ?? emptyFigures();
  const self = unit.id ? breakerOf.get(unit.id) : undefined;
  const haltedCount = unit.level === "county" ? breaker.filter((b) => b.tripped).length : null;

  const rows: DashboardChild[] = children.map((c) => {
    const f = byChild.get(c.id) ?? emptyFigures();
    const b = breakerOf.get(c.id);
    return {
      id: c.id,
      name: c.name,
      level: c.level,
      figures: f,
      uptake: ratio(f.borrowers, f.registered),
      nplRatio: ratio(f.npl, f.householdOutstanding),
      halted: b ? b.lendingHalted : null,
      tripped: b ? b.tripped : null,
    };
  });
  // Ranked by outstanding balance, largest first; ties by name.
  rows.sort((a, b) => new D(b.figures.outstanding).comparedTo(a.figures.outstanding) || a.name.localeCompare(b.name, "zh"));

  const fundBalance = fund ? new D(fund._sum.amount?.toString() ?? "0").toFixed(2) : null;
  return {
    today,
    /** When these figures were computed (ISO instant): the cache may serve them later, unchanged. */
    computedAt: computedAt.toISOString(),
    unit,
    crumbs,
    figures,
    uptake: ratio(figures.borrowers, figures.registered),
    nplRatio: ratio(figures.npl, figures.householdOutstanding),
    nplDays,
    breaker: self ? { tripped: self.tripped, halted: self.lendingHalted } : null,
    trippedAreas: haltedCount,
    fundBalance,
    /** Fund ÷ outstanding balance, and its inverse, the leverage (放大倍数). */
    fundRatio: fundBalance === null ? null : ratio(fundBalance, figures.outstanding),
    leverage: fundBalance === null ? null : ratio(figures.outstanding, fundBalance),
    credit,
    childLevel,
    children: rows,
    trend,
  };
}

/** Credit villages and townships (current status) inside the unit. */
async function creditAreas(tx: Tx, unit: DashboardUnit) {
  const where =
    unit.level === "all"
      ? {}
      : unit.level === "county"
        ? { countyId: unit.id! }
        : unit.level === "township"
          ? { OR: [{ orgUnitId: unit.id! }, { orgUnitId: { in: (await tx.orgUnit.findMany({ where: { parentId: unit.id! }, select: { id: true } })).map((u) => u.id) } }] }
          : { orgUnitId: unit.id! };
  const rows = await tx.creditAreaStatus.groupBy({ by: ["level"], where: { ...where, until: null, isCredit: true }, _count: { _all: true } });
  const count = (level: string) => rows.find((r) => r.level === level)?._count._all ?? 0;
  return { villages: count("village"), townships: count("township") };
}
