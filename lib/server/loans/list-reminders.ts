import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { D } from "@/lib/domain/decimal";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { areaScope } from "../scope";
import { defineQuery } from "../use-case";
import { phoneFor } from "../households/household-view";
import { borrowerNames } from "./borrowers";
import { iso } from "./loan-records";

/**
 * Reminders by area: township cadres their township's, others their county's. A bank officer is
 * further limited to its own bank's loans by the caller.
 */
export function reminderScope(actor: Actor): Prisma.ReminderWhereInput {
  const area = areaScope(actor);
  if (actor.role === "village_cadre") throw new AppError("FORBIDDEN", "您的角色无权执行此操作。");
  return { ...(area.countyId ? { countyId: area.countyId } : {}), ...(area.townshipId ? { townshipId: area.townshipId } : {}) };
}

/**
 * Dengzhou rule reminders (issue 6, item 3): instalments due within 60 days (notify) and 30 days
 * (written notice), for township cadres and banks, with what is still to pay and whether the
 * reminder was delivered. Optionally one reminder (`id`), for its printed notice.
 */
export const listReminders = defineQuery({
  name: "reminder.list",
  roles: ["township_officer", "county_officer", "bank_officer", "auditor"],
  input: z
    .object({
      kind: z.enum(["notify", "writtenNotice", "all"]).optional().default("all"),
      delivered: z.enum(["yes", "no", "all"]).optional().default("no"),
      id: z.string().uuid().optional(),
    })
    .optional()
    .default({ kind: "all", delivered: "no" }),
  async run({ actor, input, tx }) {
    const where: Prisma.ReminderWhereInput = {
      ...reminderScope(actor),
      ...(input.kind === "all" ? {} : { kind: input.kind }),
      ...(input.delivered === "all" ? {} : { deliveredAt: input.delivered === "yes" ? { not: null } : null }),
      ...(input.id ? { id: input.id } : {}),
    };
    if (actor.role === "bank_officer") {
      const own = await tx.loan.findMany({ where: { countyId: actor.countyId ?? "", bankId: actor.bankId ?? "" }, select: { id: true } });
      where.loanId = { in: own.map((l) => l.id) };
    }
    const reminders = await tx.reminder.findMany({ where, orderBy: [{ dueDate: "asc" }, { kind: "desc" }], take: 500 });
    const [loans, items] = await Promise.all([
      tx.loan.findMany({ where: { id: { in: [...new Set(reminders.map((r) => r.loanId))] } } }),
      tx.scheduleItem.findMany({ where: { id: { in: reminders.map((r) => r.scheduleItemId) } } }),
    ]);
    const loanById = new Map(loans.map((l) => [l.id, l]));
    const itemById = new Map(items.map((i) => [i.id, i]));
    const names = await borrowerNames(tx, loans);
    const [units, banks, households] = await Promise.all([
      tx.orgUnit.findMany({ where: { id: { in: loans.flatMap((l) => [l.townshipId, ...(l.villageId ? [l.villageId] : [])]) } }, select: { id: true, name: true } }),
      tx.bank.findMany({ where: { id: { in: loans.map((l) => l.bankId) } }, select: { id: true, name: true } }),
      tx.household.findMany({ where: { id: { in: loans.flatMap((l) => (l.householdId ? [l.householdId] : [])) } }, select: { id: true, address: true, phone: true } }),
    ]);
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const bankName = new Map(banks.map((b) => [b.id, b.name]));
    const household = new Map(households.map((h) => [h.id, h]));
    return reminders.map((r) => {
      const loan = loanById.get(r.loanId)!;
      const item = itemById.get(r.scheduleItemId);
      const principal = item ? new D(item.principalDue.toString()).minus(item.principalPaid.toString()) : new D(0);
      const interest = item ? new D(item.interestDue.toString()).minus(item.interestPaid.toString()) : new D(0);
      const h = loan.householdId ? household.get(loan.householdId) : undefined;
      return {
        id: r.id, kind: r.kind, dueDate: iso(r.dueDate), raisedOn: iso(r.raisedOn), delivered: r.deliveredAt !== null,
        deliveredAt: r.deliveredAt ? r.deliveredAt.toISOString() : null,
        loanId: loan.id, contractNumber: loan.contractNumber, borrower: names.get(loan.id) ?? "",
        address: h?.address ?? "", phone: phoneFor(actor, h?.phone ?? null, "reminders") ?? "",
        township: unitName.get(loan.townshipId) ?? "", village: loan.villageId ? (unitName.get(loan.villageId) ?? "") : "",
        bank: bankName.get(loan.bankId) ?? "", loanPrincipal: loan.principal.toFixed(2), disbursedOn: iso(loan.disbursedOn),
        principalDue: principal.toFixed(2), interestDue: interest.toFixed(2), totalDue: principal.plus(interest).toFixed(2),
        settled: item?.status === "paid",
      };
    });
  },
});
