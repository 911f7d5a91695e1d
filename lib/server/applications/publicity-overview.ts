import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { areaScope } from "../scope";
import { activeProfile } from "../policy/active-profile";
import { defineQuery } from "../use-case";
import { applicantNames } from "./applicant-names";
import { applicationNumber, publicityNumber } from "./application-number";

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Applications ready for publicity, and the publicity rounds in the actor's scope. */
export const publicityOverview = defineQuery({
  name: "publicity.overview",
  roles: ["village_cadre", "township_officer", "county_officer", "auditor"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx, now }) {
    const scope = areaScope(actor);
    const [ready, rounds] = await Promise.all([
      tx.application.findMany({ where: { ...scope, status: "townshipReviewed" }, orderBy: { serial: "asc" }, take: 500 }),
      tx.publicityRound.findMany({
        where: {
          countyId: actor.countyId ?? undefined,
          ...(scope.townshipId ? { OR: [{ townshipId: scope.townshipId }, { applications: { some: { townshipId: scope.townshipId } } }] } : {}),
          ...(scope.villageId ? { applications: { some: { villageId: scope.villageId } } } : {}),
        },
        orderBy: { serial: "desc" },
        take: 50,
        include: { _count: { select: { applications: true } } },
      }),
    ]);
    const applicant = await applicantNames(tx, ready);
    const villages = await tx.orgUnit.findMany({ where: { id: { in: ready.flatMap((a) => (a.villageId ? [a.villageId] : [])) } }, select: { id: true, name: true } });
    const vName = new Map(villages.map((v) => [v.id, v.name]));
    const runBy = actor.countyId ? (await activeProfile(tx, actor.countyId, shanghaiToday(now)).catch(() => null))?.settings.process.publicityRunBy : null;
    return {
      canOpen: (runBy === "township" && actor.role === "township_officer") || (runBy === "county" && actor.role === "county_officer"),
      ready: ready.map((a) => ({
        id: a.id, number: applicationNumber(a.serial), applicant: applicant.get(a.id) ?? "",
        village: a.villageId ? (vName.get(a.villageId) ?? "") : "", amount: a.amount.toFixed(2), termMonths: a.termMonths,
      })),
      rounds: rounds.map((r) => ({
        id: r.id, number: publicityNumber(r.serial), openedOn: iso(r.openedOn), endsOn: iso(r.endsOn), status: r.status, applications: r._count.applications,
      })),
    };
  },
});
