import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { loadRunInScope, moveRun, RUN_STATUS_LABELS } from "./subsidy-records";

/**
 * 审核认定 (issue 7, step 3): a county officer other than the one who computed the claim certifies
 * it once the bank's statement is reconciled (maker-checker).
 */
export const certifySubsidyRun = defineMutation({
  name: "subsidy.certify",
  roles: ["county_officer"],
  input: z.object({ id: z.string() }),
  async run({ actor, input, tx, audit, now }) {
    const run = await loadRunInScope(tx, actor, input.id);
    if (run.status === "computed") {
      throw new AppError("RULE_VIOLATION", "须先上传银行贴息对账单并处理全部差异（对账完成）后，方可审核认定。", { _form: ["须先完成对账。"] });
    }
    if (run.computedById === actor.userId) {
      const message = "审核认定须由另一名县级工作人员办理，不能认定自己计算的贴息申报。";
      throw new AppError("RULE_VIOLATION", message, { _form: [message] });
    }
    await moveRun(tx, run, "reconciled", "certified", { certifiedById: actor.userId, certifiedAt: now });
    await audit({
      action: "subsidy.certify", entity: "SubsidyRun", entityId: run.id, countyId: run.countyId,
      before: { status: run.status }, after: { status: "certified", total: run.total },
    });
    return { id: run.id, status: RUN_STATUS_LABELS.certified };
  },
});
