import "server-only";
import { z } from "zod";
import { addDays, addMonths } from "@/lib/domain/calendar";
import { shanghaiToday } from "../clock";
import { activeProfile } from "../policy/active-profile";
import { countyCalendar } from "../policy/county-calendar";
import { readRows, statement } from "../sql";
import { defineQuery } from "../use-case";
import { currentClaim } from "../risk/claim-steps";
import { defaultDates } from "./default-dates";
import { visitQuarters } from "./record-site-visit";
import { iso, loadLoanInScope } from "./loan-records";

type LoanNames = { bank: string; borrower: string; largeLoan: boolean; lossCaseId: string | null; lossCaseSerial: number | null };

// The loan page is the most opened page after a list: what it names, read in one prepared statement (../sql.ts).
const LOAN_NAMES = statement(
  `SELECT b.name AS bank, coalesce(h."headName", e.name, '') AS borrower, a."largeLoan", lc.id AS "lossCaseId", lc.serial AS "lossCaseSerial"
   FROM "Loan" l
   JOIN "Bank" b ON b.id = l."bankId"
   JOIN "Application" a ON a.id = l."applicationId"
   LEFT JOIN "Household" h ON h.id = l."householdId"
   LEFT JOIN "Enterprise" e ON e.id = l."enterpriseId"
   LEFT JOIN "LossCase" lc ON lc."loanId" = l.id
   WHERE l.id = $1`,
);

