import "server-only";
import { z } from "zod";
import { isValidDate } from "@/lib/domain/calendar";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { requiredText } from "../validation";
import { day, loadRunInScope, moveRun } from "./subsidy-records";

/** The finance bureau records the payment of an approved claim: the date and the voucher number (凭证号). */
export const recordSubsidyPayment = defineMutation({
  name: "subsidy.pay",
  roles: ["finance_officer"],
  input: z.object({
    id: z.string(),
    paidOn: z.string({ error: "请填写拨付日期" }).trim().refine(isValidDate, "拨付日期应为 YYYY-MM-DD"),
    voucherNumber: requiredText(40, "凭证号"),
  }),
  async run({ actor, input, tx, audit, now }) {
    const run = await loadRunInScope(tx, actor, input.id);
    if (input.paidOn > shanghaiToday(now)) throw AppError.field("paidOn", "拨付日期不能晚于今天");
    if (run.approvedAt && input.paidOn < shanghaiToday(run.approvedAt)) {
      throw AppError.field("paidOn", "拨付日期不能早于财政审批日期");
    }
    await moveRun(tx, run, "approved", "paid", { paidOn: day(input.paidOn), voucherNumber: input.voucherNumber });
    await audit({
      action: "subsidy.pay", entity: "SubsidyRun", entityId: run.id, countyId: run.countyId,
      before: { status: run.status }, after: { status: "paid", paidOn: input.paidOn, voucherNumber: input.voucherNumber, total: run.total },
    });
    return { id: run.id };
  },
});
