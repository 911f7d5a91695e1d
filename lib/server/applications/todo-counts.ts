import "server-only";
import { z } from "zod";
import type { ApplicationStatus } from "@/generated/prisma/client";
import type { Role } from "@/lib/domain/roles";
import { areaScope } from "../scope";
import { queryRows, statement } from "../sql";
import { defineQuery } from "../use-case";

type Todo = { key: string; label: string; href: string; status: ApplicationStatus };

/** What awaits each role (待办): applications in a status. */
const TODOS = {
  village_cadre: [
    { key: "returned", label: "被退回待修改的申请", href: "/applications?status=returned", status: "returned" },
    { key: "draft", label: "未提交的草稿", href: "/applications?status=draft", status: "draft" },
  ],
  township_officer: [
    { key: "submitted", label: "待审核的申请", href: "/applications?status=submitted", status: "submitted" },
    { key: "townshipReviewed", label: "待公示的申请", href: "/publicity", status: "townshipReviewed" },
    { key: "objection", label: "待处理的公示异议", href: "/applications?status=objection", status: "objection" },
  ],
  county_officer: [
    { key: "publicityPassed", label: "待县中心审批的申请", href: "/applications?status=publicityPassed", status: "publicityPassed" },
    { key: "countyApproved", label: "待批转银行的申请", href: "/batches", status: "countyApproved" },
  ],
  bank_officer: [
    { key: "batched", label: "待银行审批的申请", href: "/applications?status=batched", status: "batched" },
    { key: "bankApproved", label: "已审批待放款的申请", href: "/applications?status=bankApproved", status: "bankApproved" },
  ],
  finance_officer: [],
  auditor: [],
  admin: [],
} as const satisfies Record<Role, readonly Todo[]>;

/** The actor's to-do list with counts, for the home page and the navigation badges. */
export const todoCounts = defineQuery({
  name: "application.todo",
  roles: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor", "admin"],
  input: z.object({}).optional().default({}),
  async run({ actor }) {
    const todos: readonly Todo[] = TODOS[actor.role];
    if (todos.length === 0) return [];
    // One grouped count for all of the role's statuses: every page's navigation shows them, so it
    // is a prepared statement (../sql.ts). The scope is one column (areaScope) or none.
    const [column, value] = Object.entries(areaScope(actor))[0] ?? [];
    const bank = actor.role === "bank_officer";
    const values: unknown[] = [todos.map((t) => t.status)];
    const where = [`a.status = ANY($1::"ApplicationStatus"[])`];
    if (column) where.push(`a."${column}" = $${values.push(value)}`);
    if (bank) where.push(`EXISTS (SELECT 1 FROM "Batch" b WHERE b.id = a."batchId" AND b."bankId" = $${values.push(actor.bankId ?? "")})`);
    const rows = await queryRows<{ status: ApplicationStatus; count: number }>(
      statement(`SELECT a.status::text AS status, count(*)::int AS count FROM "Application" a WHERE ${where.join(" AND ")} GROUP BY a.status`),
      values,
    );
    const counts = new Map(rows.map((g) => [g.status, g.count]));
    return todos.map((t) => ({ key: t.key, label: t.label, href: t.href, count: counts.get(t.status) ?? 0 }));
  },
});
