import "server-only";
import { z } from "zod";
import { D } from "@/lib/domain/decimal";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "../errors";
import { areaScope } from "../scope";
import { checkPeriod, dateRange, defineReport, iso, reportDate, table, tooMany } from "./report-table";

const STATUS = { open: "公示中", closed: "已结束" } as const;
export const PublicityFilters = z.object({ from: reportDate, to: reportDate, townshipId: z.string().max(64).optional().default(""), status: z.string().max(16).optional().default("") });

/** 公示记录: the loan-application publicity rounds opened in the period, their applications, amounts and objections. */
export const publicityHistoryReport = defineReport({
  key: "publicity",
  title: "公示记录",
  roles: ["township_officer", "county_officer", "auditor", "admin"],
  input: PublicityFilters,
  describe: (f) => `公示开始日期 ${f.from || "不限"} 至 ${f.to || "不限"}；状态 ${STATUS[f.status as keyof typeof STATUS] ?? "全部"}`,
  async load(tx, actor, f) {
    checkPeriod(f);
    if (f.status && !Object.hasOwn(STATUS, f.status)) throw AppError.field("status", "公示状态无效");
    const scope = areaScope(actor);
    const range = dateRange(f);
    // The scope is ANDed with the filters, never spread beside them: the township filter would
    // replace a township officer's own township (another township's, or county's, rounds).
    const where: Prisma.PublicityRoundWhereInput = {
      AND: [{ ...(scope.countyId ? { countyId: scope.countyId } : {}), ...(scope.townshipId ? { townshipId: scope.townshipId } : {}) }],
      ...(f.townshipId ? { townshipId: f.townshipId } : {}),
      ...(f.status ? { status: f.status as "open" | "closed" } : {}),
      ...(range ? { openedOn: range } : {}),
    };
    tooMany(await tx.publicityRound.count({ where }));
    const rounds = await tx.publicityRound.findMany({
      where,
      include: { applications: { select: { amount: true } }, objections: { select: { status: true } } },
      orderBy: { serial: "asc" },
    });
    const units = new Map(
      (await tx.orgUnit.findMany({ where: { id: { in: [...new Set(rounds.flatMap((r) => [r.countyId, ...(r.townshipId ? [r.townshipId] : [])]))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
    );
    const rows = rounds.map((r) => ({
      id: r.id,
      href: `/publicity/${r.id}`,
      cells: {
        serial: String(r.serial), area: r.townshipId ? (units.get(r.townshipId) ?? "") : (units.get(r.countyId) ?? ""), openedOn: iso(r.openedOn), endsOn: iso(r.endsOn),
        status: STATUS[r.status], issuingUnit: r.issuingUnit, applications: String(r.applications.length),
        amount: r.applications.reduce((s, a) => s.plus(a.amount.toString()), new D(0)).toFixed(2),
        objections: String(r.objections.length), upheld: String(r.objections.filter((o) => o.status === "upheld").length),
      },
    }));
    return table(
      [
        { key: "serial", label: "公示编号", width: 10 }, { key: "area", label: "乡镇/县" }, { key: "openedOn", label: "开始日期", width: 12 }, { key: "endsOn", label: "结束日期", width: 12 },
        { key: "status", label: "状态", width: 10 }, { key: "issuingUnit", label: "公示单位", width: 24 }, { key: "applications", label: "公示笔数", width: 10 },
        { key: "amount", label: "申请金额（元）", money: true }, { key: "objections", label: "异议数", width: 8 }, { key: "upheld", label: "异议成立", width: 10 },
      ],
      rows,
      ["仅含贷款申请公示；信用评级公示见信用评级栏目。"],
    );
  },
});

// The use cases themselves, for route handlers and the access checks that find use cases by export.
export const viewPublicityHistory = publicityHistoryReport.view;
export const exportPublicityHistory = publicityHistoryReport.exportFile;
