import "server-only";
import ExcelJS from "exceljs";
import { z } from "zod";
import { isValidDate } from "@/lib/domain/calendar";
import { D } from "@/lib/domain/decimal";
import type { Role } from "@/lib/domain/roles";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { idNumberFor } from "../households/household-view";
import { loanScope } from "../loans/loan-records";
import { areaScope } from "../scope";
import { defineMutation, defineQuery } from "../use-case";

/** Who may open the loan reports: the ledger's readers and a partner bank (its own loans only). */
export const LOAN_REPORT_ROLES = ["county_officer", "township_officer", "finance_officer", "bank_officer", "auditor", "admin"] as const satisfies readonly Role[];
/** More rows than this and the filters must be narrowed (screen and workbook show the same rows). */
export const REPORT_MAX_ROWS = 20_000;

export const reportDate = z.union([z.literal(""), z.string().refine(isValidDate, "日期无效，应为 YYYY-MM-DD 格式的有效日期")]).optional().default("");
const id = z.string().max(64).optional().default("");

/** The filters every loan report takes from the query string. */
export const LoanReportFilters = z.object({ from: reportDate, to: reportDate, townshipId: id, bankId: id, status: z.string().max(32).optional().default("") });
export type LoanReportFilters = z.infer<typeof LoanReportFilters>;

export type ReportColumn = { key: string; label: string; money?: boolean; width?: number };
export type ReportRow = { id: string; href: string | null; cells: Record<string, string> };
export type ReportTable = {
  columns: readonly ReportColumn[];
  rows: ReportRow[];
  /** Decimal sums (to the fen) of every money column over exactly the rows returned. */
  totals: Record<string, string>;
  count: number;
  notes: string[];
};

export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const fen = (v: { toString(): string }) => new D(v.toString()).toFixed(2);

export function checkPeriod(f: { from: string; to: string }) {
  if (f.from && f.to && f.from > f.to) throw AppError.field("to", "截止日期不能早于起始日期");
}

export function dateRange(f: { from: string; to: string }) {
  if (!f.from && !f.to) return undefined;
  return { ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}), ...(f.to ? { lte: new Date(`${f.to}T00:00:00Z`) } : {}) };
}

export function tooMany(count: number) {
  if (count > REPORT_MAX_ROWS) throw new AppError("VALIDATION", `符合条件的记录有 ${count} 条，超过 ${REPORT_MAX_ROWS} 条，请缩小期间或增加筛选条件。`);
}

/** Loans in scope (its area; a bank officer only its own bank's loans) with the township/bank filters (the period and status are each report's own). */
export function loanWhere(actor: Actor, f: LoanReportFilters, extra: Prisma.LoanWhereInput = {}): Prisma.LoanWhereInput {
  return { AND: [loanScope(actor), f.townshipId ? { townshipId: f.townshipId } : {}, f.bankId ? { bankId: f.bankId } : {}, extra] };
}

type LoanLike = { id: string; householdId: string | null; enterpriseId: string | null; bankId: string; townshipId: string; villageId: string | null };

/** Names for the loans' borrowers (ID numbers masked by role, read through the Prisma client), banks and areas. */
export async function loanNames(tx: Tx, actor: Actor, loans: readonly LoanLike[]) {
  const ids = (k: "householdId" | "enterpriseId" | "bankId") => [...new Set(loans.flatMap((l) => (l[k] ? [l[k] as string] : [])))];
  const [households, enterprises, banks, units] = await Promise.all([
    tx.household.findMany({ where: { id: { in: ids("householdId") } }, select: { id: true, headName: true, idNumber: true } }),
    tx.enterprise.findMany({ where: { id: { in: ids("enterpriseId") } }, select: { id: true, name: true, creditCode: true } }),
    tx.bank.findMany({ where: { id: { in: ids("bankId") } }, select: { id: true, name: true } }),
    tx.orgUnit.findMany({ where: { id: { in: [...new Set(loans.flatMap((l) => [l.townshipId, ...(l.villageId ? [l.villageId] : [])]))] } }, select: { id: true, name: true } }),
  ]);
  const household = new Map(households.map((h) => [h.id, h]));
  const enterprise = new Map(enterprises.map((e) => [e.id, e]));
  const bank = new Map(banks.map((b) => [b.id, b.name]));
  const unit = new Map(units.map((u) => [u.id, u.name]));
  return (l: LoanLike) => {
    const h = l.householdId ? household.get(l.householdId) : undefined;
    const e = l.enterpriseId ? enterprise.get(l.enterpriseId) : undefined;
    return {
      borrower: h?.headName ?? e?.name ?? "",
      idNumber: h ? idNumberFor(actor, h.idNumber) : (e?.creditCode ?? ""),
      township: unit.get(l.townshipId) ?? "",
      village: l.villageId ? (unit.get(l.villageId) ?? "") : "",
      bank: bank.get(l.bankId) ?? "",
    };
  };
}

