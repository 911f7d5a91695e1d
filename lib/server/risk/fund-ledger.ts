import "server-only";
import { z } from "zod";
import { D } from "@/lib/domain/decimal";
import { shanghaiToday } from "../clock";
import { iso } from "../loans/loan-records";
import { activeProfile } from "../policy/active-profile";
import { defineQuery } from "../use-case";

export const FUND_KIND_LABELS = { deposit: "财政注资", payout: "代偿支出", recoveryReturn: "追偿返还", adjustment: "调整" } as const;

/**
 * The county risk compensation fund (POLICY §10): every entry with its running balance, the
 * balance against the outstanding household microcredit (alert below the profile's minimum, e.g.
 * Guizhou 1:10), and the initial capital check where the profile sets one (Pingdingshan 2000万).
 */
export const fundLedger = defineQuery({
  name: "riskFund.ledger",
  roles: ["county_officer", "finance_officer", "auditor"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx, now }) {
    const countyId = actor.countyId ?? "";
    const today = shanghaiToday(now);
    const [entries, outstanding, profile] = await Promise.all([
      tx.fundLedgerEntry.findMany({ where: { countyId }, orderBy: [{ occurredOn: "asc" }, { createdAt: "asc" }] }),
      tx.loan.aggregate({ where: { countyId, kind: "household", status: { notIn: ["repaid", "writtenOffCaseKept"] } }, _sum: { outstandingPrincipal: true } }),
      activeProfile(tx, countyId, today).catch(() => null),
    ]);
    let balance = new D(0);
    let deposits = new D(0);
    const rows = entries.map((e) => {
      balance = balance.plus(e.amount.toString());
      if (e.kind === "deposit") deposits = deposits.plus(e.amount.toString());
      return {
        id: e.id, kind: e.kind, kindLabel: FUND_KIND_LABELS[e.kind], amount: e.amount.toFixed(2), occurredOn: iso(e.occurredOn),
        reference: e.reference ?? "", note: e.note ?? "", balance: balance.toFixed(2),
      };
    });
    const loansOutstanding = new D(outstanding._sum.outstandingPrincipal?.toString() ?? "0");
    const ratio = loansOutstanding.isZero() ? null : balance.dividedBy(loansOutstanding);
    const minRatio = profile?.settings.riskFund.minFundToBalanceRatio ?? null;
    const initialCapital = profile?.settings.riskFund.initialCapital ?? null;
    return {
      entries: rows.reverse(),
      balance: balance.toFixed(2),
      deposits: deposits.toFixed(2),
      loansOutstanding: loansOutstanding.toFixed(2),
      ratio: ratio === null ? null : ratio.toDecimalPlaces(4, D.ROUND_HALF_UP).toFixed(4),
      minRatio,
      belowMinimum: minRatio !== null && ratio !== null && ratio.lt(minRatio),
      initialCapital,
      initialCapitalMet: initialCapital === null ? null : deposits.gte(initialCapital),
      mayDeposit: actor.role === "county_officer",
    };
  },
});
