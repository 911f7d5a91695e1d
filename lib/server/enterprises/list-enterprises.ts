import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { shanghaiToday } from "../clock";
import { defineQuery } from "../use-case";
import { enterpriseScope, iso, monthsOperating } from "./enterprise-records";

export const ENTERPRISE_PAGE_SIZE = 50;

/** Enterprises and cooperatives in the actor's scope, searchable by name or credit code. */
export const listEnterprises = defineQuery({
  name: "enterprise.list",
  roles: ["township_officer", "county_officer", "auditor"],
  input: z.object({
    q: z.string().trim().max(30, "搜索内容过长").optional().default(""),
    page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
  }),
  async run({ actor, input: { q, page }, tx, now }) {
    const where: Prisma.EnterpriseWhereInput = { ...enterpriseScope(actor) };
    if (q) where.OR = [{ name: { contains: q } }, { creditCode: { startsWith: q.toUpperCase() } }];
    const [total, rows] = await Promise.all([
      tx.enterprise.count({ where }),
      tx.enterprise.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (page - 1) * ENTERPRISE_PAGE_SIZE, take: ENTERPRISE_PAGE_SIZE }),
    ]);
    const townships = await tx.orgUnit.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.townshipId))] } }, select: { id: true, name: true } });
    const tName = new Map(townships.map((t) => [t.id, t.name]));
    const today = shanghaiToday(now);
    return {
      total,
      page,
      pageSize: ENTERPRISE_PAGE_SIZE,
      rows: rows.map((r) => ({
        id: r.id,
        name: r.name,
        creditCode: r.creditCode,
        kind: r.kind,
        agricultural: r.agricultural,
        township: tName.get(r.townshipId) ?? "",
        operatingSince: iso(r.operatingSince),
        monthsOperating: monthsOperating(iso(r.operatingSince), today),
      })),
    };
  },
});
