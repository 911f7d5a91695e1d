import "server-only";
import { defineQuery } from "../use-case";
import { userStatus } from "./list-users";
import { userIdInput } from "./user-input";
import { findUserInCounty } from "./user-records";

/** One user of the admin's county, with what the admin may do to it. */
export const getUser = defineQuery({
  name: "user.get",
  roles: ["admin"],
  input: userIdInput,
  async run({ actor, input: { id }, tx, now }) {
    const user = await findUserInCounty(tx, actor, id);
    const [unit, bank] = await Promise.all([
      user.orgUnitId ? tx.orgUnit.findUnique({ where: { id: user.orgUnitId }, select: { name: true, code: true } }) : null,
      user.bankId ? tx.bank.findUnique({ where: { id: user.bankId }, select: { name: true } }) : null,
    ]);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      phone: user.phone,
      role: user.role,
      unitName: unit?.name ?? "",
      unitCode: unit?.code ?? "",
      bankName: bank?.name ?? null,
      status: userStatus(user, now),
      lockedUntil: user.lockedUntil,
      failedLoginCount: user.failedLoginCount,
      mustChangePassword: user.mustChangePassword,
      lastLoginAt: user.lastLoginAt,
      passwordChangedAt: user.passwordChangedAt,
      createdAt: user.createdAt,
      isSelf: user.id === actor.userId,
    };
  },
});
