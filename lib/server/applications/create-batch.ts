import "server-only";
import { z } from "zod";
import { bankProcessingDeadline } from "@/lib/domain/workflow";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { countyCalendar } from "../policy/county-calendar";
import { defineMutation } from "../use-case";
import { fireApplicationEvent } from "./fire-event";

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/** The county centre forwards approved applications to one partner bank as a batch (批转). */
export const createBatch = defineMutation({
  name: "batch.create",
  roles: ["county_officer"],
  input: z.object({
    bankId: z.string({ error: "请选择合作银行" }).uuid("请选择合作银行"),
    applicationIds: z.array(z.string().uuid()).min(1, "请至少选择一件申请").max(1000, "一批最多 1000 件"),
  }),
  async run({ actor, input, tx, audit, now }) {
    const countyId = actor.countyId ?? "";
    const bank = await tx.bank.findFirst({ where: { id: input.bankId, countyId, active: true } });
    if (!bank) throw AppError.field("bankId", "请选择本县在用的合作银行");
    const apps = await tx.application.findMany({ where: { id: { in: input.applicationIds }, countyId } });
    if (apps.length !== new Set(input.applicationIds).size) throw AppError.notFound("申请");
    const today = shanghaiToday(now);
    const profile = await activeProfile(tx, countyId, today);
    const deadline = bankProcessingDeadline(today, await countyCalendar(tx, countyId), profile.settings.process.bankProcessingWorkingDays);
    const batch = await tx.batch.create({
      data: { countyId, bankId: bank.id, createdById: actor.userId, sentOn: day(today), deadline: day(deadline) },
    });
    for (const app of apps) {
      await fireApplicationEvent({
        tx, actor, audit, application: app, event: "sendToBank", ctx: {},
        data: { batchId: batch.id }, comment: `批转${bank.name}，办结时限 ${deadline}`,
      });
    }
    await audit({ action: "batch.create", entity: "Batch", entityId: batch.id, countyId, after: { ...batch, applications: apps.length } });
    return { id: batch.id, deadline };
  },
});
