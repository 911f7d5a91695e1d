import "server-only";
import { z } from "zod";
import { isValidDate } from "@/lib/domain/calendar";
import { D } from "@/lib/domain/decimal";
import { LOAN_STATE_LABELS, LOAN_STATES, type LoanState } from "@/lib/domain/loan-workflow";
import type { Prisma } from "@/generated/prisma/client";
import { PERSONAL_DATA_ACCESS, type Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { idNumberFor } from "../households/household-view";
import { scopedTownships } from "../reports/report-table";
import { areaScope } from "../scope";

export const LEDGER_ROLES = ["county_officer", "township_officer", "finance_officer", "auditor", "admin"] as const;
export const LEDGER_STATUS_FILTERS = ["active", "all", ...LOAN_STATES] as const;
/** More rows than this and the workbook's filters must be narrowed (the screen shows them a page at a time). */
export const LEDGER_MAX_ROWS = 20_000;
/** Rows on one screen page of the ledger. */
export const LEDGER_PAGE_ROWS = 50;

const date = z.union([z.literal(""), z.string().refine(isValidDate, "日期无效，应为 YYYY-MM-DD 格式的有效日期")]).optional().default("");
export const LedgerFilters = z.object({
  from: date,
  to: date,
  townshipId: z.string().max(64).optional().default(""),
  bankId: z.string().max(64).optional().default(""),
  status: z.enum(LEDGER_STATUS_FILTERS).optional().default("active"),
});
export type LedgerFilters = z.infer<typeof LedgerFilters>;

export type LedgerRow = {
  id: string;
  contractNumber: string;
  borrower: string;
  idNumber: string;
  kind: "household" | "enterprise";
  township: string;
  village: string;
  bank: string;
  disbursedOn: string;
  maturityDate: string;
  termMonths: number;
  rate: string;
  principal: string;
  outstanding: string;
  status: LoanState;
  statusLabel: string;
};

const iso = (d: Date) => d.toISOString().slice(0, 10);

function ledgerWhere(actor: Actor, f: LedgerFilters): Prisma.LoanWhereInput {
  if (f.from && f.to && f.from > f.to) throw AppError.field("to", "截止日期不能早于起始日期");
  // The scope is ANDed, never spread beside the filters: a township officer's scope is a
  // townshipId, which the filter's townshipId would otherwise replace (another township's ledger).
  const where: Prisma.LoanWhereInput = {
    AND: [areaScope(actor)],
    ...(f.townshipId ? { townshipId: f.townshipId } : {}),
    ...(f.bankId ? { bankId: f.bankId } : {}),
    ...(f.status === "active" ? { status: { notIn: ["repaid", "writtenOffCaseKept"] } } : f.status === "all" ? {} : { status: f.status }),
    ...(f.from || f.to
      ? { disbursedOn: { ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}), ...(f.to ? { lte: new Date(`${f.to}T00:00:00Z`) } : {}) } }
      : {}),
  };
  return where;
}

const LEDGER_ORDER: Prisma.LoanOrderByWithRelationInput[] = [{ disbursedOn: "asc" }, { contractNumber: "asc" }, { id: "asc" }];

/**
 * One screen page of the loan ledger (贷款台账) in the actor's scope with the filters, in
 * disbursement order, and the totals of every matching loan (PostgreSQL's exact numeric sums of
 * the same rows the workbook lists, so the screen's totals equal the workbook's 合计 row).
 */
export async function loadLedgerPage(tx: Tx, actor: Actor, f: LedgerFilters, page: number, pageRows = LEDGER_PAGE_ROWS) {
  const where = ledgerWhere(actor, f);
  const sums = await tx.loan.aggregate({ where, _count: { _all: true }, _sum: { principal: true, outstandingPrincipal: true } });
  const count = sums._count._all;
  const pages = Math.max(1, Math.ceil(count / pageRows));
  const shown = Math.min(Math.max(1, page), pages);
  const loans = await tx.loan.findMany({ where, orderBy: LEDGER_ORDER, skip: (shown - 1) * pageRows, take: pageRows });
  const total = {
    count,
    principal: new D(sums._sum.principal?.toString() ?? 0).toFixed(2),
    outstanding: new D(sums._sum.outstandingPrincipal?.toString() ?? 0).toFixed(2),
  };
  return { rows: await ledgerRows(tx, actor, loans), total, page: shown, pages, fullIdNumbers: fullIdNumbers(actor) };
}

