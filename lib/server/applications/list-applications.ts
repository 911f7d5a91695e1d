import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { areaScope } from "../scope";
import { defineQuery } from "../use-case";
import { applicantNames } from "./applicant-names";
import { applicationNumber } from "./application-number";

const STATUSES = [
  "draft", "submitted", "returned", "townshipReviewed", "inPublicity", "objection", "publicityPassed",
  "countyApproved", "countyRejected", "batched", "bankApproved", "bankRejected", "disbursed", "withdrawn",
] as const;

export const APPLICATION_PAGE_SIZE = 50;

/**
 * Applications in the actor's scope (banks: only those batched to their bank), filterable by
 * status, searchable by the household head's or the enterprise's name.
 */
export const listApplications = defineQuery({
  name: "application.list",
  roles: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor", "admin"],
  input: z.object({
    status: z.enum(STATUSES).optional().or(z.literal("").transform(() => undefined)),
    q: z.string().trim().max(30).optional().default(""),
    page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
  }),
  async run({ actor, input: { status, q, page }, tx }) {
    const where: Prisma.ApplicationWhereInput = { ...areaScope(actor), ...(status ? { status } : {}) };
    if (actor.role === "bank_officer") where.batch = { bankId: actor.bankId ?? "" };
    if (actor.role === "township_officer" || actor.role === "county_officer") {
      // Their own drafts are enterprise applications (households' drafts stay with the village).
      if (!status) where.OR = [{ status: { not: "draft" } }, { kind: "enterprise" }];
      else if (status === "draft") where.kind = "enterprise";
    } else if (actor.role !== "village_cadre") {
      // Drafts are the author's own business: others never see them, whatever the filter asks.
      where.status = status && status !== "draft" ? status : { not: "draft" };
    }
    if (q) {
      const scope = areaScope(actor);
      const [households, enterprises] = await Promise.all([
        tx.household.findMany({ where: { ...scope, headName: { contains: q } }, select: { id: true }, take: 500 }),
        scope.villageId
          ? []
          : tx.enterprise.findMany({
            where: { ...(scope.countyId ? { countyId: scope.countyId } : {}), ...(scope.townshipId ? { townshipId: scope.townshipId } : {}), name: { contains: q } },
            select: { id: true },
            take: 500,
          }),
      ]);
      where.AND = [{ OR: [{ householdId: { in: households.map((h) => h.id) } }, { enterpriseId: { in: enterprises.map((e) => e.id) } }] }];
    }
    const [total, rows] = await Promise.all([
      tx.application.count({ where }),
      tx.application.findMany({ where, orderBy: { updatedAt: "desc" }, skip: (page - 1) * APPLICATION_PAGE_SIZE, take: APPLICATION_PAGE_SIZE }),
    ]);
    const [applicant, units] = await Promise.all([
      applicantNames(tx, rows),
      tx.orgUnit.findMany({ where: { id: { in: rows.flatMap((r) => [r.villageId ?? "", r.townshipId]) } }, select: { id: true, name: true } }),
    ]);
    const uName = new Map(units.map((u) => [u.id, u.name]));
    return {
      total,
      page,
      pageSize: APPLICATION_PAGE_SIZE,
      rows: rows.map((r) => ({
        id: r.id,
        number: applicationNumber(r.serial),
        kind: r.kind,
        applicant: applicant.get(r.id) ?? "",
        largeLoan: r.largeLoan,
        area: `${uName.get(r.townshipId) ?? ""} ${r.villageId ? (uName.get(r.villageId) ?? "") : ""}`.trim(),
        amount: r.amount.toFixed(2),
        termMonths: r.termMonths,
        purpose: r.purpose,
        status: r.status,
        updatedAt: r.updatedAt.toISOString(),
      })),
    };
  },
});
