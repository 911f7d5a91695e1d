import "server-only";
import type { CreditRating } from "@/generated/prisma/client";
import type { AuditInput } from "../audit";
import { now as clockNow, shanghaiToday } from "../clock";
import { lockKey } from "../concurrency";
import type { Tx } from "../db";
import { activeProfile } from "../policy/active-profile";
import { queryRows, statement } from "../sql";
import { runSystemTask } from "../use-case";
import { refreshCreditAreaHistory } from "./credit-areas";
import { moveRating } from "./rating-records";

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A rating becomes final: the household's previous final rating is superseded and its current
 * grade (Household.creditGrade, which loan eligibility reads) becomes this rating's grade.
 */
export async function finaliseRating(tx: Tx, audit: (entry: AuditInput) => Promise<void>, rating: CreditRating, today: string, comment: string) {
  const previous = await tx.creditRating.findMany({ where: { householdId: rating.householdId, status: "final", id: { not: rating.id } } });
  for (const p of previous) {
    await moveRating({ tx, audit, rating: p, from: ["final"], to: "superseded", action: "credit.supersedeRating", comment: "已有新的评级生效" });
  }
  await moveRating({ tx, audit, rating, from: ["inPublicity"], to: "final", action: "credit.finaliseRating", comment });
  const household = await tx.household.findUniqueOrThrow({ where: { id: rating.householdId } });
  await tx.household.update({
    where: { id: household.id },
    data: { creditGrade: rating.grade, creditGradedOn: new Date(`${today}T00:00:00Z`), version: { increment: 1 } },
  });
  await audit({ action: "household.creditGrade", entity: "Household", entityId: household.id, countyId: household.countyId,
    before: { creditGrade: household.creditGrade }, after: { creditGrade: rating.grade, creditGradedOn: today, ratingId: rating.id } });
}

const DUE = `SELECT EXISTS (SELECT 1 FROM "RatingPublicityRound" WHERE status = 'open' AND "endsOn" < $1::date`;
const ANY_DUE = statement(`${DUE}) AS any`);
const ANY_DUE_IN_COUNTY = statement(`${DUE} AND "countyId" = $2) AS any`);

/**
 * When a rating publicity period has ended, every rating in it without an open objection becomes
 * final (§15.8), the credit village/township history is brought up to date, and a round with
 * nothing left in publicity closes. Run on access by the credit pages: no one presses a button.
 */
export async function settleDueRatingPublicity(countyId: string | null): Promise<number> {
  // Most page views find nothing due: say so without a transaction or a lock, in one prepared
  // look-up (../sql.ts).
  const today = shanghaiToday(clockNow());
  const [due] = countyId === null ? await queryRows<{ any: boolean }>(ANY_DUE, [today]) : await queryRows<{ any: boolean }>(ANY_DUE_IN_COUNTY, [today, countyId]);
  if (!due?.any) return 0;
  return runSystemTask("credit.settleRatingPublicity", async ({ tx, audit, now }) => {
    // Two pages loaded at once settle one after the other: the second finds nothing left to do.
    await lockKey(tx, "credit.settleRatingPublicity");
    const today = shanghaiToday(now);
    const rounds = await tx.ratingPublicityRound.findMany({
      where: { status: "open", endsOn: { lt: new Date(`${today}T00:00:00Z`) }, ...(countyId ? { countyId } : {}) },
      include: { ratings: { where: { status: { in: ["inPublicity", "objection"] } } } },
    });
    let finalised = 0;
    const touched = new Map<string, Set<string>>();
    for (const round of rounds) {
      for (const rating of round.ratings.filter((r) => r.status === "inPublicity")) {
        const openObjections = await tx.ratingObjection.count({ where: { ratingId: rating.id, status: "open" } });
        if (openObjections > 0) continue;
        await finaliseRating(tx, audit, rating, today, `公示期（至 ${iso(round.endsOn)}）届满无异议`);
        finalised++;
        const set = touched.get(rating.countyId) ?? new Set<string>();
        set.add(rating.townshipId);
        touched.set(rating.countyId, set);
      }
      const remaining = await tx.creditRating.count({ where: { publicityRoundId: round.id, status: { in: ["inPublicity", "objection"] } } });
      if (remaining === 0) {
        await tx.ratingPublicityRound.update({ where: { id: round.id }, data: { status: "closed", closedAt: now } });
        await audit({ action: "credit.closeRatingPublicity", entity: "RatingPublicityRound", entityId: round.id, countyId: round.countyId });
      }
    }
    for (const [county, townships] of touched) {
      const profile = await activeProfile(tx, county, today).catch(() => null);
      await refreshCreditAreaHistory({ tx, countyId: county, townshipIds: [...townships], today, profile, audit });
    }
    return finalised;
  });
}
