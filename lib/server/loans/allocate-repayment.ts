import { D, type Dec } from "@/lib/domain/decimal";

/** One instalment as the allocation sees it; dates are YYYY-MM-DD, money decimal strings. */
export type Instalment = {
  id: string;
  seq: number;
  dueDate: string;
  principalDue: string;
  interestDue: string;
  principalPaid: string;
  interestPaid: string;
  status: "due" | "paid" | "partial" | "overdue";
};

export type AllocationProblem = { field: "principal" | "interest"; message: string };

const money = (d: Dec) => d.toFixed(2);

/** An instalment's status from what is due and paid, as of `today`. */
export function instalmentStatus(i: Omit<Instalment, "status" | "id" | "seq">, today: string): Instalment["status"] {
  const pDue = new D(i.principalDue), iDue = new D(i.interestDue);
  const pPaid = new D(i.principalPaid), iPaid = new D(i.interestPaid);
  if (pPaid.gte(pDue) && iPaid.gte(iDue)) return "paid";
  if (i.dueDate < today) return "overdue";
  return pPaid.plus(iPaid).gt(0) ? "partial" : "due";
}

/** Unpaid principal and interest of the instalments due before `date` (the arrears). */
export function arrears(items: readonly Instalment[], date: string): { principal: string; interest: string } {
  let p = new D(0), i = new D(0);
  for (const it of items) {
    if (it.dueDate >= date) continue;
    p = p.plus(new D(it.principalDue).minus(it.principalPaid));
    i = i.plus(new D(it.interestDue).minus(it.interestPaid));
  }
  return { principal: money(p), interest: money(i) };
}

/**
 * Applies a repayment the bank reports (principal and interest separately) to the schedule:
 * the interest to the instalments' unpaid interest and the principal to their unpaid principal,
 * each in instalment order (oldest first). Paying more than is unpaid is refused. When the last
 * principal is repaid, the interest of instalments not yet due is no longer owed (the bank
 * reports the interest it actually charged). Statuses are recomputed as of `today`.
 */
export function allocateRepayment(
  schedule: readonly Instalment[],
  payment: { principal: string; interest: string; paidOn: string },
  today: string,
): { items: Instalment[]; problems: AllocationProblem[]; fullyRepaid: boolean; inArrears: boolean; outstandingPrincipal: string } {
  const items = [...schedule].sort((a, b) => a.seq - b.seq).map((i) => ({ ...i }));
  let interestLeft = new D(payment.interest);
  let principalLeft = new D(payment.principal);
  for (const it of items) {
    const unpaidInterest = new D(it.interestDue).minus(it.interestPaid);
    const paysInterest = D.min(unpaidInterest, interestLeft);
    if (paysInterest.gt(0)) {
      it.interestPaid = money(new D(it.interestPaid).plus(paysInterest));
      interestLeft = interestLeft.minus(paysInterest);
    }
    const unpaidPrincipal = new D(it.principalDue).minus(it.principalPaid);
    const paysPrincipal = D.min(unpaidPrincipal, principalLeft);
    if (paysPrincipal.gt(0)) {
      it.principalPaid = money(new D(it.principalPaid).plus(paysPrincipal));
      principalLeft = principalLeft.minus(paysPrincipal);
    }
  }
  const problems: AllocationProblem[] = [];
  if (principalLeft.gt(0)) problems.push({ field: "principal", message: `本金超过未还本金 ${money(principalLeft)} 元` });
  if (interestLeft.gt(0)) problems.push({ field: "interest", message: `利息超过还款计划中的未还利息 ${money(interestLeft)} 元` });

  const outstanding = items.reduce((acc, it) => acc.plus(new D(it.principalDue).minus(it.principalPaid)), new D(0));
  if (outstanding.isZero()) {
    for (const it of items) {
      if (it.dueDate > payment.paidOn && new D(it.interestPaid).lt(it.interestDue)) it.interestDue = it.interestPaid;
    }
  }
  for (const it of items) it.status = instalmentStatus(it, today);
  const fullyRepaid = items.every((it) => it.status === "paid");
  const inArrears = items.some((it) => it.status === "overdue");
  return { items, problems, fullyRepaid, inArrears, outstandingPrincipal: money(outstanding) };
}