/**
 * The whole loan ledger for the workbook, and its totals (summed as Decimal over the very rows
 * returned, so the 合计 row always equals its rows). Refused above LEDGER_MAX_ROWS rows.
 */
export async function loadLedger(tx: Tx, actor: Actor, f: LedgerFilters) {
  const where = ledgerWhere(actor, f);
  const count = await tx.loan.count({ where });
  if (count > LEDGER_MAX_ROWS) {
    throw new AppError("VALIDATION", `符合条件的贷款有 ${count} 笔，超过 ${LEDGER_MAX_ROWS} 笔，请缩小放款期间或增加筛选条件。`);
  }
  const loans = await tx.loan.findMany({ where, orderBy: LEDGER_ORDER });
  const rows = await ledgerRows(tx, actor, loans);
  let principal = new D(0);
  let outstanding = new D(0);
  for (const r of rows) {
    principal = principal.plus(r.principal);
    outstanding = outstanding.plus(r.outstanding);
  }
  return { rows, total: { count: rows.length, principal: principal.toFixed(2), outstanding: outstanding.toFixed(2) }, fullIdNumbers: fullIdNumbers(actor) };
}

const fullIdNumbers = (actor: Actor) => PERSONAL_DATA_ACCESS[actor.role].idNumber === "everywhere";

/** The ledger's rows for `loans`: borrowers, units and banks looked up, ID numbers masked unless the actor is a county officer. */
async function ledgerRows(tx: Tx, actor: Actor, loans: Prisma.LoanGetPayload<object>[]): Promise<LedgerRow[]> {
  const ids = <K extends "householdId" | "enterpriseId" | "bankId">(k: K) => [...new Set(loans.flatMap((l) => (l[k] ? [l[k] as string] : [])))];
  const [households, enterprises, banks, units] = await Promise.all([
    tx.household.findMany({ where: { id: { in: ids("householdId") } }, select: { id: true, headName: true, idNumber: true } }),
    tx.enterprise.findMany({ where: { id: { in: ids("enterpriseId") } }, select: { id: true, name: true, creditCode: true } }),
    tx.bank.findMany({ where: { id: { in: ids("bankId") } }, select: { id: true, name: true } }),
    tx.orgUnit.findMany({
      where: { id: { in: [...new Set(loans.flatMap((l) => [l.townshipId, ...(l.villageId ? [l.villageId] : [])]))] } },
      select: { id: true, name: true },
    }),
  ]);
  const household = new Map(households.map((h) => [h.id, h]));
  const enterprise = new Map(enterprises.map((e) => [e.id, e]));
  const bank = new Map(banks.map((b) => [b.id, b.name]));
  const unit = new Map(units.map((u) => [u.id, u.name]));
  return loans.map((l) => {
    const h = l.householdId ? household.get(l.householdId) : undefined;
    const e = l.enterpriseId ? enterprise.get(l.enterpriseId) : undefined;
    const idNumber = h ? idNumberFor(actor, h.idNumber) : (e?.creditCode ?? "");
    return {
      id: l.id,
      contractNumber: l.contractNumber,
      borrower: h?.headName ?? e?.name ?? "",
      idNumber,
      kind: l.kind,
      township: unit.get(l.townshipId) ?? "",
      village: l.villageId ? (unit.get(l.villageId) ?? "") : "",
      bank: bank.get(l.bankId) ?? "",
      disbursedOn: iso(l.disbursedOn),
      maturityDate: iso(l.maturityDate),
      termMonths: l.termMonths,
      rate: new D(l.rate.toString()).times(100).toFixed(2),
      principal: new D(l.principal.toString()).toFixed(2),
      outstanding: new D(l.outstandingPrincipal.toString()).toFixed(2),
      status: l.status,
      statusLabel: LOAN_STATE_LABELS[l.status],
    };
  });
}

/** The townships and banks the actor may filter by. */
export async function ledgerOptions(tx: Tx, actor: Actor) {
  const townships = await scopedTownships(tx, actor);
  const banks = await tx.bank.findMany({
    where: actor.countyId ? { countyId: actor.countyId } : {},
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return { townships, banks };
}
