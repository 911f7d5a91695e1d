import type { Role } from "@/lib/domain/roles";

/**
 * THE ACCESS TABLE (issue 10, item 1): who may run each use case and what a caller outside the
 * record's scope gets. The access matrix test (access-matrix.test.ts) runs every use case found
 * under lib/server, every server action and every route handler as every role, from a unit in
 * scope and from units out of scope, and holds the result against this table. A use case, an
 * action or a route without a row here fails the test.
 *
 * Every record the test aims at lies in county A (甲县), township T1, village V11, bank A1. The
 * actors out of scope are the same roles in county B, and, where a row lists `siblings`, the
 * neighbour in county A: a village cadre of V12 (same township), a township officer of T2, a
 * bank officer of bank A2.
 *
 * outOfScope:
 * - "denied": the input names a record of A; an actor out of scope gets NOT_FOUND or FORBIDDEN
 *   (or, with `deniedAtField`, the same field error an unknown id gets), never data.
 * - "filtered": a list or overview of the caller's own area; it must hold nothing of A's records
 *   (B's actors) or of the neighbour's (siblings). With `witness` (the default), the same role in
 *   scope does see A's records in it, so the check means something.
 * - "own": the caller acts in their own unit (creates a record there, imports into it); nothing
 *   of A comes back and nothing is written in A.
 * - "national": data with no county (benchmark and LPR rates), the same for everyone.
 * - "self": the caller's own account.
 * For every kind, an actor of county B never writes an audit row of county A.
 */
export type Sibling = "village" | "township" | "bank";
export type OutOfScope = "denied" | "filtered" | "own" | "national" | "self";

export type UseCaseRow = {
  roles: readonly Role[];
  outOfScope: OutOfScope;
  siblings?: readonly Sibling[];
  /** An id of another county or unit in a picker field is refused at the field, exactly as an unknown id is. */
  deniedAtField?: true;
  /** filtered: the in-scope result carries no record ids to witness (counts, settings). */
  witness?: false;
  /** A role of the row that the county's configuration refuses in scope (by FORBIDDEN), and why. */
  refusedInScope?: Partial<Record<Role, string>>;
};

const V = "village_cadre";
const T = "township_officer";
const C = "county_officer";
const B = "bank_officer";
const F = "finance_officer";
const AU = "auditor";
const AD = "admin";
const ALL = [V, T, C, B, F, AU, AD] as const;
const AREA = ["village", "township"] as const;
const LOAN = ["village", "township", "bank"] as const;

