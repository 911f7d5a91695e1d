import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { day, iso } from "../loans/loan-records";
import { defineMutation } from "../use-case";
import { isoDate } from "../validation";
import { FUND_PARTY, loadLossCaseInScope } from "./loss-case-records";

/** Guizhou: the fund's share of a recovery reaches the fund (posted to the ledger; late if after fundDueBy). */
export const returnRecoveryToFund = defineMutation({
  name: "lossCase.returnRecoveryToFund",
  roles: ["county_officer", "finance_officer"],
  input: z.object({
    recoveryId: z.string(),
    paidOn: isoDate("到账日期"),
    reference: z.string({ error: "请填写凭证号" }).trim().min(1, "请填写凭证号").max(64),
  }),
  async run({ actor, input, tx, audit, now }) {
    if (!/^[0-9a-f-]{36}$/i.test(input.recoveryId)) throw AppError.notFound("追偿记录");
    const recovery = await tx.recovery.findUnique({ where: { id: input.recoveryId } });
    if (!recovery) throw AppError.notFound("追偿记录");
    const { lossCase } = await loadLossCaseInScope(tx, actor, recovery.caseId);
    if (input.paidOn > shanghaiToday(now)) throw AppError.field("paidOn", "到账日期不能晚于今天");
    if (input.paidOn < iso(recovery.receivedOn)) throw AppError.field("paidOn", "到账日期不能早于收回日期");
    const updated = await tx.recovery.updateMany({ where: { id: recovery.id, fundPaidOn: null }, data: { fundPaidOn: day(input.paidOn) } });
    if (updated.count !== 1) throw new AppError("CONFLICT", "该笔追偿款已登记返还风险补偿金，请刷新页面。");
    const stored = recovery.shares as { shares?: { party: string; amount: string }[] };
    const fundShare = stored.shares?.find((s) => s.party === FUND_PARTY)?.amount ?? "0.00";
    await tx.fundLedgerEntry.create({
      data: {
        countyId: lossCase.countyId, kind: "recoveryReturn", amount: fundShare, occurredOn: day(input.paidOn),
        reference: input.reference, lossCaseId: lossCase.id, recordedById: actor.userId,
      },
    });
    const late = recovery.fundDueBy !== null && input.paidOn > iso(recovery.fundDueBy);
    await audit({ action: "lossCase.returnRecoveryToFund", entity: "Recovery", entityId: recovery.id, countyId: lossCase.countyId, after: { ...input, fundShare, late } });
    return { late };
  },
});
