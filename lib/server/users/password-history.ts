import "server-only";
import type { User } from "@/generated/prisma/client";
import { PASSWORD_HISTORY_SIZE, recentPasswordHashes } from "@/lib/domain/password-policy";
import { verifyPassword } from "../auth/passwords";
import type { Tx } from "../db";
import { AppError } from "../errors";

/** Refuses a new password equal to any of the user's last PASSWORD_HISTORY_SIZE passwords. */
export async function assertNotRecentlyUsed(tx: Tx, user: User, password: string, field = "newPassword"): Promise<void> {
  const history = await tx.passwordHistory.findMany({
    where: { userId: user.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PASSWORD_HISTORY_SIZE,
    select: { passwordHash: true },
  });
  for (const hash of recentPasswordHashes(user.passwordHash, history.map((h) => h.passwordHash))) {
    if (await verifyPassword(hash, password)) {
      throw AppError.field(field, `不能使用最近 ${PASSWORD_HISTORY_SIZE} 次用过的密码`);
    }
  }
}

/** Keeps the replaced hash in the history before the user's password changes. */
export async function rememberPassword(tx: Tx, user: User, at: Date): Promise<void> {
  await tx.passwordHistory.create({ data: { userId: user.id, passwordHash: user.passwordHash, createdAt: at } });
}