export const USE_CASES = {
  // Applications (household ones in V11; enterprise ones in T1; batches to bank A1)
  "application.formData": { roles: [V], outOfScope: "denied", siblings: ["village"] },
  "application.enterpriseFormData": { roles: [T, C], outOfScope: "denied", siblings: ["township"] },
  "application.get": { roles: ALL, outOfScope: "denied", siblings: LOAN },
  "application.getAttachment": { roles: ALL, outOfScope: "denied", siblings: LOAN },
  "application.list": { roles: ALL, outOfScope: "filtered", siblings: LOAN },
  "application.todo": { roles: ALL, outOfScope: "filtered", siblings: LOAN, witness: false },
  "application.saveDraft": { roles: [V], outOfScope: "denied", siblings: ["village"], deniedAtField: true },
  "application.submit": { roles: [V], outOfScope: "denied", siblings: ["village"] },
  "application.uploadAttachment": { roles: [V, T, C], outOfScope: "denied", siblings: AREA },
  "application.review": { roles: [T], outOfScope: "denied", siblings: ["township"] },
  "application.saveEnterpriseDraft": { roles: [T, C], outOfScope: "denied", siblings: ["township"], deniedAtField: true },
  "application.saveUseOfFundsPlan": { roles: [T, C], outOfScope: "denied", siblings: ["township"] },
  "application.submitEnterprise": { roles: [T, C], outOfScope: "denied", siblings: ["township"] },
  "application.countyDecide": { roles: [C], outOfScope: "denied" },
  "application.bankDecide": { roles: [B, C], outOfScope: "denied", siblings: ["bank"] },
  "application.disburse": { roles: [B, C], outOfScope: "denied", siblings: ["bank"] },
  "publicity.overview": { roles: [V, T, C, AU], outOfScope: "filtered", siblings: AREA },
  "publicity.notice": { roles: [V, T, C, AU], outOfScope: "denied", siblings: AREA },
  "publicity.noticePdf": { roles: [V, T, C, AU], outOfScope: "denied", siblings: AREA },
  "publicity.open": {
    roles: [T, C], outOfScope: "denied", siblings: ["township"],
    refusedInScope: { county_officer: "county A's profile has the township run publicity (publicityRunBy: township)" },
  },
  "publicity.recordObjection": { roles: [V, T, C], outOfScope: "denied", siblings: AREA },
  "publicity.resolveObjection": { roles: [T, C], outOfScope: "denied", siblings: ["township"] },
  "batch.overview": { roles: [C, B, AU], outOfScope: "filtered", siblings: ["bank"] },
  "batch.create": { roles: [C], outOfScope: "denied", deniedAtField: true },
  "batch.export": { roles: [C, B], outOfScope: "denied", siblings: ["bank"] },
  "batch.importBankDecisions": { roles: [B, C], outOfScope: "denied", siblings: ["bank"] },

  // Households
  "household.get": { roles: ALL, outOfScope: "denied", siblings: AREA },
  "household.list": { roles: ALL, outOfScope: "filtered", siblings: AREA },
  "household.create": { roles: [V], outOfScope: "own" },
  "household.update": { roles: [V], outOfScope: "denied", siblings: ["village"] },
  "household.import": { roles: [V, T, C], outOfScope: "own" },
  "household.importTemplate": { roles: [V, T, C], outOfScope: "filtered", siblings: ["township"] },

  // Credit rating and blacklist
  "credit.overview": { roles: ALL, outOfScope: "filtered", siblings: ["township"] },
  "credit.workbench": { roles: ALL, outOfScope: "filtered", siblings: AREA },
  "credit.getRatingForm": { roles: ALL, outOfScope: "denied", siblings: AREA },
  "credit.getRating": { roles: ALL, outOfScope: "denied", siblings: AREA },
  "credit.ratingPublicityNotice": { roles: [V, T, C, AU], outOfScope: "denied", siblings: AREA },
  "credit.listIndicatorSheets": { roles: ALL, outOfScope: "filtered" },
  "credit.createIndicatorSheet": { roles: [AD], outOfScope: "own" },
  "credit.ratingTemplate": { roles: [V], outOfScope: "filtered", siblings: ["village"] },
  "credit.importRatings": { roles: [V], outOfScope: "own" },
  "credit.saveRating": { roles: [V], outOfScope: "denied", siblings: ["village"] },
  "credit.reviewRating": { roles: [T], outOfScope: "denied", siblings: ["township"] },
  "credit.openRatingPublicity": { roles: [V, T], outOfScope: "denied", siblings: AREA },
  "credit.recordRatingObjection": { roles: [V, T, C], outOfScope: "denied", siblings: AREA },
  "credit.resolveRatingObjection": { roles: [T, C], outOfScope: "denied", siblings: ["township"] },
  "blacklist.list": { roles: [C, AU, T, B], outOfScope: "filtered" },
  "blacklist.add": { roles: [C], outOfScope: "denied", deniedAtField: true },
  "blacklist.decide": { roles: [C], outOfScope: "denied" },
  "blacklist.requestRemoval": { roles: [C], outOfScope: "denied" },

  // Enterprises (T1)
  "enterprise.list": { roles: [T, C, AU], outOfScope: "filtered", siblings: ["township"] },
  "enterprise.get": { roles: [T, C, AU], outOfScope: "denied", siblings: ["township"] },
  "enterprise.townships": { roles: [T, C], outOfScope: "filtered", siblings: ["township"] },
  "enterprise.create": { roles: [T, C], outOfScope: "own" },
  "enterprise.update": { roles: [T, C], outOfScope: "denied", siblings: ["township"] },

  // Loans (bank A1) after disbursement
  "loan.list": { roles: [V, T, C, B, F, AU], outOfScope: "filtered", siblings: LOAN },
  "loan.get": { roles: [V, T, C, B, F, AU], outOfScope: "denied", siblings: LOAN },
  "loan.recordRepayment": { roles: [B, C], outOfScope: "denied", siblings: ["bank"] },
  "loan.importRepayments": { roles: [B, C], outOfScope: "own", siblings: ["bank"] },
  "loan.repaymentTemplate": { roles: [B, C], outOfScope: "filtered", siblings: ["bank"] },
  "loan.recordUsageSurvey": { roles: [T, C], outOfScope: "denied", siblings: ["township"] },
  "loan.recordSiteVisit": { roles: [T, C, B], outOfScope: "denied", siblings: ["township", "bank"] },
  "loan.reportAnomaly": { roles: [V, T, C, B], outOfScope: "denied", siblings: LOAN },
  "anomaly.list": { roles: [V, T, C, B, F, AU], outOfScope: "filtered", siblings: LOAN },
  "loan.requestChange": { roles: [B], outOfScope: "denied", siblings: ["bank"] },
  "loan.decideChange": { roles: [C], outOfScope: "denied" },
  "loan.requestTranche": { roles: [T, C], outOfScope: "denied", siblings: ["township"] },
  "loan.updateTranche": { roles: [C, B], outOfScope: "denied", siblings: ["bank"] },
  "reminder.list": { roles: [T, C, B, AU], outOfScope: "filtered", siblings: ["township", "bank"] },
  "reminder.markDelivered": { roles: [T, C, B], outOfScope: "denied", siblings: ["township", "bank"] },

  // Risk: claims, loss sharing, the fund, the circuit breaker
  "loan.applyClaim": { roles: [B], outOfScope: "denied", siblings: ["bank"] },
  "loan.reviewClaim": { roles: [T], outOfScope: "denied", siblings: ["township"] },
  "loan.decideClaim": { roles: [C, F], outOfScope: "denied" },
  "lossCase.list": { roles: [C, B, F, T, AU], outOfScope: "filtered", siblings: ["township", "bank"] },
  "lossCase.recordRecovery": { roles: [C, B], outOfScope: "denied", siblings: ["bank"] },
  "lossCase.returnRecoveryToFund": { roles: [C, F], outOfScope: "denied" },
  "lossShare.update": { roles: [C, B, F], outOfScope: "denied", siblings: ["bank"] },
  "riskFund.ledger": { roles: [C, F, AU], outOfScope: "filtered" },
  "riskFund.deposit": { roles: [C], outOfScope: "own" },
  "breaker.overview": { roles: [C, B, F, T, AU], outOfScope: "filtered", siblings: ["township"] },

  // Interest subsidy (bank A1's claims)
  "subsidy.list": { roles: [C, F, B, AU], outOfScope: "filtered", siblings: ["bank"] },
  "subsidy.get": { roles: [C, F, B, AU], outOfScope: "denied", siblings: ["bank"] },
  "subsidy.dashboard": { roles: [C, F, AU], outOfScope: "filtered" },
  "subsidy.export": { roles: [C, F, B, AU], outOfScope: "filtered", siblings: ["bank"] },
  "subsidy.statementTemplate": { roles: [C, B], outOfScope: "denied", siblings: ["bank"] },
  "subsidy.run": { roles: [C], outOfScope: "denied", deniedAtField: true },
  "subsidy.importStatement": { roles: [B, C], outOfScope: "denied", siblings: ["bank"] },
  "subsidy.resolveStatementLine": { roles: [C], outOfScope: "denied" },
  "subsidy.certify": { roles: [C], outOfScope: "denied" },
  "subsidy.approve": { roles: [F], outOfScope: "denied" },
  "subsidy.pay": { roles: [F], outOfScope: "denied" },
  "subsidy.markFraud": { roles: [C], outOfScope: "denied" },
  "subsidy.decideFraud": { roles: [C], outOfScope: "denied" },

  // Dashboards, reports, evaluation, calculator
  "dashboard.overview": { roles: [V, T, C, F, AU, AD], outOfScope: "denied", siblings: AREA },
  "report.ledger": { roles: [C, T, F, AU, AD], outOfScope: "filtered", siblings: ["township"] },
  "report.ledger.export": { roles: [C, T, F, AU, AD], outOfScope: "filtered", siblings: ["township"] },
  "report.repayments": { roles: [C, T, F, B, AU, AD], outOfScope: "filtered", siblings: ["township", "bank"] },
  "report.repayments.export": { roles: [C, T, F, B, AU, AD], outOfScope: "filtered", siblings: ["township", "bank"] },
  "report.disbursements": { roles: [C, T, F, B, AU, AD], outOfScope: "filtered", siblings: ["township", "bank"] },
  "report.disbursements.export": { roles: [C, T, F, B, AU, AD], outOfScope: "filtered", siblings: ["township", "bank"] },
  "report.overdue": { roles: [C, T, F, B, AU, AD], outOfScope: "filtered", siblings: ["township", "bank"] },
  "report.overdue.export": { roles: [C, T, F, B, AU, AD], outOfScope: "filtered", siblings: ["township", "bank"] },
  "report.loss-cases": { roles: [C, B, F, T, AU], outOfScope: "filtered", siblings: ["township", "bank"] },
  "report.loss-cases.export": { roles: [C, B, F, T, AU], outOfScope: "filtered", siblings: ["township", "bank"] },
  "report.subsidy": { roles: [C, F, B, AU], outOfScope: "filtered", siblings: ["bank"] },
  // The workbook names no record (quarter, bank, township, sums); its rows are report.subsidy's, which is witnessed.
  "report.subsidy.export": { roles: [C, F, B, AU], outOfScope: "filtered", siblings: ["bank"], witness: false },
  "report.publicity": { roles: [T, C, AU, AD], outOfScope: "filtered", siblings: ["township"] },
  "report.publicity.export": { roles: [T, C, AU, AD], outOfScope: "filtered", siblings: ["township"] },
  "report.audit-log": { roles: [AU, AD], outOfScope: "filtered" },
  "report.audit-log.export": { roles: [AU, AD], outOfScope: "filtered" },
  "evaluation.overview": { roles: [C, AU, AD], outOfScope: "filtered" },
  "evaluation.save": { roles: [C], outOfScope: "denied" },
  "evaluation.approve": { roles: [C], outOfScope: "denied" },
  "evaluation.uploadSelfAssessment": { roles: [C], outOfScope: "denied" },
  "evaluation.getSelfAssessment": { roles: [C, AU, AD], outOfScope: "denied" },
  "calculator.context": { roles: [C, F, AU], outOfScope: "own" },

  // Administration of county A
  "user.list": { roles: [AD], outOfScope: "filtered" },
  "user.get": { roles: [AD], outOfScope: "denied" },
  "user.create": { roles: [AD], outOfScope: "denied", deniedAtField: true },
  "user.lock": { roles: [AD], outOfScope: "denied" },
  "user.unlock": { roles: [AD], outOfScope: "denied" },
  "user.deactivate": { roles: [AD], outOfScope: "denied" },
  "user.reactivate": { roles: [AD], outOfScope: "denied" },
  "user.resetPassword": { roles: [AD], outOfScope: "denied" },
  "user.changePassword": { roles: ALL, outOfScope: "self" },
  "orgUnit.list": { roles: [AD], outOfScope: "filtered" },
  "orgUnit.get": { roles: [AD], outOfScope: "denied" },
  "orgUnit.create": { roles: [AD], outOfScope: "own" },
  "orgUnit.rename": { roles: [AD], outOfScope: "denied" },
  "orgUnit.deactivate": { roles: [AD], outOfScope: "denied" },
  "orgUnit.reactivate": { roles: [AD], outOfScope: "denied" },
  "orgUnit.import": { roles: [AD], outOfScope: "own" },
  "orgUnit.importTemplate": { roles: [AD], outOfScope: "filtered" },
  "bank.list": { roles: [AD], outOfScope: "filtered" },
  "bank.get": { roles: [AD], outOfScope: "denied" },
  "bank.create": { roles: [AD], outOfScope: "own" },
  "bank.update": { roles: [AD], outOfScope: "denied" },
  "policyProfile.list": { roles: [AD], outOfScope: "filtered" },
  "policyProfile.get": { roles: [AD], outOfScope: "denied" },
  "policyProfile.diff": { roles: [AD], outOfScope: "own" },
  "policyProfile.create": { roles: [AD], outOfScope: "denied" },
  "policyProfile.update": { roles: [AD], outOfScope: "denied" },
  "policyProfile.activate": { roles: [AD], outOfScope: "denied" },
  "calendar.list": { roles: [AD], outOfScope: "filtered" },
  "calendar.addDay": { roles: [AD], outOfScope: "own" },
  "calendar.removeDay": { roles: [AD], outOfScope: "denied" },
  "calendar.importYear": { roles: [AD], outOfScope: "own" },
  "rateFixing.list": { roles: [AD], outOfScope: "national" },
  "rateFixing.add": { roles: [AD], outOfScope: "national" },
} as const satisfies Record<string, UseCaseRow>;

