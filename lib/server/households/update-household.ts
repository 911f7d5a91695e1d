import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { areaScope } from "../scope";
import { defineMutation } from "../use-case";
import { duplicateIdNumber, onHouseholdUnique } from "./household-errors";
import { householdFields } from "./household-input";
import { versionField } from "../validation";

const input = householdFields.extend({
  id: z.string().uuid("记录编号无效"),
  version: versionField,
});

/** Edits a household in scope; the version makes two concurrent edits one success and one conflict. */
export const updateHousehold = defineMutation({
  name: "household.update",
  roles: ["village_cadre"],
  input,
  onUniqueViolation: onHouseholdUnique,
  async run({ actor, input: { id, version, ...fields }, tx, audit }) {
    const before = await tx.household.findFirst({ where: { id, ...areaScope(actor) } });
    if (!before) throw AppError.notFound("农户");
    if (fields.idNumber !== before.idNumber) {
      const duplicate = await tx.household.findFirst({ where: { countyId: before.countyId, idNumber: fields.idNumber }, select: { id: true } });
      if (duplicate) throw duplicateIdNumber();
    }
    const updated = await tx.household.updateMany({
      where: { id, version, ...areaScope(actor) },
      data: { ...fields, version: { increment: 1 } },
    });
    if (updated.count !== 1) {
      throw new AppError("CONFLICT", "该农户信息已被他人修改，请刷新页面后再编辑。");
    }
    const after = await tx.household.findUniqueOrThrow({ where: { id } });
    await audit({ action: "household.update", entity: "Household", entityId: id, countyId: after.countyId, before, after });
    return { id };
  },
});
