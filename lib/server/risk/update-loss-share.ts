import "server-only";
import { z } from "zod";
import { SHARING_PARTY_LABELS, type SharingParty } from "@/lib/domain/reference/sharing-schemes";
import { shanghaiToday } from "../clock";
import { lockRow } from "../concurrency";
import { AppError } from "../errors";
import { day, lockLoans, nextLoanState, setLoanState } from "../loans/loan-records";
import { defineMutation } from "../use-case";
import { FUND_PARTY, loadLossCaseInScope, mayActForParty } from "./loss-case-records";

const partyLabel = (p: string) => SHARING_PARTY_LABELS[p as SharingParty] ?? p;

/**
 * One party's share of a loss case: confirmed, then paid with the payment's reference
 * (compare-and-swap on the status the user saw). The county fund's payment posts a payout to
 * the fund ledger. When every share is paid, the case is settled and the loan written off with
 * the case kept (账销案存). The case row is locked first, so the parties' payments of one case
 * follow one another: the last one sees every other payment and settles the case (without the
 * lock, two last payments at once each saw the other unpaid and nobody settled it).
 */
export const updateLossShare = defineMutation({
  name: "lossShare.update",
  roles: ["county_officer", "bank_officer", "finance_officer"],
  input: z.discriminatedUnion("action", [
    z.object({ action: z.literal("confirm"), shareId: z.string(), expectedStatus: z.literal("pending") }),
    z.object({
      action: z.literal("pay"),
      shareId: z.string(),
      expectedStatus: z.literal("confirmed"),
      reference: z.string({ error: "请填写付款凭证号" }).trim().min(1, "请填写付款凭证号").max(64, "凭证号不能超过 64 个字符"),
    }),
  ], { error: "操作无效" }),
  async run({ actor, input, tx, audit, now }) {
    if (!/^[0-9a-f-]{36}$/i.test(input.shareId)) throw AppError.notFound("分担份额");
    const share = await tx.lossShare.findUnique({ where: { id: input.shareId } });
    if (!share) throw AppError.notFound("分担份额");
    const { lossCase, loan } = await loadLossCaseInScope(tx, actor, share.caseId);
    if (!mayActForParty(actor, share.party)) throw new AppError("FORBIDDEN", `您无权为“${partyLabel(share.party)}”办理此操作。`);
    await lockRow(tx, "LossCase", lossCase.id);
    const today = shanghaiToday(now);
    const data =
      input.action === "confirm"
        ? { status: "confirmed" as const, confirmedById: actor.userId, confirmedAt: now }
        : { status: "paid" as const, reference: input.reference, paidAt: now };
    const updated = await tx.lossShare.updateMany({ where: { id: share.id, status: input.expectedStatus }, data });
    if (updated.count !== 1) throw new AppError("CONFLICT", `“${partyLabel(share.party)}”的份额状态已被他人更改，请刷新页面。`);
    await audit({
      action: `lossShare.${input.action}`, entity: "LossShare", entityId: share.id, countyId: lossCase.countyId,
      before: { status: share.status }, after: { ...data, party: share.party, amount: share.amount.toFixed(2) },
    });
    if (input.action !== "pay") return { caseSettled: false };

    if (share.party === FUND_PARTY) {
      await tx.fundLedgerEntry.create({
        data: {
          countyId: lossCase.countyId, kind: "payout", amount: share.amount.negated(), occurredOn: day(today),
          reference: input.reference, lossCaseId: lossCase.id, note: `贷款 ${loan.contractNumber} 损失分担`, recordedById: actor.userId,
        },
      });
    }
    const unpaid = await tx.lossShare.count({ where: { caseId: lossCase.id, status: { not: "paid" } } });
    if (unpaid > 0) return { caseSettled: false };
    const settled = await tx.lossCase.updateMany({ where: { id: lossCase.id, status: "open" }, data: { status: "settled", settledAt: now } });
    if (settled.count !== 1) throw new AppError("CONFLICT", "该案件已结案，请刷新页面。");
    await lockLoans(tx, [loan.id]);
    const fresh = await tx.loan.findUniqueOrThrow({ where: { id: loan.id } });
    const status = nextLoanState(fresh.status, "writeOff", "system");
    await setLoanState(tx, fresh, { status });
    await audit({ action: "loan.writeOff", entity: "Loan", entityId: loan.id, countyId: loan.countyId, before: { status: fresh.status }, after: { status, lossCaseId: lossCase.id } });
    return { caseSettled: true };
  },
});
