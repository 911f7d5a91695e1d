import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { day } from "../loans/loan-records";
import { defineMutation } from "../use-case";
import { isoDate } from "../validation";

/** A budget injection into the county's risk compensation fund (county officer). */
export const recordFundDeposit = defineMutation({
  name: "riskFund.deposit",
  roles: ["county_officer"],
  input: z.object({
    amount: z.string({ error: "请填写金额" }).trim().transform((v) => v.replace(/[,，]/g, ""))
      .pipe(z.string().regex(/^\d{1,14}(\.\d{1,2})?$/, "金额须为正数，最多两位小数").refine((v) => /[1-9]/.test(v), "金额须大于 0")),
    occurredOn: isoDate("到账日期"),
    reference: z.string({ error: "请填写文号或凭证号" }).trim().min(1, "请填写文号或凭证号").max(64, "不能超过 64 个字符"),
    note: z.string().trim().max(200, "说明不能超过 200 个字").optional().default(""),
  }),
  async run({ actor, input, tx, audit, now }) {
    if (input.occurredOn > shanghaiToday(now)) throw AppError.field("occurredOn", "到账日期不能晚于今天");
    const entry = await tx.fundLedgerEntry.create({
      data: {
        countyId: actor.countyId!, kind: "deposit", amount: input.amount, occurredOn: day(input.occurredOn),
        reference: input.reference, note: input.note || null, recordedById: actor.userId,
      },
    });
    await audit({ action: "riskFund.deposit", entity: "FundLedgerEntry", entityId: entry.id, after: input });
    return { id: entry.id };
  },
});
