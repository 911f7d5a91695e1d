import "server-only";
import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { idNumberFor } from "../households/household-view";
import { areaScope } from "../scope";
import { defineQuery } from "../use-case";
import { OPEN_RATING_STATUSES, ratingNumber } from "./rating-records";
import { sheetInForce } from "./sheet-records";

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * A household's credit page: its current grade, its ratings (newest first), and for the village
 * cadre the form of the sheet in force with the answers of the draft or returned rating to redo.
 */
export const getRatingForm = defineQuery({
  name: "credit.getRatingForm",
  roles: ROLES,
  input: z.object({ householdId: z.string() }),
  async run({ actor, input, tx, now }) {
    if (!/^[0-9a-f-]{36}$/i.test(input.householdId)) throw AppError.notFound("农户");
    const household = await tx.household.findFirst({ where: { id: input.householdId, ...areaScope(actor) } });
    if (!household) throw AppError.notFound("农户");
    const ratings = await tx.creditRating.findMany({
      where: { householdId: household.id, ...(actor.role !== "village_cadre" ? { status: { not: "draft" } } : {}) },
      orderBy: { serial: "desc" },
      include: { sheet: { select: { version: true } } },
    });
    const open = ratings.find((r) => (OPEN_RATING_STATUSES as readonly string[]).includes(r.status));
    const editable = actor.role === "village_cadre" && (!open || open.status === "draft" || open.status === "returned");
    const sheet = editable ? await sheetInForce(tx, household.countyId, shanghaiToday(now)) : null;
    const blacklisted = await tx.blacklistEntry.count({ where: { householdId: household.id, status: { in: ["active", "removalPending"] } } });
    return {
      household: { id: household.id, headName: household.headName, idNumber: idNumberFor(actor, household.idNumber),
        grade: household.creditGrade, gradedOn: iso(household.creditGradedOn), blacklisted: blacklisted > 0 },
      ratings: ratings.map((r) => ({
        id: r.id, number: ratingNumber(r.serial), status: r.status, score: r.score.toFixed(2), grade: r.grade,
        ratedOn: iso(r.ratedOn), sheetVersion: r.sheet.version,
      })),
      openRating: open ? { id: open.id, status: open.status, lastReason: open.lastReason } : null,
      form: sheet
        ? { sheetVersion: sheet.version, items: sheet.sheet.items, gradeBands: sheet.sheet.gradeBands,
            answers: open && editable ? (open.answers as Record<string, string>) : {}, ratingId: open && editable ? open.id : null }
        : null,
    };
  },
});
