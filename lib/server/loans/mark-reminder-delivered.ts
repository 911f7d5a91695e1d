import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { reminderScope } from "./list-reminders";

/** A township cadre or the bank records that the reminder (or written notice) reached the borrower. */
export const markReminderDelivered = defineMutation({
  name: "reminder.markDelivered",
  roles: ["township_officer", "county_officer", "bank_officer"],
  input: z.object({ id: z.string().uuid({ error: "提醒记录无效" }) }),
  async run({ actor, input, tx, audit, now }) {
    const reminder = await tx.reminder.findFirst({ where: { id: input.id, ...reminderScope(actor) } });
    if (!reminder) throw AppError.notFound("提醒");
    if (actor.role === "bank_officer") {
      const loan = await tx.loan.findFirst({ where: { id: reminder.loanId, bankId: actor.bankId ?? "" } });
      if (!loan) throw AppError.notFound("提醒");
    }
    const updated = await tx.reminder.updateMany({ where: { id: reminder.id, deliveredAt: null }, data: { deliveredAt: now, deliveredById: actor.userId } });
    if (updated.count !== 1) throw new AppError("CONFLICT", "该提醒已登记送达，请刷新页面。");
    await audit({ action: "reminder.markDelivered", entity: "Reminder", entityId: reminder.id, countyId: reminder.countyId, after: { kind: reminder.kind, deliveredAt: now } });
    return { id: reminder.id };
  },
});