export type UseCaseName = keyof typeof USE_CASES;

/**
 * A second way to call a use case, with its own rule (its roles are its row's): a form or an
 * overview of the caller's own area, where the row's input names one of A's records.
 */
export type VariantRow = Omit<UseCaseRow, "roles"> & { useCase: UseCaseName };

export const VARIANTS = {
  // A village's overview names no record of it (figures only): the neighbour township is what can leak.
  "dashboard.overview, own area": { useCase: "dashboard.overview", outOfScope: "filtered", siblings: ["township"] },
  "application.formData, new application": { useCase: "application.formData", outOfScope: "filtered", siblings: ["village"] },
  "application.enterpriseFormData, new application": { useCase: "application.enterpriseFormData", outOfScope: "filtered", siblings: ["township"] },
} as const satisfies Record<string, VariantRow>;

/**
 * Route handlers, "METHOD /api/path" as the file system names them. A download runs one use case
 * (its row above gives the roles and the scope rule): no session → 401, a role not in the row →
 * 403, out of scope → 404 (403 allowed), in scope → 200.
 */
export type RouteRow =
  | { access: "useCase"; useCase: UseCaseName }
  /** next-auth's own endpoints (sign-in, sign-out, session, CSRF token): public by design. */
  | { access: "public" }
  /** The e2e tests' clock and daily-job triggers: 404 for everyone unless the server runs with PORTAL_ALLOW_FAKE_CLOCK=1. */
  | { access: "testOnly" };

