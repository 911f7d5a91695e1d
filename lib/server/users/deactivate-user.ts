import "server-only";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { userIdInput } from "./user-input";
import { findUserInCounty, notOnSelf, userView } from "./user-records";

/** Deactivates an account (never deleted: the audit trail names it); its sessions end at once. */
export const deactivateUser = defineMutation({
  name: "user.deactivate",
  roles: ["admin"],
  input: userIdInput,
  async run({ actor, input: { id }, tx, audit }) {
    const before = await findUserInCounty(tx, actor, id);
    notOnSelf(actor, id, "停用");
    const changed = await tx.user.updateMany({ where: { id, active: true }, data: { active: false } });
    if (changed.count !== 1) throw new AppError("CONFLICT", "该账户已是停用状态。");
    const after = await tx.user.findUniqueOrThrow({ where: { id } });
    await audit({ action: "user.deactivate", entity: "User", entityId: id, countyId: before.countyId, before: userView(before), after: userView(after) });
    return { id };
  },
});
