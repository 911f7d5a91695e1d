import "server-only";
import type { Tx } from "../db";
import type { ActiveProfile } from "../policy/active-profile";
import { countyBreaker } from "./area-breaker";
import { countyLenderBreaker } from "./lender-breaker";

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/**
 * Evaluates the county's breaker (areas and lenders) as of `today` and records a BreakerEvent for
 * every area or lender whose state changed since its last event (an area with no event yet is
 * taken as not tripped). Returns the events written.
 */
export async function refreshBreaker(tx: Tx, countyId: string, today: string, profile: ActiveProfile) {
  const [areas, lenders, units] = await Promise.all([
    countyBreaker(tx, countyId, today, profile),
    countyLenderBreaker(tx, countyId, today, profile),
    tx.orgUnit.findMany({ where: { countyId, level: { in: ["township", "village"] } }, select: { id: true, level: true } }),
  ]);
  const levelOf = new Map(units.map((u) => [u.id, u.level as string]));
  const last = await tx.$queryRaw<{ areaId: string; tripped: boolean }[]>`
    SELECT DISTINCT ON ("areaId") "areaId", tripped FROM "BreakerEvent"
    WHERE "countyId" = ${countyId} ORDER BY "areaId", "on" DESC, at DESC`;
  const wasTripped = new Map(last.map((e) => [e.areaId, e.tripped]));
  const current = [
    ...areas.map((a) => ({ areaId: a.id, level: levelOf.get(a.id) ?? "village", tripped: a.tripped, ratio: a.nplRatio })),
    ...lenders.map((l) => ({ areaId: l.id, level: "lender", tripped: l.tripped, ratio: l.nplRatio })),
  ];
  const changed = current.filter((c) => (wasTripped.get(c.areaId) ?? false) !== c.tripped);
  if (changed.length > 0) {
    await tx.breakerEvent.createMany({ data: changed.map((c) => ({ countyId, areaId: c.areaId, level: c.level, tripped: c.tripped, ratio: c.ratio, on: day(today) })) });
  }
  return changed;
}
