import "server-only";
import { z } from "zod";
import { D } from "@/lib/domain/decimal";
import { shanghaiToday } from "../clock";
import { iso } from "../loans/loan-records";
import { activeProfile } from "../policy/active-profile";
import { defineQuery } from "../use-case";
import { countyBreaker } from "./area-breaker";
import { countyLenderBreaker } from "./lender-breaker";

export const BREAKER_LEVEL_LABELS = { township: "乡镇", village: "村", lender: "放贷机构" } as const;

/**
 * The county's circuit breaker page (POLICY §9, §15.1): every township, village and lender with
 * its NPL ratio, threshold and status, nearest to tripping first (tripped ones on top), and the
 * history of trips and resumptions.
 */
export const breakerOverview = defineQuery({
  name: "breaker.overview",
  roles: ["county_officer", "bank_officer", "finance_officer", "township_officer", "auditor"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx, now }) {
    const countyId = actor.countyId ?? "";
    const today = shanghaiToday(now);
    const profile = await activeProfile(tx, countyId, today);
    const { breaker } = profile.settings;
    const [areas, lenders, units, events] = await Promise.all([
      countyBreaker(tx, countyId, today, profile),
      countyLenderBreaker(tx, countyId, today, profile),
      tx.orgUnit.findMany({ where: { countyId, level: { in: ["township", "village"] } }, select: { id: true, name: true, level: true, parentId: true } }),
      tx.breakerEvent.findMany({ where: { countyId }, orderBy: [{ on: "desc" }, { at: "desc" }], take: 200 }),
    ]);
    const unit = new Map(units.map((u) => [u.id, u]));
    const bankNames = new Map((await tx.bank.findMany({ where: { countyId } })).map((b) => [b.id, b.name]));
    const visible = (id: string) => {
      if (actor.role !== "township_officer") return true;
      const u = unit.get(id);
      return u?.id === actor.townshipId || u?.parentId === actor.townshipId;
    };
    type Row = { id: string; name: string; level: keyof typeof BREAKER_LEVEL_LABELS; parent: string; ratio: string; threshold: string | null; tripped: boolean; halted: boolean; gap: string | null };
    const gap = (ratio: string, threshold: string | null) => (threshold === null ? null : new D(threshold).minus(ratio).toFixed(4));
    const rows: Row[] = [
      ...areas.filter((a) => visible(a.id)).map((a) => {
        const u = unit.get(a.id);
        const level = (u?.level ?? "village") as "township" | "village";
        const threshold = breaker[level];
        return {
          id: a.id, name: u?.name ?? a.id, level, parent: level === "village" ? (unit.get(u?.parentId ?? "")?.name ?? "") : "",
          ratio: a.nplRatio, threshold, tripped: a.tripped, halted: a.lendingHalted, gap: gap(a.nplRatio, threshold),
        };
      }),
      ...lenders.map((l) => ({
        id: l.id, name: l.name, level: "lender" as const, parent: "", ratio: l.nplRatio, threshold: breaker.lender,
        tripped: l.tripped, halted: l.tripped, gap: gap(l.nplRatio, breaker.lender),
      })),
    ];
    // Tripped first, then the smallest gap to the threshold; levels without a threshold last.
    rows.sort((a, b) => {
      if (a.tripped !== b.tripped) return a.tripped ? -1 : 1;
      if (a.gap === null || b.gap === null) return a.gap === null ? (b.gap === null ? a.name.localeCompare(b.name) : 1) : -1;
      const d = new D(a.gap).comparedTo(b.gap);
      return d !== 0 ? d : a.name.localeCompare(b.name);
    });
    return {
      today,
      rule: { township: breaker.township, village: breaker.village, lender: breaker.lender, comparison: breaker.comparison, nonPerformingOverdueDays: breaker.nonPerformingOverdueDays },
      rows,
      history: events.filter((e) => e.level === "lender" || visible(e.areaId)).map((e) => ({
        id: e.id, on: iso(e.on), level: e.level as keyof typeof BREAKER_LEVEL_LABELS,
        name: e.level === "lender" ? (bankNames.get(e.areaId) ?? e.areaId) : (unit.get(e.areaId)?.name ?? e.areaId),
        tripped: e.tripped, ratio: e.ratio.toFixed(4),
      })),
    };
  },
});