export const ROUTES = {
  "GET /api/admin/org-units/template": { access: "useCase", useCase: "orgUnit.importTemplate" },
  "GET /api/attachments/[id]": { access: "useCase", useCase: "application.getAttachment" },
  "GET /api/auth/[...nextauth]": { access: "public" },
  "POST /api/auth/[...nextauth]": { access: "public" },
  "GET /api/batches/[id]/workbook": { access: "useCase", useCase: "batch.export" },
  "GET /api/credit/template": { access: "useCase", useCase: "credit.ratingTemplate" },
  "GET /api/evaluations/[id]/self-assessment": { access: "useCase", useCase: "evaluation.getSelfAssessment" },
  "GET /api/households/import-template": { access: "useCase", useCase: "household.importTemplate" },
  "GET /api/loans/repayment-template": { access: "useCase", useCase: "loan.repaymentTemplate" },
  "GET /api/publicity/[id]/notice.pdf": { access: "useCase", useCase: "publicity.noticePdf" },
  "GET /api/reports/ledger": { access: "useCase", useCase: "report.ledger.export" },
  "GET /api/reports/repayments": { access: "useCase", useCase: "report.repayments.export" },
  "GET /api/reports/disbursements": { access: "useCase", useCase: "report.disbursements.export" },
  "GET /api/reports/overdue": { access: "useCase", useCase: "report.overdue.export" },
  "GET /api/reports/loss-cases": { access: "useCase", useCase: "report.loss-cases.export" },
  "GET /api/reports/subsidy": { access: "useCase", useCase: "report.subsidy.export" },
  "GET /api/reports/publicity": { access: "useCase", useCase: "report.publicity.export" },
  "GET /api/reports/audit-log": { access: "useCase", useCase: "report.audit-log.export" },
  "GET /api/subsidy/export": { access: "useCase", useCase: "subsidy.export" },
  "GET /api/subsidy/runs/[id]/statement-template": { access: "useCase", useCase: "subsidy.statementTemplate" },
  "GET /api/test/clock": { access: "testOnly" },
  "POST /api/test/clock": { access: "testOnly" },
  "POST /api/test/daily-job": { access: "testOnly" },
} as const satisfies Record<string, RouteRow>;

/**
 * Values from lib/server other than use cases that a server action may call, and why. Anything
 * else (and anything from Prisma or lib/server/db) fails the test.
 */
export const ACTION_HELPERS = {
  "@/lib/server/action#runAction": "the one action wrapper: session, then the use case",
  "@/lib/server/action#formToObject": "form fields to a plain object (no I/O)",
  "@/lib/server/credit/settle-rating-publicity#settleDueRatingPublicity":
    "time-driven system task (a rating publicity period that has ended becomes final), the same as the daily job; reads nothing for the caller and returns nothing to it",
} as const;
