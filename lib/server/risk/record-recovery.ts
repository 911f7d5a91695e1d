import "server-only";
import { z } from "zod";
import { recoveryReturnDeadline } from "@/lib/domain/default-timeline";
import { distributeRecovery } from "@/lib/domain/risk-sharing";
import { D } from "@/lib/domain/decimal";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { day, iso, nextLoanState } from "../loans/loan-records";
import { activeProfile } from "../policy/active-profile";
import { countyCalendar } from "../policy/county-calendar";
import { defineMutation } from "../use-case";
import { isoDate } from "../validation";
import { FUND_PARTY, loadLossCaseInScope } from "./loss-case-records";

const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
const money = (label: string) =>
  z.string({ error: `请填写${label}` }).trim().transform((v) => v.replace(/[,，]/g, "")).pipe(z.string().regex(MONEY, `${label}须为非负金额，最多两位小数`));

/**
 * Money collected after the split (POLICY §8, §15.4): recovered minus collection costs goes back
 * to the parties pro rata (a negative net, when costs exceed the recovery, is shared the same
 * way). The fund's share is a recoveryReturn entry in the fund ledger; where the profile sets a
 * return deadline (Guizhou: 5 working days), it is posted when the money reaches the fund and
 * flagged when late.
 */
export const recordRecovery = defineMutation({
  name: "lossCase.recordRecovery",
  roles: ["county_officer", "bank_officer"],
  input: z.object({
    caseId: z.string(),
    amount: money("收回金额"),
    costs: money("追偿费用"),
    receivedOn: isoDate("收回日期"),
  }),
  async run({ actor, input, tx, audit, now }) {
    const { lossCase, loan } = await loadLossCaseInScope(tx, actor, input.caseId);
    const today = shanghaiToday(now);
    if (input.receivedOn > today) throw AppError.field("receivedOn", "收回日期不能晚于今天");
    if (input.receivedOn < iso(lossCase.bufferEndsOn)) throw AppError.field("receivedOn", "收回日期不能早于缓冲期满日");
    if (new D(input.amount).isZero() && new D(input.costs).isZero()) throw AppError.field("amount", "收回金额和追偿费用不能都为 0");
    nextLoanState(loan.status, "recordRecovery", actor.role);
    const ratios = lossCase.shares.map((s) => ({ party: s.party, ratio: s.ratio.toString() }));
    const { net, shares } = distributeRecovery({ recovered: input.amount, costs: input.costs, ratios });
    const profile = await activeProfile(tx, lossCase.countyId, input.receivedOn);
    const returnDays = profile.settings.defaultHandling.recoveryReturnWorkingDays;
    const fundDueBy = returnDays === null ? null : recoveryReturnDeadline(input.receivedOn, returnDays, await countyCalendar(tx, lossCase.countyId));
    const fundShare = shares.find((s) => s.party === FUND_PARTY)?.amount ?? "0.00";
    const postNow = fundDueBy === null && !new D(fundShare).isZero();
    const recovery = await tx.recovery.create({
      data: {
        caseId: lossCase.id, amount: input.amount, costs: input.costs, receivedOn: day(input.receivedOn),
        fundDueBy: fundDueBy ? day(fundDueBy) : null, fundPaidOn: postNow ? day(input.receivedOn) : null,
        shares: { net, shares }, recordedById: actor.userId,
      },
    });
    if (postNow) {
      await tx.fundLedgerEntry.create({
        data: {
          countyId: lossCase.countyId, kind: "recoveryReturn", amount: fundShare, occurredOn: day(input.receivedOn),
          reference: `追偿 ${loan.contractNumber}`, lossCaseId: lossCase.id, note: `收回 ${input.amount} 元，费用 ${input.costs} 元`, recordedById: actor.userId,
        },
      });
    }
    await audit({ action: "lossCase.recordRecovery", entity: "Recovery", entityId: recovery.id, countyId: lossCase.countyId, after: { ...input, net, shares, fundDueBy } });
    return { recoveryId: recovery.id, net, shares, fundDueBy };
  },
});
