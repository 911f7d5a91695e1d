import "server-only";
import { z } from "zod";
import { scoreSheet } from "@/lib/domain/credit";
import { ROLES } from "@/lib/domain/roles";
import { idNumberFor } from "../households/household-view";
import { defineQuery } from "../use-case";
import { loadRatingInScope, ratingNumber, ratingPublicityNumber } from "./rating-records";
import { answerText, toVersion } from "./sheet-records";

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** One rating: household, each item's answer and points, status, objections, and its history from the audit trail. */
export const getRating = defineQuery({
  name: "credit.getRating",
  roles: ROLES,
  input: z.object({ id: z.string() }),
  async run({ actor, input, tx }) {
    const rating = await loadRatingInScope(tx, actor, input.id);
    const [household, sheetRow, objections, events, round, units] = await Promise.all([
      tx.household.findUniqueOrThrow({ where: { id: rating.householdId } }),
      tx.indicatorSheet.findUniqueOrThrow({ where: { id: rating.sheetId } }),
      tx.ratingObjection.findMany({ where: { ratingId: rating.id }, orderBy: { recordedAt: "asc" } }),
      tx.auditEvent.findMany({ where: { entity: "CreditRating", entityId: rating.id }, orderBy: { id: "asc" } }),
      rating.publicityRoundId ? tx.ratingPublicityRound.findUnique({ where: { id: rating.publicityRoundId } }) : null,
      tx.orgUnit.findMany({ where: { id: { in: [rating.villageId, rating.townshipId] } }, select: { id: true, name: true } }),
    ]);
    const users = await tx.user.findMany({
      where: { id: { in: [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))] } },
      select: { id: true, displayName: true },
    });
    const userName = new Map(users.map((u) => [u.id, u.displayName]));
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const version = toVersion(sheetRow);
    const answers = rating.answers as Record<string, string>;
    const scored = scoreSheet(version.sheet, answers, { gradeBands: version.sheet.gradeBands, allowMissing: true });
    return {
      id: rating.id,
      number: ratingNumber(rating.serial),
      status: rating.status,
      score: rating.score.toFixed(2),
      grade: rating.grade,
      ratedOn: iso(rating.ratedOn),
      lastReason: rating.lastReason,
      sheetVersion: version.version,
      household: { id: household.id, headName: household.headName, idNumber: idNumberFor(actor, household.idNumber),
        village: `${unitName.get(rating.townshipId) ?? ""} ${unitName.get(rating.villageId) ?? ""}`, currentGrade: household.creditGrade },
      items: scored.perItem.map((p) => ({ ...p, answerText: answerText(version.sheet, p.key, p.answer) })),
      round: round ? { id: round.id, number: ratingPublicityNumber(round.serial), openedOn: iso(round.openedOn), endsOn: iso(round.endsOn) } : null,
      objections: objections.map((o) => ({
        id: o.id, objector: o.objector, content: o.content, receivedOn: iso(o.receivedOn), status: o.status, resolution: o.resolution,
      })),
      history: events.map((e) => ({
        at: e.at.toISOString(), action: e.action, actor: e.actorId ? (userName.get(e.actorId) ?? "") : "系统",
        status: (e.after as { status?: string } | null)?.status ?? null, comment: (e.after as { comment?: string } | null)?.comment ?? null,
      })),
      can: {
        edit: actor.role === "village_cadre" && (rating.status === "draft" || rating.status === "returned"),
        review: actor.role === "township_officer" && rating.status === "submitted",
        recordObjection: ["village_cadre", "township_officer", "county_officer"].includes(actor.role) && (rating.status === "inPublicity" || rating.status === "objection"),
        resolveObjection: ["township_officer", "county_officer"].includes(actor.role) && rating.status === "objection",
      },
    };
  },
});
