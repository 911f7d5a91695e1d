import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { applicationHalt } from "../risk/area-breaker";
import { refuseIfLenderHalted } from "../risk/lender-guard";
import { defineMutation } from "../use-case";
import { isoDate } from "../validation";
import { disburseApplication } from "./apply-bank-decision";
import { loadApplicationInScope } from "./load-application";

/** The bank records the disbursement of an application it approved earlier; the loan is created. */
export const recordDisbursement = defineMutation({
  name: "application.disburse",
  roles: ["bank_officer", "county_officer"],
  input: z.object({
    id: z.string(),
    disbursementDate: isoDate("放款日期"),
  }),
  async run({ actor, input, tx, audit, now }) {
    const app = await loadApplicationInScope(tx, actor, input.id);
    const today = shanghaiToday(now);
    if (input.disbursementDate > today) throw AppError.field("disbursementDate", "放款日期不能晚于今天");
    const updated = await tx.bankDecision.updateMany({
      where: { applicationId: app.id, outcome: "approved", disbursementDate: null },
      data: { disbursementDate: new Date(`${input.disbursementDate}T00:00:00Z`) },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "该申请不是“银行已审批、待放款”状态，请刷新页面。");
    const profile = await activeProfile(tx, app.countyId, today);
    const halt = await applicationHalt(tx, app, today, profile);
    const batch = await tx.batch.findUniqueOrThrow({ where: { id: app.batchId ?? "" } });
    await refuseIfLenderHalted(tx, app.countyId, batch.bankId, today, profile);
    return disburseApplication({ tx, actor, audit, application: app, today, areaHalted: halt.halted });
  },
});
