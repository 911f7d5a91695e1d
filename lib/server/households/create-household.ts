import "server-only";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { duplicateIdNumber, onHouseholdUnique } from "./household-errors";
import { householdFields } from "./household-input";

/** A village cadre registers a household of their own village (the village comes from the actor). */
export const createHousehold = defineMutation({
  name: "household.create",
  roles: ["village_cadre"],
  input: householdFields,
  onUniqueViolation: onHouseholdUnique,
  async run({ actor, input, tx, audit }) {
    const village = await tx.orgUnit.findFirst({ where: { id: actor.villageId ?? "", level: "village", active: true } });
    if (!village?.parentId || !village.countyId) throw new AppError("FORBIDDEN", "您的账户未关联有效的村，无法登记农户。");
    // Matched by the ID number's keyed hash (the number itself is stored encrypted).
    const duplicate = await tx.household.findFirst({ where: { countyId: village.countyId, idNumber: input.idNumber }, select: { id: true } });
    if (duplicate) throw duplicateIdNumber();
    const household = await tx.household.create({
      data: { ...input, villageId: village.id, townshipId: village.parentId, countyId: village.countyId },
    });
    await audit({ action: "household.create", entity: "Household", entityId: household.id, countyId: household.countyId, after: household });
    return { id: household.id };
  },
});
