import "server-only";
import { z } from "zod";
import { publicityEndsOn } from "@/lib/domain/workflow";
import { shanghaiToday } from "../clock";
import { lockKey } from "../concurrency";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { countyCalendar } from "../policy/county-calendar";
import { orgUnitScope } from "../scope";
import { defineMutation } from "../use-case";
import { moveRating } from "./rating-records";

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/**
 * Publicity of a village's approved ratings (评级公示, issue 5 step 3): every approved rating of
 * the village goes into one round lasting the profile's publicity working days, counted from
 * the day after opening with the county's holiday calendar.
 */
export const openRatingPublicity = defineMutation({
  name: "credit.openRatingPublicity",
  roles: ["village_cadre", "township_officer"],
  input: z.object({ villageId: z.string({ error: "请选择村" }) }),
  async run({ actor, input, tx, audit, now }) {
    if (!/^[0-9a-f-]{36}$/i.test(input.villageId)) throw AppError.notFound("村");
    // AND, not a spread: a village cadre's scope is itself an `id`, which would replace the one asked for.
    const village = await tx.orgUnit.findFirst({ where: { AND: [{ id: input.villageId, level: "village" }, orgUnitScope(actor)] } });
    if (!village || !village.countyId) throw AppError.notFound("村");
    await lockKey(tx, `ratingPublicity:${village.id}`);
    const ratings = await tx.creditRating.findMany({ where: { villageId: village.id, status: "approved" }, orderBy: { serial: "asc" } });
    if (ratings.length === 0) throw new AppError("RULE_VIOLATION", `${village.name}没有待公示的评级（须经乡镇审核通过）。`);
    const today = shanghaiToday(now);
    const profile = await activeProfile(tx, village.countyId, today);
    const endsOn = publicityEndsOn(today, await countyCalendar(tx, village.countyId), profile.settings.process.publicityWorkingDays);
    const round = await tx.ratingPublicityRound.create({
      data: { countyId: village.countyId, villageId: village.id, openedById: actor.userId, openedOn: day(today), endsOn: day(endsOn) },
    });
    for (const rating of ratings) {
      await moveRating({ tx, audit, rating, from: ["approved"], to: "inPublicity", action: "credit.startRatingPublicity",
        data: { publicityRoundId: round.id }, comment: `公示期至 ${endsOn}` });
    }
    await audit({ action: "credit.openRatingPublicity", entity: "RatingPublicityRound", entityId: round.id, countyId: round.countyId,
      after: { villageId: village.id, openedOn: today, endsOn, ratings: ratings.length } });
    return { id: round.id, endsOn, ratings: ratings.length };
  },
});
