import "server-only";
import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { defineQuery } from "../use-case";
import { computeCreditAreas, thresholds } from "./credit-areas";

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * Credit villages and townships of the county (county → township → village) from the current
 * grades, with when each status was gained or lost (CreditAreaStatus history). A township
 * officer sees their township, a village cadre their village's township.
 */
export const creditOverview = defineQuery({
  name: "credit.overview",
  roles: ROLES,
  input: z.object({}).optional().default({}),
  async run({ actor, tx, now }) {
    const countyId = actor.countyId;
    if (!countyId) throw new AppError("FORBIDDEN", "账户未配置所属县，请联系系统管理员。");
    const today = shanghaiToday(now);
    const profile = await activeProfile(tx, countyId, today).catch(() => null);
    const townshipIds = actor.townshipId ? [actor.townshipId] : undefined;
    const areas = await computeCreditAreas(tx, countyId, profile, townshipIds);
    const history = await tx.creditAreaStatus.findMany({ where: { orgUnitId: { in: areas.map((a) => a.id) } }, orderBy: { since: "asc" } });
    const historyOf = new Map<string, typeof history>();
    for (const h of history) historyOf.set(h.orgUnitId, [...(historyOf.get(h.orgUnitId) ?? []), h]);
    const view = (a: (typeof areas)[number]) => {
      const rows = historyOf.get(a.id) ?? [];
      const open = rows.find((r) => r.until === null);
      return {
        ...a,
        since: open && open.isCredit === a.isCredit ? iso(open.since) : null,
        history: rows.map((r) => ({ isCredit: r.isCredit, since: iso(r.since), until: iso(r.until), ratio: r.ratio.toFixed(4), members: r.members, credited: r.credited })),
      };
    };
    const townships = areas.filter((a) => a.level === "township").map((t) => ({
      ...view(t),
      villages: areas.filter((v) => v.level === "village" && v.parentId === t.id).map(view),
    }));
    const t = thresholds(profile);
    return {
      thresholds: t,
      townships,
      county: { townships: townships.length, creditTownships: townships.filter((x) => x.isCredit).length,
        villages: areas.filter((a) => a.level === "village").length, creditVillages: areas.filter((a) => a.level === "village" && a.isCredit).length },
    };
  },
});
