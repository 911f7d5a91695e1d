import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { ROLES } from "@/lib/domain/roles";
import { defineQuery } from "../use-case";
import { isAdminLocked } from "./admin-lock";
import { usersOfCounty } from "./user-records";

const input = z.object({
  q: z.string().trim().max(30, "搜索内容过长").optional().default(""),
  role: z.enum(ROLES).or(z.literal("")).optional().default(""),
});

export type UserStatus = "active" | "locked" | "adminLocked" | "inactive";

/** The admin's county's users (never another county's), with their unit, bank and status. */
export const listUsers = defineQuery({
  name: "user.list",
  roles: ["admin"],
  input,
  async run({ actor, input: { q, role }, tx, now }) {
    const where: Prisma.UserWhereInput = { ...usersOfCounty(actor) };
    if (role) where.role = role;
    if (q) where.OR = [{ username: { contains: q.toLowerCase() } }, { displayName: { contains: q } }];
    const users = await tx.user.findMany({
      where,
      include: { orgUnit: { select: { name: true } }, bank: { select: { name: true } } },
      orderBy: [{ active: "desc" }, { role: "asc" }, { username: "asc" }],
      take: 500,
    });
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      unitName: u.orgUnit?.name ?? "",
      bankName: u.bank?.name ?? null,
      status: userStatus(u, now),
      mustChangePassword: u.mustChangePassword,
      lastLoginAt: u.lastLoginAt,
    }));
  },
});

export function userStatus(u: { active: boolean; lockedUntil: Date | null }, now: Date): UserStatus {
  if (!u.active) return "inactive";
  if (isAdminLocked(u.lockedUntil)) return "adminLocked";
  if (u.lockedUntil && u.lockedUntil.getTime() > now.getTime()) return "locked";
  return "active";
}
