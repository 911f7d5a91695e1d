import "server-only";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { userIdInput } from "./user-input";
import { findUserInCounty, userView } from "./user-records";

/** Lifts an administrator's lock or a sign-in lockout, and resets the failure count. */
export const unlockUser = defineMutation({
  name: "user.unlock",
  roles: ["admin"],
  input: userIdInput,
  async run({ actor, input: { id }, tx, now, audit }) {
    const before = await findUserInCounty(tx, actor, id);
    const locked = before.lockedUntil !== null && before.lockedUntil.getTime() > now.getTime();
    if (!locked && before.failedLoginCount === 0) throw new AppError("CONFLICT", "该账户未被锁定。");
    const changed = await tx.user.updateMany({
      where: { id, lockedUntil: before.lockedUntil, failedLoginCount: before.failedLoginCount },
      data: { lockedUntil: null, failedLoginCount: 0 },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT", "该账户状态已被他人修改，请刷新后重试。");
    const after = await tx.user.findUniqueOrThrow({ where: { id } });
    await audit({ action: "user.unlock", entity: "User", entityId: id, countyId: before.countyId, before: userView(before), after: userView(after) });
    return { id };
  },
});
