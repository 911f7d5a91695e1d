import "server-only";
import { ROLE_ORG_LEVEL } from "../actor";
import { hashPassword } from "../auth/passwords";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { generateOneTimePassword } from "./one-time-password";
import { createUserFields } from "./user-input";
import { userView } from "./user-records";

const LEVEL_LABELS = { county: "县级机构", township: "乡镇", village: "村" } as const;

export function onUsernameTaken(fields: string[]) {
  return fields.includes("username") ? AppError.field("username", "该用户名已被使用，请换一个") : undefined;
}

/**
 * Creates a user of the admin's county at a unit of the level the role requires (a bank officer
 * also names one of the county's banks). The password is a one-time password returned once and
 * never stored in clear; the user must change it at first sign-in.
 */
export const createUser = defineMutation({
  name: "user.create",
  roles: ["admin"],
  input: createUserFields,
  onUniqueViolation: onUsernameTaken,
  async run({ actor, input, tx, now, audit }) {
    const countyId = actor.countyId;
    if (!countyId) throw new AppError("FORBIDDEN", "账户未配置所属县，请联系系统管理员。");
    const unit = /^[0-9a-f-]{36}$/i.test(input.orgUnitId)
      ? await tx.orgUnit.findFirst({ where: { id: input.orgUnitId, countyId, active: true } })
      : null;
    if (!unit) throw AppError.field("orgUnitId", "请选择本县在用的机构");
    const level = ROLE_ORG_LEVEL[input.role];
    if (unit.level !== level) throw AppError.field("orgUnitId", `该角色须隶属于${LEVEL_LABELS[level]}`);

    let bankId: string | null = null;
    if (input.role === "bank_officer") {
      const bank = input.bankId && /^[0-9a-f-]{36}$/i.test(input.bankId)
        ? await tx.bank.findFirst({ where: { id: input.bankId, countyId, active: true } })
        : null;
      if (!bank) throw AppError.field("bankId", "合作银行用户须选择本县在用的合作银行");
      bankId = bank.id;
    }
    if (await tx.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
      throw AppError.field("username", "该用户名已被使用，请换一个");
    }

    const oneTimePassword = generateOneTimePassword();
    const user = await tx.user.create({
      data: {
        username: input.username,
        displayName: input.displayName,
        phone: input.phone,
        role: input.role,
        orgUnitId: unit.id,
        bankId,
        passwordHash: await hashPassword(oneTimePassword),
        mustChangePassword: true,
        passwordChangedAt: now,
      },
    });
    await audit({ action: "user.create", entity: "User", entityId: user.id, countyId, after: userView(user) });
    return { id: user.id, username: user.username, oneTimePassword };
  },
});
