import "server-only";
import { z } from "zod";
import { ROLE_LABELS } from "@/lib/domain/roles";
import type { Prisma } from "@/generated/prisma/client";
import { checkPeriod, defineReport, reportDate, table, tooMany } from "./report-table";

export const AUDIT_LOG_ROLES = ["auditor", "admin"] as const;

const text = z.string().trim().max(100).optional().default("");
export const AuditLogFilters = z.object({ from: reportDate, to: reportDate, actor: text, action: text, entity: text, entityId: text });

/** Where an audited entity can be looked at. */
const RECORD_PAGES: Record<string, string> = { Loan: "/loans/", Household: "/households/", Application: "/applications/", Enterprise: "/enterprises/" };

/**
 * 审计日志查询: audit rows by actor (user name), action (prefix), entity, entity id and date range;
 * an auditor with a county sees that county's rows. Only auditors and admins.
 */
export const auditLogReport = defineReport({
  key: "audit-log",
  title: "审计日志",
  roles: AUDIT_LOG_ROLES,
  input: AuditLogFilters,
  describe: (f) => `日期 ${f.from || "不限"} 至 ${f.to || "不限"}；操作人 ${f.actor || "不限"}；操作 ${f.action || "不限"}；对象 ${f.entity || "不限"} ${f.entityId}`,
  async load(tx, actor, f) {
    checkPeriod(f);
    let actorIds: string[] | undefined;
    if (f.actor) {
      const users = await tx.user.findMany({ where: { OR: [{ username: f.actor }, { displayName: f.actor }] }, select: { id: true } });
      actorIds = users.map((u) => u.id);
    }
    const where: Prisma.AuditEventWhereInput = {
      ...(actor.countyId ? { countyId: actor.countyId } : {}),
      ...(actorIds ? { actorId: { in: actorIds } } : {}),
      ...(f.action ? { action: { startsWith: f.action } } : {}),
      ...(f.entity ? { entity: f.entity } : {}),
      ...(f.entityId ? { entityId: f.entityId } : {}),
      ...(f.from || f.to
        ? { at: { ...(f.from ? { gte: new Date(`${f.from}T00:00:00+08:00`) } : {}), ...(f.to ? { lt: new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86_400_000) } : {}) } }
        : {}),
    };
    tooMany(await tx.auditEvent.count({ where }));
    const events = await tx.auditEvent.findMany({ where, orderBy: { id: "asc" } });
    const users = new Map(
      (await tx.user.findMany({ where: { id: { in: [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))] } }, select: { id: true, username: true, displayName: true } })).map((u) => [u.id, u]),
    );
    const rows = events.map((e) => {
      const u = e.actorId ? users.get(e.actorId) : undefined;
      const page = RECORD_PAGES[e.entity];
      return {
        id: e.id.toString(),
        href: page ? `${page}${e.entityId}` : null,
        cells: {
          seq: e.id.toString(),
          at: new Date(e.at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " "),
          actor: u ? `${u.displayName}（${u.username}）` : "系统",
          role: e.actorRole ? ROLE_LABELS[e.actorRole] : "",
          action: e.action,
          entity: e.entity,
          entityId: e.entityId,
        },
      };
    });
    return table(
      [
        { key: "seq", label: "编号", width: 10 }, { key: "at", label: "时间（北京时间）", width: 20 }, { key: "actor", label: "操作人", width: 20 },
        { key: "role", label: "角色", width: 18 }, { key: "action", label: "操作", width: 30 }, { key: "entity", label: "对象类型", width: 16 },
        { key: "entityId", label: "对象编号", width: 38 },
      ],
      rows,
    );
  },
});

// The use cases themselves, for route handlers and the access checks that find use cases by export.
export const viewAuditLog = auditLogReport.view;
export const exportAuditLog = auditLogReport.exportFile;
