import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { areaScope } from "../scope";
import { defineQuery } from "../use-case";
import { idNumberFor } from "./household-view";

/**
 * One household in scope; out of scope is "not found". `forEdit` returns the full ID number,
 * which only the village cadre who may edit it gets.
 */
export const getHousehold = defineQuery({
  name: "household.get",
  roles: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor", "admin"],
  input: z.object({ id: z.string(), forEdit: z.boolean().optional().default(false) }),
  async run({ actor, input: { id, forEdit }, tx }) {
    if (!z.string().uuid().safeParse(id).success) throw AppError.notFound("农户");
    const household = await tx.household.findFirst({ where: { id, ...areaScope(actor) } });
    if (!household) throw AppError.notFound("农户");
    if (forEdit && actor.role !== "village_cadre") throw AppError.notFound("农户");
    const units = await tx.orgUnit.findMany({
      where: { id: { in: [household.villageId, household.townshipId] } },
      select: { id: true, name: true },
    });
    const name = new Map(units.map((u) => [u.id, u.name]));
    return {
      ...household,
      idNumber: forEdit ? household.idNumber : idNumberFor(actor, household.idNumber),
      villageName: name.get(household.villageId) ?? "",
      townshipName: name.get(household.townshipId) ?? "",
      canEdit: actor.role === "village_cadre",
    };
  },
});
