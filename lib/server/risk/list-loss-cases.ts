import "server-only";
import { z } from "zod";
import { SHARING_PARTY_LABELS, type SharingParty } from "@/lib/domain/reference/sharing-schemes";
import { compareDates } from "@/lib/domain/calendar";
import { shanghaiToday } from "../clock";
import { borrowerNames } from "../loans/borrowers";
import { iso, loanScope } from "../loans/loan-records";
import { defineQuery } from "../use-case";
import { mayActForParty } from "./loss-case-records";

/** Loss-sharing cases in the actor's scope, newest first, with each party's share and status and the recoveries. */
export const listLossCases = defineQuery({
  name: "lossCase.list",
  roles: ["county_officer", "bank_officer", "finance_officer", "township_officer", "auditor"],
  input: z
    .object({ status: z.enum(["open", "settled", "all"]).optional().default("all"), id: z.string().uuid().optional() })
    .optional()
    .default({ status: "all" }),
  async run({ actor, input, tx, now }) {
    const today = shanghaiToday(now);
    const loans = await tx.loan.findMany({
      where: { ...loanScope(actor), status: { in: ["split", "writtenOffCaseKept", "repaid", "claim"] } },
      select: { id: true, contractNumber: true, householdId: true, enterpriseId: true, bankId: true, status: true },
    });
    const loanById = new Map(loans.map((l) => [l.id, l]));
    const cases = await tx.lossCase.findMany({
      where: { loanId: { in: loans.map((l) => l.id) }, ...(input.status === "all" ? {} : { status: input.status }), ...(input.id ? { id: input.id } : {}) },
      include: { shares: { orderBy: [{ ratio: "desc" }, { party: "asc" }] }, recoveries: { orderBy: { receivedOn: "asc" } } },
      orderBy: { serial: "desc" },
      take: 200,
    });
    const names = await borrowerNames(tx, loans);
    const banks = new Map((await tx.bank.findMany({ where: { id: { in: loans.map((l) => l.bankId) } } })).map((b) => [b.id, b.name]));
    return cases.map((c) => {
      const loan = loanById.get(c.loanId)!;
      const deadline = iso(c.splitDeadline);
      return {
        id: c.id,
        number: `FD${String(c.serial).padStart(6, "0")}`,
        contractNumber: loan.contractNumber,
        borrower: names.get(loan.id) ?? "",
        bank: banks.get(loan.bankId) ?? "",
        loanStatus: loan.status,
        scheme: c.scheme,
        unpaidPrincipal: c.unpaidPrincipal.toFixed(2),
        unpaidInterest: c.unpaidInterest.toFixed(2),
        loss: c.loss.toFixed(2),
        bufferEndsOn: iso(c.bufferEndsOn),
        splitDeadline: deadline,
        late: c.status === "open" && compareDates(today, deadline) > 0,
        status: c.status,
        mayRecordRecovery: (actor.role === "county_officer" || (actor.role === "bank_officer" && loan.bankId === actor.bankId)),
        mayReturnToFund: actor.role === "county_officer" || actor.role === "finance_officer",
        shares: c.shares.map((s) => ({
          id: s.id,
          party: s.party,
          partyLabel: SHARING_PARTY_LABELS[s.party as SharingParty] ?? s.party,
          ratio: s.ratio.toFixed(4),
          amount: s.amount.toFixed(2),
          status: s.status,
          reference: s.reference,
          mayAct: c.status === "open" && mayActForParty(actor, s.party) && (actor.role !== "bank_officer" || loan.bankId === actor.bankId),
        })),
        recoveries: c.recoveries.map((r) => {
          const stored = r.shares as { net?: string; shares?: { party: string; amount: string }[] };
          const dueBy = r.fundDueBy ? iso(r.fundDueBy) : null;
          const paidOn = r.fundPaidOn ? iso(r.fundPaidOn) : null;
          return {
            id: r.id,
            amount: r.amount.toFixed(2),
            costs: r.costs.toFixed(2),
            net: stored.net ?? "",
            receivedOn: iso(r.receivedOn),
            shares: (stored.shares ?? []).map((s) => ({ ...s, partyLabel: SHARING_PARTY_LABELS[s.party as SharingParty] ?? s.party })),
            fundDueBy: dueBy,
            fundPaidOn: paidOn,
            fundLate: dueBy !== null && (paidOn ? paidOn > dueBy : today > dueBy),
          };
        }),
      };
    });
  },
});
