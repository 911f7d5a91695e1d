import "server-only";
import { z } from "zod";
import { LOAN_STATES, type LoanState } from "@/lib/domain/loan-workflow";
import { queryRows, statement } from "../sql";
import { defineQuery } from "../use-case";
import { loanScope } from "./loan-records";

const PAGE = 50;

type LoanListRow = {
  id: string;
  contractNumber: string;
  borrower: string;
  bank: string;
  principal: string;
  outstanding: string;
  status: LoanState;
  disbursedOn: string;
  maturityDate: string;
  nextDue: string | null;
  overdueSince: string | null;
};

const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/**
 * The WHERE clause of the list for the actor's scope (loanScope: one area column, and the bank
 * for a bank officer) and the filters, with its values. The contract number matches as text
 * (strpos), so "%" or "_" typed into the search box are characters, not patterns.
 */
function listWhere(scope: Record<string, string | undefined>, status: string, q: string) {
  const values: unknown[] = [];
  const where = Object.entries(scope).flatMap(([column, value]) => (value === undefined ? [] : [`l."${column}" = $${values.push(value)}`]));
  if (status === "active") where.push(`l.status <> 'repaid'`);
  else if (status !== "all") where.push(`l.status = $${values.push(status)}::"LoanStatus"`);
  if (q) where.push(`strpos(l."contractNumber", $${values.push(q)}) > 0`);
  return { text: where.length ? where.join(" AND ") : "TRUE", values };
}

/**
 * Loans in the actor's scope, filtered by status, with the next instalment and any overdue amount.
 * Bank officers and county staff open it all day: two prepared statements (../sql.ts), the page
 * and the count, instead of five Prisma queries and a loan's every unpaid instalment.
 */
export const listLoans = defineQuery({
  name: "loan.list",
  roles: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor"],
  input: z
    .object({
      status: z.enum([...LOAN_STATES, "all", "active"]).optional().default("active"),
      q: z.string().trim().max(40).optional().default(""),
      page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
    })
    .optional()
    .default({ status: "active", q: "", page: 1 }),
  async run({ actor, input }) {
    const where = listWhere(loanScope(actor), input.status, input.q);
    const offset = where.values.length + 1;
    const [[{ total }], loans] = await Promise.all([
      queryRows<{ total: number }>(statement(`SELECT count(*)::int AS total FROM "Loan" l WHERE ${where.text}`), where.values),
      queryRows<LoanListRow>(
        statement(
          `SELECT l.id, l."contractNumber", coalesce(h."headName", e.name, '') AS borrower, b.name AS bank,
             l.principal::text AS principal, l."outstandingPrincipal"::text AS outstanding, l.status::text AS status,
             ${day('l."disbursedOn"')} AS "disbursedOn", ${day('l."maturityDate"')} AS "maturityDate",
             (SELECT ${day('s."dueDate"')} FROM "ScheduleItem" s WHERE s."loanId" = l.id AND s.status <> 'paid' ORDER BY s.seq LIMIT 1) AS "nextDue",
             (SELECT ${day('s."dueDate"')} FROM "ScheduleItem" s WHERE s."loanId" = l.id AND s.status = 'overdue' ORDER BY s.seq LIMIT 1) AS "overdueSince"
           FROM "Loan" l
           JOIN "Bank" b ON b.id = l."bankId"
           LEFT JOIN "Household" h ON h.id = l."householdId"
           LEFT JOIN "Enterprise" e ON e.id = l."enterpriseId"
           WHERE ${where.text}
           ORDER BY l.status, l."disbursedOn" DESC, l.id
           LIMIT ${PAGE} OFFSET $${offset}`,
        ),
        [...where.values, (input.page - 1) * PAGE],
      ),
    ]);
    return {
      total, page: input.page, pages: Math.max(1, Math.ceil(total / PAGE)),
      loans,
      mayRecord: actor.role === "bank_officer" || actor.role === "county_officer",
    };
  },
});
