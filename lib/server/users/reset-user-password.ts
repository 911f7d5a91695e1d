import "server-only";
import { hashPassword } from "../auth/passwords";
import { defineMutation } from "../use-case";
import { isAdminLocked } from "./admin-lock";
import { generateOneTimePassword } from "./one-time-password";
import { rememberPassword } from "./password-history";
import { userIdInput } from "./user-input";
import { findUserInCounty, userView } from "./user-records";

/**
 * Gives the user a new one-time password (returned once) that must be changed at next sign-in.
 * It also ends the user's sessions (passwordChangedAt) and clears a sign-in lockout.
 */
export const resetUserPassword = defineMutation({
  name: "user.resetPassword",
  roles: ["admin"],
  input: userIdInput,
  async run({ actor, input: { id }, tx, now, audit }) {
    const before = await findUserInCounty(tx, actor, id);
    const oneTimePassword = generateOneTimePassword();
    await rememberPassword(tx, before, now);
    const after = await tx.user.update({
      where: { id },
      data: {
        passwordHash: await hashPassword(oneTimePassword),
        mustChangePassword: true,
        passwordChangedAt: now,
        failedLoginCount: 0,
        // A sign-in lockout is cleared; an administrator's lock stays until unlocked.
        lockedUntil: isAdminLocked(before.lockedUntil) ? before.lockedUntil : null,
      },
    });
    await audit({ action: "user.resetPassword", entity: "User", entityId: id, countyId: before.countyId, before: userView(before), after: userView(after) });
    return { id, username: after.username, oneTimePassword };
  },
});

