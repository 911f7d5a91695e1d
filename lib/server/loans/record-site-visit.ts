import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { requiredText, isoDate } from "../validation";
import { defineMutation } from "../use-case";
import { day, iso } from "./loan-records";
import { loadLargeLoan } from "./tranche-records";

/** A site visit to the project of a large loan (at least one per quarter, P-Risk 二(四)). */
export const recordSiteVisit = defineMutation({
  name: "loan.recordSiteVisit",
  roles: ["township_officer", "county_officer", "bank_officer"],
  input: z.object({
    loanId: z.string(),
    visitedOn: isoDate("核查日期"),
    findings: requiredText(1000, "核查情况"),
  }),
  async run({ actor, input, tx, audit, now }) {
    const loan = await loadLargeLoan(tx, actor, input.loanId);
    if (input.visitedOn > shanghaiToday(now)) throw AppError.field("visitedOn", "核查日期不能晚于今天");
    if (input.visitedOn < iso(loan.disbursedOn)) throw AppError.field("visitedOn", "核查日期不能早于放款日期");
    const visit = await tx.siteVisit.create({ data: { loanId: loan.id, visitedOn: day(input.visitedOn), findings: input.findings, visitedById: actor.userId } });
    await audit({ action: "loan.recordSiteVisit", entity: "SiteVisit", entityId: visit.id, countyId: loan.countyId, after: input });
    return { id: visit.id };
  },
});

/**
 * The calendar quarters from the disbursement's to the one before `today`, each with its visits;
 * a quarter with fewer than `perQuarter` visits is overdue.
 */
export function visitQuarters(disbursedOn: string, today: string, visits: readonly string[], perQuarter: number) {
  const q = (d: string) => Number(d.slice(0, 4)) * 4 + Math.floor((Number(d.slice(5, 7)) - 1) / 3);
  const out: { quarter: string; visits: number; overdue: boolean }[] = [];
  for (let k = q(disbursedOn); k < q(today); k++) {
    const count = visits.filter((v) => q(v) === k).length;
    out.push({ quarter: `${Math.floor(k / 4)} 年第 ${(k % 4) + 1} 季度`, visits: count, overdue: count < perQuarter });
  }
  return out;
}
