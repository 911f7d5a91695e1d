import "server-only";
import { z } from "zod";
import { lockKey } from "../concurrency";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { requiredText } from "../validation";
import { loadRunInScope, moveRun } from "./subsidy-records";

/**
 * The county resolves one difference between the bank's statement and the portal with a reason
 * (the portal's computation stands: the claim pays the portal's amounts). When the last
 * difference is resolved the claim is reconciled.
 */
export const resolveStatementLine = defineMutation({
  name: "subsidy.resolveStatementLine",
  roles: ["county_officer"],
  input: z.object({ id: z.string(), resolution: requiredText(500, "处理说明") }),
  async run({ actor, input, tx, audit, now }) {
    if (!/^[0-9a-f-]{36}$/i.test(input.id)) throw AppError.notFound("对账差异");
    const line = await tx.bankStatementLine.findUnique({ where: { id: input.id } });
    if (!line) throw AppError.notFound("对账差异");
    // One claim's differences are resolved one at a time, so the last one always closes it.
    await lockKey(tx, `subsidy-run:${line.runId}`);
    const run = await loadRunInScope(tx, actor, line.runId);
    if (run.status !== "computed") throw new AppError("CONFLICT", "该贴息申报已对账完毕或已审核认定，差异不能再处理。");
    if (line.status === "matched" || line.status === "resolved") {
      throw new AppError("CONFLICT", "该行没有待处理的差异（可能刚被他人处理，请刷新页面）。");
    }
    const changed = await tx.bankStatementLine.updateMany({
      where: { id: line.id, status: line.status },
      data: { status: "resolved", resolution: input.resolution, resolvedById: actor.userId, resolvedAt: now },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT", "该差异刚被他人处理，请刷新页面。");
    await audit({
      action: "subsidy.resolveStatementLine", entity: "BankStatementLine", entityId: line.id, countyId: run.countyId,
      before: { status: line.status, bankAmount: line.bankAmount, portalAmount: line.portalAmount },
      after: { status: "resolved", resolution: input.resolution },
    });
    const open = await tx.bankStatementLine.count({ where: { runId: run.id, status: { in: ["differs", "missingInPortal", "missingInStatement"] } } });
    if (open === 0) {
      await moveRun(tx, run, "computed", "reconciled");
      await audit({ action: "subsidy.reconciled", entity: "SubsidyRun", entityId: run.id, countyId: run.countyId, before: { status: "computed" }, after: { status: "reconciled" } });
    }
    return { id: line.id, open, reconciled: open === 0 };
  },
});
