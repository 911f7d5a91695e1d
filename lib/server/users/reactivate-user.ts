import "server-only";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { userIdInput } from "./user-input";
import { findUserInCounty, userView } from "./user-records";

/** Brings a deactivated account back; its unit (and bank) must still be in use. */
export const reactivateUser = defineMutation({
  name: "user.reactivate",
  roles: ["admin"],
  input: userIdInput,
  async run({ actor, input: { id }, tx, audit }) {
    const before = await findUserInCounty(tx, actor, id);
    const unit = before.orgUnitId ? await tx.orgUnit.findUnique({ where: { id: before.orgUnitId } }) : null;
    if (!unit?.active) throw new AppError("RULE_VIOLATION", "该用户所属机构已停用，不能启用账户。");
    if (before.bankId) {
      const bank = await tx.bank.findUnique({ where: { id: before.bankId } });
      if (!bank?.active) throw new AppError("RULE_VIOLATION", "该用户所属合作银行已停用，不能启用账户。");
    }
    const changed = await tx.user.updateMany({ where: { id, active: false }, data: { active: true } });
    if (changed.count !== 1) throw new AppError("CONFLICT", "该账户已是启用状态。");
    const after = await tx.user.findUniqueOrThrow({ where: { id } });
    await audit({ action: "user.reactivate", entity: "User", entityId: id, countyId: before.countyId, before: userView(before), after: userView(after) });
    return { id };
  },
});
