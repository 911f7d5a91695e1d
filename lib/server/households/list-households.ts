import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { areaScope } from "../scope";
import { defineQuery } from "../use-case";
import { idNumberFor, phoneFor } from "./household-view";

export const HOUSEHOLD_PAGE_SIZE = 50;

const input = z.object({
  q: z.string().trim().max(30, "搜索内容过长").optional().default(""),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
});

/**
 * Households in the actor's scope, 50 a page, searchable by head name or by the full ID number.
 * ID numbers are stored encrypted and found by their keyed hash: exact match only, no partial search.
 */
export const listHouseholds = defineQuery({
  name: "household.list",
  roles: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor", "admin"],
  input,
  async run({ actor, input: { q, page }, tx }) {
    const where: Prisma.HouseholdWhereInput = { ...areaScope(actor) };
    if (q) {
      where.OR = /^\d{17}[\dXx]$/.test(q) ? [{ idNumber: q.toUpperCase() }] : [{ headName: { contains: q } }];
    }
    const [total, rows] = await Promise.all([
      tx.household.count({ where }),
      tx.household.findMany({
        where,
        orderBy: [{ villageId: "asc" }, { headName: "asc" }, { id: "asc" }],
        skip: (page - 1) * HOUSEHOLD_PAGE_SIZE,
        take: HOUSEHOLD_PAGE_SIZE,
      }),
    ]);
    const villageIds = [...new Set(rows.map((r) => r.villageId))];
    const villages = await tx.orgUnit.findMany({ where: { id: { in: villageIds } }, select: { id: true, name: true } });
    const villageName = new Map(villages.map((v) => [v.id, v.name]));
    return {
      total,
      page,
      pageSize: HOUSEHOLD_PAGE_SIZE,
      rows: rows.map((r) => ({
        id: r.id,
        headName: r.headName,
        idNumber: idNumberFor(actor, r.idNumber),
        village: villageName.get(r.villageId) ?? "",
        status: r.status,
        membersCount: r.membersCount,
        phone: phoneFor(actor, r.phone),
      })),
    };
  },
});