/** The townships the actor may filter by: its own (a village's), or its county's, in code order. */
export function scopedTownships(tx: Tx, actor: Actor) {
  const scope = areaScope(actor);
  return tx.orgUnit.findMany({
    where: {
      level: "township",
      ...(scope.villageId ? { children: { some: { id: scope.villageId } } } : {}),
      ...(scope.townshipId ? { id: scope.townshipId } : {}),
      ...(scope.countyId ? { countyId: scope.countyId } : {}),
    },
    select: { id: true, name: true },
    orderBy: { code: "asc" },
  });
}

/** The townships and banks the actor may filter by (a bank officer: its own bank). */
export async function reportOptions(tx: Tx, actor: Actor) {
  const townships = await scopedTownships(tx, actor);
  const banks = await tx.bank.findMany({
    where: { ...(actor.countyId ? { countyId: actor.countyId } : {}), ...(actor.role === "bank_officer" ? { id: actor.bankId ?? "-" } : {}) },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return { townships, banks };
}

/** Builds the table from rows and sums every money column as Decimal over exactly those rows. */
export function table(columns: readonly ReportColumn[], rows: ReportRow[], notes: string[] = []): ReportTable {
  const totals: Record<string, string> = {};
  for (const c of columns.filter((c) => c.money)) {
    totals[c.key] = rows.reduce((s, r) => s.plus(r.cells[c.key] || "0"), new D(0)).toFixed(2);
  }
  return { columns, rows, totals, count: rows.length, notes };
}

/** The report as an .xlsx: header, the rows (money as numbers with two decimals), a 合计 row, and a 说明 sheet. */
export async function reportWorkbook(title: string, t: ReportTable, notes: string[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(title);
  const headers = ["序号", ...t.columns.map((c) => c.label)];
  sheet.columns = headers.map((h, i) => ({ header: h, key: String(i), width: i === 0 ? 6 : (t.columns[i - 1].width ?? 16) }));
  sheet.getRow(1).font = { bold: true };
  const write = (first: string | number, values: (c: ReportColumn) => string) => {
    const row = sheet.addRow([first, ...t.columns.map((c) => (c.money ? (values(c) === "" ? "" : Number(values(c))) : values(c)))]);
    t.columns.forEach((c, i) => {
      if (c.money) row.getCell(i + 2).numFmt = "#,##0.00";
    });
    return row;
  };
  t.rows.forEach((r, i) => write(i + 1, (c) => r.cells[c.key] ?? ""));
  const total = write("合计", (c) => (c.money ? t.totals[c.key] : ""));
  total.getCell(2).value = `${t.count} 条`;
  total.font = { bold: true };
  const info = workbook.addWorksheet("说明");
  info.getColumn(1).width = 90;
  for (const line of notes) info.addRow([line]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

type ReportDef<S extends z.ZodType> = {
  /** Stable key: use-case names report.<key> / report.<key>.export, audit entityId, file name. */
  key: string;
  title: string;
  roles: readonly Role[];
  input: S;
  load: (tx: Tx, actor: Actor, input: z.infer<S>) => Promise<ReportTable>;
  describe: (input: z.infer<S>) => string;
};

/**
 * One report as two use cases: the screen (a query: table and filter options) and the workbook
 * (a mutation, because data leaves the system: every export is audited with its filters and totals).
 */
export function defineReport<S extends z.ZodType>(def: ReportDef<S>) {
  const view = defineQuery({
    name: `report.${def.key}`,
    roles: def.roles,
    input: def.input,
    async run({ actor, input, tx }) {
      const [t, options] = await Promise.all([def.load(tx, actor, input), reportOptions(tx, actor)]);
      return { ...t, options, filters: input as z.infer<S> };
    },
  });
  const exportFile = defineMutation({
    name: `report.${def.key}.export`,
    roles: def.roles,
    input: def.input,
    timeoutMs: 30_000,
    async run({ actor, input, tx, audit, now }) {
      const t = await def.load(tx, actor, input);
      const bytes = await reportWorkbook(def.title, t, [`导出时间：${now.toISOString()}；导出人：${actor.displayName}`, `筛选条件：${def.describe(input)}`, ...t.notes]);
      await audit({ action: `report.${def.key}.export`, entity: "Report", entityId: def.key, countyId: actor.countyId, after: { filters: input, rows: t.count, totals: t.totals } });
      const stamp = now.toISOString().slice(0, 10);
      return { count: t.count, totals: t.totals, bytes, fileName: `${def.title}-${stamp}.xlsx`, asciiFileName: `${def.key}-${stamp}.xlsx` };
    },
  });
  return { view, exportFile, key: def.key, title: def.title, roles: def.roles };
}
