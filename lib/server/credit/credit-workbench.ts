import "server-only";
import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
import { shanghaiToday } from "../clock";
import { areaScope } from "../scope";
import { defineQuery } from "../use-case";
import { OPEN_RATING_STATUSES, ratingNumber, ratingPublicityNumber } from "./rating-records";
import { sheetInForce } from "./sheet-records";

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * The credit rating page of one actor: a village cadre's households with their grades and
 * ratings in progress; ratings waiting for review, villages with ratings ready for publicity,
 * ratings in publicity, and the publicity rounds, in the actor's scope.
 */
export const creditWorkbench = defineQuery({
  name: "credit.workbench",
  roles: ROLES,
  input: z.object({}).optional().default({}),
  async run({ actor, tx, now }) {
    const scope = areaScope(actor);
    const today = shanghaiToday(now);
    const sheet = actor.countyId ? await sheetInForce(tx, actor.countyId, today).catch(() => null) : null;

    const households = actor.role === "village_cadre"
      ? await tx.household.findMany({
          where: { villageId: actor.villageId ?? "" },
          select: { id: true, headName: true, creditGrade: true, creditGradedOn: true },
          orderBy: [{ headName: "asc" }, { id: "asc" }],
        })
      : [];
    const statuses = OPEN_RATING_STATUSES.filter((s) => actor.role === "village_cadre" || s !== "draft");
    const townshipVillages = scope.townshipId
      ? (await tx.orgUnit.findMany({ where: { parentId: scope.townshipId }, select: { id: true } })).map((v) => v.id)
      : null;
    const [openRatings, rounds] = await Promise.all([
      tx.creditRating.findMany({
        where: { ...scope, status: { in: statuses } },
        orderBy: { serial: "asc" },
        take: 1000,
      }),
      tx.ratingPublicityRound.findMany({
        where: { ...(scope.countyId ? { countyId: scope.countyId } : {}), ...(scope.villageId ? { villageId: scope.villageId } : {}),
          ...(townshipVillages ? { villageId: { in: townshipVillages } } : {}) },
        orderBy: { serial: "desc" },
        take: 50,
        include: { _count: { select: { ratings: true } } },
      }),
    ]);
    const names = await tx.household.findMany({ where: { id: { in: openRatings.map((r) => r.householdId) } }, select: { id: true, headName: true } });
    const units = await tx.orgUnit.findMany({
      where: { id: { in: [...new Set([...openRatings.map((r) => r.villageId), ...rounds.map((r) => r.villageId)])] } },
      select: { id: true, name: true },
    });
    const hName = new Map(names.map((h) => [h.id, h.headName]));
    const vName = new Map(units.map((u) => [u.id, u.name]));
    const row = (r: (typeof openRatings)[number]) => ({
      id: r.id, number: ratingNumber(r.serial), householdId: r.householdId, headName: hName.get(r.householdId) ?? "",
      village: vName.get(r.villageId) ?? "", score: r.score.toFixed(2), grade: r.grade, status: r.status, ratedOn: iso(r.ratedOn),
    });
    const openOf = new Map(openRatings.map((r) => [r.householdId, r]));
    const ready = new Map<string, { villageId: string; village: string; count: number }>();
    for (const r of openRatings.filter((x) => x.status === "approved")) {
      const e = ready.get(r.villageId) ?? { villageId: r.villageId, village: vName.get(r.villageId) ?? "", count: 0 };
      e.count++;
      ready.set(r.villageId, e);
    }
    return {
      role: actor.role,
      sheetVersion: sheet ? { version: sheet.version, effectiveFrom: sheet.effectiveFrom } : null,
      households: households.map((h) => {
        const open = openOf.get(h.id);
        return { id: h.id, headName: h.headName, grade: h.creditGrade, gradedOn: iso(h.creditGradedOn),
          openRating: open ? { id: open.id, status: open.status } : null };
      }),
      toReview: openRatings.filter((r) => r.status === "submitted").map(row),
      returned: openRatings.filter((r) => r.status === "returned").map(row),
      inPublicity: openRatings.filter((r) => r.status === "inPublicity" || r.status === "objection").map(row),
      readyForPublicity: [...ready.values()],
      canOpenPublicity: actor.role === "village_cadre" || actor.role === "township_officer",
      canReview: actor.role === "township_officer",
      rounds: rounds.map((r) => ({
        id: r.id, number: ratingPublicityNumber(r.serial), village: vName.get(r.villageId) ?? "", openedOn: iso(r.openedOn), endsOn: iso(r.endsOn),
        status: r.status, ratings: r._count.ratings,
      })),
    };
  },
});
