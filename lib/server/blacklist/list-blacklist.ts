import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { idNumberFor } from "../households/household-view";
import { defineQuery } from "../use-case";

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The county's 失信黑名单 with who proposed and who approved each step. */
export const listBlacklist = defineQuery({
  name: "blacklist.list",
  roles: ["county_officer", "auditor", "township_officer", "bank_officer"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx }) {
    const countyId = actor.countyId;
    if (!countyId) throw new AppError("FORBIDDEN", "账户未配置所属县，请联系系统管理员。");
    const entries = await tx.blacklistEntry.findMany({ where: { countyId }, orderBy: { createdAt: "desc" }, take: 500 });
    const [households, enterprises, users] = await Promise.all([
      tx.household.findMany({ where: { id: { in: entries.flatMap((e) => (e.householdId ? [e.householdId] : [])) } }, select: { id: true, headName: true, idNumber: true } }),
      tx.enterprise.findMany({ where: { id: { in: entries.flatMap((e) => (e.enterpriseId ? [e.enterpriseId] : [])) } }, select: { id: true, name: true, creditCode: true } }),
      tx.user.findMany({
        where: { id: { in: [...new Set(entries.flatMap((e) => [e.addedById, e.approvedById, e.removalRequestedById, e.removedById].filter((x): x is string => !!x)))] } },
        select: { id: true, displayName: true },
      }),
    ]);
    const h = new Map(households.map((x) => [x.id, x]));
    const ent = new Map(enterprises.map((x) => [x.id, x]));
    const u = new Map(users.map((x) => [x.id, x.displayName]));
    return {
      canPropose: actor.role === "county_officer",
      entries: entries.map((e) => {
        const hh = e.householdId ? h.get(e.householdId) : undefined;
        const en = e.enterpriseId ? ent.get(e.enterpriseId) : undefined;
        const maker = e.status === "removalPending" ? e.removalRequestedById : e.addedById;
        return {
          id: e.id, status: e.status, kind: hh ? "household" : "enterprise", householdId: e.householdId,
          name: hh?.headName ?? en?.name ?? "", identifier: hh ? idNumberFor(actor, hh.idNumber) : (en?.creditCode ?? ""),
          reason: e.reason, evidence: e.evidence, removalReason: e.removalReason, createdOn: iso(e.createdAt),
          addedBy: u.get(e.addedById) ?? "", approvedBy: e.approvedById ? (u.get(e.approvedById) ?? "") : null,
          removalRequestedBy: e.removalRequestedById ? (u.get(e.removalRequestedById) ?? "") : null,
          canDecide: actor.role === "county_officer" && (e.status === "pending" || e.status === "removalPending") && maker !== actor.userId,
          canRequestRemoval: actor.role === "county_officer" && e.status === "active",
        };
      }),
    };
  },
});
