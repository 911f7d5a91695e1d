import "server-only";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { findUnitInCounty, orgUnitIdInput } from "./org-unit-records";

/** Puts a township or village back in use; a village's township must be in use. */
export const reactivateOrgUnit = defineMutation({
  name: "orgUnit.reactivate",
  roles: ["admin"],
  input: orgUnitIdInput,
  async run({ actor, input: { id }, tx, audit }) {
    const unit = await findUnitInCounty(tx, actor, id);
    if (unit.level === "village" && unit.parentId) {
      const township = await tx.orgUnit.findUnique({ where: { id: unit.parentId } });
      if (!township?.active) throw new AppError("RULE_VIOLATION", "所属乡镇已停用，请先启用乡镇。");
    }
    const changed = await tx.orgUnit.updateMany({ where: { id, active: false }, data: { active: true } });
    if (changed.count !== 1) throw new AppError("CONFLICT", "该机构已是在用状态。");
    await audit({ action: "orgUnit.reactivate", entity: "OrgUnit", entityId: id, countyId: unit.countyId, before: { active: false }, after: { active: true } });
    return { id };
  },
});
