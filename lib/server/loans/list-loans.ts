import "server-only";
import { z } from "zod";
import { LOAN_STATES } from "@/lib/domain/loan-workflow";
import type { Prisma } from "@/generated/prisma/client";
import { borrowerNames } from "./borrowers";
import { iso, loanScope } from "./loan-records";
import { defineQuery } from "../use-case";

const PAGE = 50;

/** Loans in the actor's scope, filtered by status, with the next instalment and any overdue amount. */
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
  async run({ actor, input, tx }) {
    const where: Prisma.LoanWhereInput = {
      ...loanScope(actor),
      ...(input.status === "all" ? {} : input.status === "active" ? { status: { notIn: ["repaid"] } } : { status: input.status }),
      ...(input.q ? { contractNumber: { contains: input.q } } : {}),
    };
    const [total, loans] = await Promise.all([
      tx.loan.count({ where }),
      tx.loan.findMany({
        where, orderBy: [{ status: "asc" }, { disbursedOn: "desc" }], skip: (input.page - 1) * PAGE, take: PAGE,
        // Only what the list shows: each Decimal column read is an object built per row.
        select: {
          id: true, contractNumber: true, householdId: true, enterpriseId: true, bankId: true, principal: true, outstandingPrincipal: true,
          status: true, disbursedOn: true, maturityDate: true,
          schedule: { where: { status: { not: "paid" } }, orderBy: { seq: "asc" }, select: { dueDate: true, status: true } },
        },
      }),
    ]);
    const names = await borrowerNames(tx, loans);
    const banks = new Map((await tx.bank.findMany({ where: { id: { in: [...new Set(loans.map((l) => l.bankId))] } } })).map((b) => [b.id, b.name]));
    return {
      total, page: input.page, pages: Math.max(1, Math.ceil(total / PAGE)),
      loans: loans.map((l) => {
        const next = l.schedule[0];
        const overdue = l.schedule.filter((s) => s.status === "overdue");
        return {
          id: l.id, contractNumber: l.contractNumber, borrower: names.get(l.id) ?? "", bank: banks.get(l.bankId) ?? "",
          principal: l.principal.toFixed(2), outstanding: l.outstandingPrincipal.toFixed(2), status: l.status,
          disbursedOn: iso(l.disbursedOn), maturityDate: iso(l.maturityDate),
          nextDue: next ? iso(next.dueDate) : null,
          overdueSince: overdue.length ? iso(overdue[0].dueDate) : null,
        };
      }),
      mayRecord: actor.role === "bank_officer" || actor.role === "county_officer",
    };
  },
});
