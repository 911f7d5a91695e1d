import "server-only";
import type { Loan, ScheduleItem } from "@/generated/prisma/client";
import { D } from "@/lib/domain/decimal";
import { lossToSplit, splitLoss } from "@/lib/domain/risk-sharing";
import type { BorrowerClass } from "@/lib/domain/reference/sharing-schemes";
import type { Role } from "@/lib/domain/roles";
import type { AuditInput } from "../audit";
import type { Tx } from "../db";
import type { ActiveProfile } from "../policy/active-profile";
import { day, iso, nextLoanState, setLoanState } from "./loan-records";

export async function borrowerClass(tx: Tx, loan: Pick<Loan, "kind" | "enterpriseId">): Promise<BorrowerClass> {
  if (loan.kind === "household" || !loan.enterpriseId) return "household";
  const e = await tx.enterprise.findUnique({ where: { id: loan.enterpriseId }, select: { agricultural: true } });
  return e?.agricultural === false ? "nonagri_enterprise" : "agri_enterprise";
}

export type LossCaseData = {
  unpaidPrincipal: string;
  unpaidInterest: string;
  loss: string;
  scheme: string;
  shares: { party: string; ratio: string; amount: string }[];
};

/**
 * POLICY §8, §15.3–15.4: the loss to split is the unpaid principal plus the unpaid contractual
 * interest of the instalments due by `interestUpTo`, shared by the county's scheme for the
 * borrower's class, each share to the fen (summing exactly). A problem when the profile's ratios
 * for that class are incomplete.
 */
export function lossCaseData(o: {
  loan: Loan & { schedule: ScheduleItem[] };
  profile: ActiveProfile;
  cls: BorrowerClass;
  interestUpTo: string;
}): LossCaseData | { problem: string } {
  const { loan, profile, cls } = o;
  const ratios = profile.settings.sharing.ratios[cls];
  if (!ratios || ratios.length === 0 || ratios.some((r) => r.ratio === null)) {
    return { problem: `政策参数中“${cls}”的损失分担比例未填写完整，贷款 ${loan.contractNumber} 暂未分担` };
  }
  const unpaidInterest = loan.schedule
    .filter((s) => iso(s.dueDate) <= o.interestUpTo)
    .reduce((acc, s) => acc.plus(s.interestDue.toString()).minus(s.interestPaid.toString()), new D(0))
    .toFixed(2);
  const unpaidPrincipal = loan.outstandingPrincipal.toFixed(2);
  const loss = lossToSplit({ unpaidPrincipal, unpaidInterest });
  const shareRatios = ratios.map((r) => ({ party: r.party, ratio: r.ratio as string }));
  const shares = splitLoss(loss, shareRatios).map((s, i) => ({ party: s.party, ratio: shareRatios[i].ratio, amount: s.amount }));
  return { unpaidPrincipal, unpaidInterest, loss, scheme: profile.settings.sharing.scheme ?? "negotiated", shares };
}

/**
 * Opens the loss-sharing case of one loan and moves the loan to `split`: at buffer end (the daily
 * job does this in bulk with lossCaseData) or, in Guizhou, when the county approves a claim.
 */
export async function openLossCase(o: {
  tx: Tx;
  audit: (e: AuditInput) => Promise<void>;
  loan: Loan & { schedule: ScheduleItem[] };
  profile: ActiveProfile;
  bufferEnds: string;
  splitDeadline: string;
  today: string;
  /** Guizhou: the county approves a compensation claim instead of the buffer simply ending. */
  claim?: { role: Role; actorId: string; previousActorIds: string[] };
  /** The date up to which unpaid contractual interest counts (default: the buffer's last day). */
  interestUpTo?: string;
}): Promise<{ caseId: string } | { problem: string }> {
  const { tx, loan, profile, bufferEnds, splitDeadline, today } = o;
  const data = lossCaseData({ loan, profile, cls: await borrowerClass(tx, loan), interestUpTo: o.interestUpTo ?? bufferEnds });
  if ("problem" in data) return data;
  const status = o.claim
    ? nextLoanState(loan.status, "approveClaim", o.claim.role, { actorId: o.claim.actorId, previousActorIds: o.claim.previousActorIds })
    : nextLoanState(loan.status, "splitLoss", "system", { today, bufferEndsOn: bufferEnds });
  const { shares, ...amounts } = data;
  const lossCase = await tx.lossCase.create({
    data: {
      loanId: loan.id, countyId: loan.countyId, ...amounts,
      bufferEndsOn: day(bufferEnds), splitDeadline: day(splitDeadline), profileVersion: profile.version,
      shares: { create: shares },
    },
  });
  await setLoanState(tx, loan, { status });
  await o.audit({
    action: o.claim ? "loan.approveClaim" : "loan.splitLoss",
    entity: "LossCase",
    entityId: lossCase.id,
    countyId: loan.countyId,
    before: { loanStatus: loan.status },
    after: { loanId: loan.id, loanStatus: status, ...data, bufferEnds, splitDeadline },
  });
  return { caseId: lossCase.id };
}
