import "server-only";
import { z } from "zod";
import { maskIdCard } from "@/lib/domain/identity";
import { AppError } from "../errors";
import { areaScope } from "../scope";
import { defineQuery } from "../use-case";
import { ratingPublicityNumber } from "./rating-records";

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The printable 评级公示 of one village's round: households, masked ID numbers, scores and grades. */
export const getRatingPublicityNotice = defineQuery({
  name: "credit.ratingPublicityNotice",
  roles: ["village_cadre", "township_officer", "county_officer", "auditor"],
  input: z.object({ id: z.string() }),
  async run({ actor, input, tx }) {
    if (!/^[0-9a-f-]{36}$/i.test(input.id)) throw AppError.notFound("公示");
    const round = await tx.ratingPublicityRound.findUnique({ where: { id: input.id } });
    if (!round) throw AppError.notFound("公示");
    // AND, not a spread: a village cadre's scope is itself an `id`, which would replace the round's
    // village and show any village's notice to every village cadre.
    const village = await tx.orgUnit.findFirst({ where: { AND: [{ id: round.villageId }, areaScopeOfUnit(areaScope(actor))] } });
    if (!village) throw AppError.notFound("公示");
    const township = village.parentId ? await tx.orgUnit.findUnique({ where: { id: village.parentId } }) : null;
    const ratings = await tx.creditRating.findMany({ where: { publicityRoundId: round.id }, orderBy: { serial: "asc" } });
    const households = await tx.household.findMany({ where: { id: { in: ratings.map((r) => r.householdId) } }, select: { id: true, headName: true, idNumber: true } });
    const hOf = new Map(households.map((h) => [h.id, h]));
    return {
      id: round.id,
      number: ratingPublicityNumber(round.serial),
      township: township?.name ?? "",
      village: village.name,
      openedOn: iso(round.openedOn),
      endsOn: iso(round.endsOn),
      issuingUnit: `${village.name}村级金融扶贫服务部`,
      objectionContact: `${village.name}村级金融扶贫服务部或${township?.name ?? ""}金融扶贫服务站`,
      rows: ratings.map((r) => ({
        id: r.id, name: hOf.get(r.householdId)?.headName ?? "", idNumber: maskIdCard(hOf.get(r.householdId)?.idNumber ?? ""),
        score: r.score.toFixed(2), grade: r.grade,
      })),
    };
  },
});

/** The actor's area scope read on an org unit row (the village itself, its township, its county). */
function areaScopeOfUnit(scope: { countyId?: string; townshipId?: string; villageId?: string }) {
  if (scope.villageId) return { id: scope.villageId };
  if (scope.townshipId) return { parentId: scope.townshipId };
  if (scope.countyId) return { countyId: scope.countyId };
  return {};
}
