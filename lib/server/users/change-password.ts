import "server-only";
import { z } from "zod";
import { passwordProblems } from "@/lib/domain/password-policy";
import { ROLES } from "@/lib/domain/roles";
import { PASSWORD_CHANGE_USE_CASE } from "../action-names";
import { hashPassword, verifyPassword } from "../auth/passwords";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { rememberPassword, assertNotRecentlyUsed } from "./password-history";
import { userView } from "./user-records";

const input = z.object({
  currentPassword: z.string({ error: "请填写当前密码" }).min(1, "请填写当前密码").max(200),
  newPassword: z.string({ error: "请填写新密码" }).max(200, "密码过长"),
  confirmPassword: z.string({ error: "请再次填写新密码" }),
});

/**
 * Any signed-in user changes their own password: the current one must be right, the new one must
 * obey the rules and differ from the last five. Sets passwordChangedAt, which ends every other
 * session, and clears the must-change flag.
 */
export const changePassword = defineMutation({
  name: PASSWORD_CHANGE_USE_CASE,
  roles: ROLES,
  input,
  async run({ actor, input, tx, now, audit }) {
    const user = await tx.user.findUnique({ where: { id: actor.userId } });
    if (!user || !user.active) throw new AppError("UNAUTHENTICATED", "登录已过期，请重新登录。");
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw AppError.field("currentPassword", "当前密码不正确");
    }
    const problems = passwordProblems(input.newPassword, { username: user.username });
    if (problems.length > 0) throw new AppError("VALIDATION", "新密码不符合要求。", { newPassword: problems });
    if (input.confirmPassword !== input.newPassword) throw AppError.field("confirmPassword", "两次填写的新密码不一致");
    await assertNotRecentlyUsed(tx, user, input.newPassword);

    await rememberPassword(tx, user, now);
    const changed = await tx.user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash },
      data: { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: now, mustChangePassword: false },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT", "密码刚被修改过，请重新登录后再试。");
    const after = await tx.user.findUniqueOrThrow({ where: { id: user.id } });
    await audit({ action: "user.changePassword", entity: "User", entityId: user.id, before: userView(user), after: userView(after) });
    return { username: user.username };
  },
});
