import "server-only";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { ADMIN_LOCK_UNTIL, isAdminLocked } from "./admin-lock";
import { userIdInput } from "./user-input";
import { findUserInCounty, notOnSelf, userView } from "./user-records";

/** Locks an account until an admin unlocks it; its open sessions end at their next request. */
export const lockUser = defineMutation({
  name: "user.lock",
  roles: ["admin"],
  input: userIdInput,
  async run({ actor, input: { id }, tx, audit }) {
    const before = await findUserInCounty(tx, actor, id);
    notOnSelf(actor, id, "锁定");
    if (isAdminLocked(before.lockedUntil)) throw new AppError("CONFLICT", "该账户已处于锁定状态。");
    const changed = await tx.user.updateMany({
      where: { id, lockedUntil: before.lockedUntil },
      data: { lockedUntil: ADMIN_LOCK_UNTIL },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT", "该账户状态已被他人修改，请刷新后重试。");
    const after = await tx.user.findUniqueOrThrow({ where: { id } });
    await audit({ action: "user.lock", entity: "User", entityId: id, countyId: before.countyId, before: userView(before), after: userView(after) });
    return { id };
  },
});
