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

async function borrowerClass(tx: Tx, loan: Loan): Promise<BorrowerClass> {
  if (loan.kind === "household" || !loan.enterpriseId) return "household";
  const e = await tx.enterprise.findUnique({ where: { id: loan.enterpriseId }, select: { agricultural: true } });
  return e?.agricultural === false ? "nonagri_enterprise" : "agri_enterprise";
}

/**
 * At the end of the buffer (POLICY §8, §15.3–15.5) the loss is split: unpaid principal plus the
 * unpaid contractual interest of the instalments due by the buffer's last day, shared by the
 * county's scheme for the borrower's class, each share to the fen. The loan moves to `split`.
 * Returns null (and writes nothing) when the profile's ratios for that class are incomplete.
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
  const interestUpTo = o.interestUpTo ?? bufferEnds;
  const cls = await borrowerClass(tx, loan);
  const ratios = profile.settings.sharing.ratios[cls];
  if (!ratios || ratios.length === 0 || ratios.some((r) => r.ratio === null)) {
    return { problem: `政策参数中“${cls}”的损失分担比例未填写完整，贷款 ${loan.contractNumber} 暂未分担` };
  }
  const unpaidInterest = loan.schedule
    .filter((s) => iso(s.dueDate) <= interestUpTo)
    .reduce((acc, s) => acc.plus(new D(s.interestDue.toFixed(2)).minus(s.interestPaid.toFixed(2))), new D(0));
  const unpaidPrincipal = loan.outstandingPrincipal.toFixed(2);
  const loss = lossToSplit({ unpaidPrincipal, unpaidInterest: unpaidInterest.toFixed(2) });
  const shareRatios = ratios.map((r) => ({ party: r.party, ratio: r.ratio as string }));
  const shares = splitLoss(loss, shareRatios);
  const status = o.claim
    ? nextLoanState(loan.status, "approveClaim", o.claim.role, { actorId: o.claim.actorId, previousActorIds: o.claim.previousActorIds })
    : nextLoanState(loan.status, "splitLoss", "system", { today, bufferEndsOn: bufferEnds });
  const lossCase = await tx.lossCase.create({
    data: {
      loanId: loan.id,
      countyId: loan.countyId,
      scheme: profile.settings.sharing.scheme ?? "negotiated",
      unpaidPrincipal,
      unpaidInterest: unpaidInterest.toFixed(2),
      loss,
      bufferEndsOn: day(bufferEnds),
      splitDeadline: day(splitDeadline),
      profileVersion: profile.version,
      shares: { create: shares.map((s, i) => ({ party: s.party, ratio: shareRatios[i].ratio, amount: s.amount })) },
    },
  });
  await setLoanState(tx, loan, { status });
  await o.audit({
    action: o.claim ? "loan.approveClaim" : "loan.splitLoss",
    entity: "LossCase",
    entityId: lossCase.id,
    countyId: loan.countyId,
    before: { loanStatus: loan.status },
    after: { loanId: loan.id, loanStatus: status, loss, unpaidPrincipal, unpaidInterest: unpaidInterest.toFixed(2), bufferEnds, splitDeadline, shares },
  });
  return { caseId: lossCase.id };
}
