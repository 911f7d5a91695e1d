import "server-only";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { findUnitInCounty, orgUnitIdInput } from "./org-unit-records";

/**
 * Takes a township or village out of use. Refused while anything refers to it: households,
 * loan applications or loans, users, a township's villages in use, enterprises registered in
 * the township, banks serving the township.
 */
export const deactivateOrgUnit = defineMutation({
  name: "orgUnit.deactivate",
  roles: ["admin"],
  input: orgUnitIdInput,
  async run({ actor, input: { id }, tx, audit }) {
    const unit = await findUnitInCounty(tx, actor, id);
    const area = unit.level === "village" ? { villageId: id } : { townshipId: id };
    const [households, applications, loans, users, villages, enterprises, banks] = await Promise.all([
      tx.household.count({ where: area }),
      tx.application.count({ where: area }),
      tx.loan.count({ where: area }),
      tx.user.count({ where: { orgUnitId: id, active: true } }),
      unit.level === "township" ? tx.orgUnit.count({ where: { parentId: id, active: true } }) : 0,
      unit.level === "township" ? tx.enterprise.count({ where: { townshipId: id } }) : 0,
      unit.level === "township" ? tx.bankTownship.count({ where: { townshipId: id } }) : 0,
    ]);
    const reasons = [
      households && `有 ${households} 户农户`,
      applications && `有 ${applications} 笔贷款申请`,
      loans && `有 ${loans} 笔贷款`,
      users && `有 ${users} 个在用账户`,
      villages && `下辖 ${villages} 个在用的村`,
      enterprises && `有 ${enterprises} 家带贫企业`,
      banks && `有 ${banks} 家合作银行包干该乡镇`,
    ].filter(Boolean);
    if (reasons.length > 0) {
      throw new AppError("RULE_VIOLATION", `“${unit.name}”${reasons.join("、")}，不能停用。`);
    }
    const changed = await tx.orgUnit.updateMany({ where: { id, active: true }, data: { active: false } });
    if (changed.count !== 1) throw new AppError("CONFLICT", "该机构已是停用状态。");
    await audit({ action: "orgUnit.deactivate", entity: "OrgUnit", entityId: id, countyId: unit.countyId, before: { active: true }, after: { active: false } });
    return { id };
  },
});
