import "server-only";
import { z } from "zod";
import { defaultIndicatorSheet, gradeBandsFromMinima, validateSheet } from "@/lib/domain/credit";
import { ROLES } from "@/lib/domain/roles";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { defineQuery } from "../use-case";
import { toVersion, type StoredSheet } from "./sheet-records";

/**
 * The county's indicator sheet versions, newest first, which one is in force today, and the
 * starting point of a new version: the latest version, or the default sheet with the profile's bands.
 */
export const listIndicatorSheets = defineQuery({
  name: "credit.listIndicatorSheets",
  roles: ROLES,
  input: z.object({}).optional().default({}),
  async run({ actor, tx, now }) {
    const countyId = actor.countyId;
    if (!countyId) throw new AppError("FORBIDDEN", "账户未配置所属县，请联系系统管理员。");
    const today = shanghaiToday(now);
    const rows = await tx.indicatorSheet.findMany({ where: { countyId }, orderBy: { version: "desc" } });
    const versions = rows.map(toVersion);
    const inForce = versions
      .filter((v) => v.effectiveFrom <= today)
      .sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? b.version - a.version : b.effectiveFrom.localeCompare(a.effectiveFrom)))[0];
    let start: StoredSheet;
    if (versions[0]) start = versions[0].sheet;
    else {
      const profile = await activeProfile(tx, countyId, today).catch(() => null);
      const bands = profile ? gradeBandsFromMinima(profile.settings.credit.bands) : gradeBandsFromMinima({ AAA: 90, AA: 80, A: 70, B: 60 });
      start = { items: [...defaultIndicatorSheet.items], gradeBands: bands };
    }
    const ratings = await tx.creditRating.groupBy({ by: ["sheetId"], where: { countyId }, _count: { _all: true } });
    const used = new Map(ratings.map((r) => [r.sheetId, r._count._all]));
    return {
      today,
      canEdit: actor.role === "admin",
      inForceId: inForce?.id ?? null,
      versions: versions.map((v) => ({ ...v, maxScore: validateSheet(v.sheet).maxScore, ratings: used.get(v.id) ?? 0 })),
      start,
    };
  },
});