/** One loan: terms, schedule with paid amounts, repayments, and the overdue/buffer dates if any. */
export const getLoan = defineQuery({
  name: "loan.get",
  roles: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor"],
  input: z.object({ id: z.string() }),
  async run({ actor, input, tx, now }) {
    const loan = await loadLoanInScope(tx, actor, input.id);
    const today = shanghaiToday(now);
    const [schedule, repayments, [names], surveys] = await Promise.all([
      tx.scheduleItem.findMany({ where: { loanId: loan.id }, orderBy: { seq: "asc" } }),
      tx.repayment.findMany({ where: { loanId: loan.id }, orderBy: [{ paidOn: "desc" }, { createdAt: "desc" }] }),
      readRows<LoanNames>(tx, LOAN_NAMES, [loan.id]),
      tx.usageSurvey.findMany({ where: { loanId: loan.id }, orderBy: { surveyedOn: "desc" } }),
    ]);
    const changes = await tx.loanChange.findMany({ where: { loanId: loan.id }, orderBy: { createdAt: "desc" } });
    const profile = await activeProfile(tx, loan.countyId, today);
    const claimChain = profile.settings.defaultHandling.claimChainEnabled;
    const largeLoan = names?.largeLoan ?? false;
    const [tranches, visits] = largeLoan
      ? await Promise.all([
          tx.tranche.findMany({ where: { loanId: loan.id }, orderBy: { seq: "asc" } }),
          tx.siteVisit.findMany({ where: { loanId: loan.id }, orderBy: { visitedOn: "desc" } }),
        ])
      : [[], []];
    const claim = loan.status === "claim" ? await currentClaim(tx, loan.id) : null;
    const active = ["repaying", "overdue", "inBuffer", "extended", "renewed"].includes(loan.status);
    const lastSurvey = surveys[0] ? iso(surveys[0].surveyedOn) : iso(loan.disbursedOn);
    const nextSurveyDue = active ? addMonths(lastSurvey, profile.settings.process.usageSurveyIntervalMonths) : null;
    const firstOverdue = schedule.find((s) => s.status === "overdue");
    let buffer: { overdueSince: string; bufferEnds: string; splitDeadline: string } | null = null;
    if (firstOverdue && ["overdue", "inBuffer", "claim"].includes(loan.status)) {
      const dates = defaultDates(profile, iso(firstOverdue.dueDate), await countyCalendar(tx, loan.countyId));
      if (dates) buffer = { overdueSince: addDays(iso(firstOverdue.dueDate), 1), ...dates };
    }
    return {
      id: loan.id, contractNumber: loan.contractNumber, borrower: names?.borrower ?? "", bank: names?.bank ?? "",
      principal: loan.principal.toFixed(2), rate: loan.rate.toString(), termMonths: loan.termMonths,
      disbursedOn: iso(loan.disbursedOn), maturityDate: iso(loan.maturityDate), status: loan.status,
      outstanding: loan.outstandingPrincipal.toFixed(2), applicationId: loan.applicationId, buffer,
      lossCase: names?.lossCaseId ? { id: names.lossCaseId, number: `FD${String(names.lossCaseSerial).padStart(6, "0")}` } : null,
      schedule: schedule.map((s) => ({
        seq: s.seq, dueDate: iso(s.dueDate), principalDue: s.principalDue.toFixed(2), interestDue: s.interestDue.toFixed(2),
        principalPaid: s.principalPaid.toFixed(2), interestPaid: s.interestPaid.toFixed(2), status: s.status,
      })),
      repayments: repayments.map((r) => ({
        id: r.id, reference: r.reference, paidOn: iso(r.paidOn), principal: r.principal.toFixed(2), interest: r.interest.toFixed(2), penalty: r.penalty.toFixed(2),
      })),
      mayRecord: (actor.role === "bank_officer" || actor.role === "county_officer") && active,
      surveys: surveys.map((v) => ({ id: v.id, surveyedOn: iso(v.surveyedOn), fundsUse: v.fundsUse, businessStatus: v.businessStatus, notes: v.notes ?? "" })),
      nextSurveyDue,
      surveyOverdue: nextSurveyDue !== null && today > nextSurveyDue,
      maySurvey: (actor.role === "township_officer" || actor.role === "county_officer") && active,
      changes: changes.map((ch) => ({
        id: ch.id, kind: ch.kind, status: ch.status, newMaturity: ch.newMaturity ? iso(ch.newMaturity) : null, reason: ch.reason,
        termMonths: (ch.details as { termMonths?: number } | null)?.termMonths ?? null,
        requestedOn: ch.createdAt.toISOString().slice(0, 10), decidedOn: ch.decidedAt ? ch.decidedAt.toISOString().slice(0, 10) : null,
        mayDecide: actor.role === "county_officer" && ch.status === "requested" && ch.requestedById !== actor.userId,
      })),
      mayRequestChange: actor.role === "bank_officer" && ["repaying", "overdue", "renewed", "inBuffer", "extended"].includes(loan.status) && !changes.some((ch) => ch.status === "requested"),
      claim: claim ? { appliedAt: claim.appliedAt.toISOString().slice(0, 10), reviewedAt: claim.reviewedAt ? claim.reviewedAt.toISOString().slice(0, 10) : null } : null,
      mayApplyClaim: claimChain && actor.role === "bank_officer" && ["overdue", "inBuffer"].includes(loan.status),
      mayReviewClaim: actor.role === "township_officer" && claim !== null && claim.reviewedById === null,
      mayDecideClaim: (actor.role === "county_officer" || actor.role === "finance_officer") && claim !== null && claim.reviewedById !== null && !claim.actorIds.includes(actor.userId),
      largeLoan: largeLoan
        ? {
            tranches: tranches.map((t) => ({
              id: t.id, seq: t.seq, amount: t.amount.toFixed(2), purpose: t.purpose, evidence: t.evidence, payee: t.payee ?? "", status: t.status,
              paidOn: t.paidOn ? iso(t.paidOn) : null,
            })),
            halted: tranches.some((t) => t.status === "halted"),
            visits: visits.map((v) => ({ id: v.id, visitedOn: iso(v.visitedOn), findings: v.findings })),
            quarters: visitQuarters(iso(loan.disbursedOn), today, visits.map((v) => iso(v.visitedOn)), profile.settings.enterprise.siteVisitsPerQuarter ?? 1),
            mayRequest: (actor.role === "township_officer" || actor.role === "county_officer") && !tranches.some((t) => t.status === "halted"),
            mayDecide: actor.role === "county_officer",
            mayPay: actor.role === "bank_officer",
            mayHalt: actor.role === "bank_officer" && !tranches.some((t) => t.status === "halted"),
            mayVisit: ["township_officer", "county_officer", "bank_officer"].includes(actor.role),
          }
        : null,
      mayReport: ["village_cadre", "township_officer", "county_officer", "bank_officer"].includes(actor.role),
    };
  },
});
