import { P_EVAL_SCORECARD } from "@/lib/domain/bank-evaluation";
import type { Role } from "@/lib/domain/roles";
import { getBank } from "@/lib/server/banks/get-bank";
import { getPolicyProfile } from "@/lib/server/policy-profiles/get-policy-profile";
import { ANSWERS } from "../credit-helpers";
import { householdInput, prisma, validId } from "../fixtures";
import type { UseCaseName } from "./expectations";
import { creditCode, WORLD_TODAY, type World } from "./world";

const PDF = new TextEncoder().encode("%PDF-1.4\n% access matrix upload\n");

/**
 * The input each use case is called with: it names a record of county A (V11, T1, bank A1) that
 * the use case acts on, in the state it needs; a list is asked for with every filter it has set
 * to A's records (a township, a bank, a loan, a name), so a filter can never widen a scope. The same input goes to every actor, in scope or
 * not (an actor out of scope tries exactly what the actor in scope may do). `role` picks the
 * record where roles of one row act on different steps; `n` is unique per call, for values that
 * must be new (an ID number, a username, a date).
 */
/** A loan report's filters, every id one of A's (a filter must never widen the caller's scope). */
const loanReport = (w: World) => ({ townshipId: w.A.t1, bankId: w.bankA1 });

export type InputBuilder = (w: World, role: Role, n: number) => unknown;

export const INPUTS: Record<UseCaseName, InputBuilder> = {
  "application.formData": (w) => ({ id: w.app.draft }),
  "application.enterpriseFormData": (w) => ({ id: w.enterpriseApp }),
  "application.get": (w) => ({ id: w.app.disbursed }),
  "application.getAttachment": (w) => ({ id: w.attachment }),
  "application.list": async (w) => {
    const app = await prisma.application.findUniqueOrThrow({ where: { id: w.app.disbursed } });
    return { q: (await prisma.household.findUniqueOrThrow({ where: { id: app.householdId! } })).headName };
  },
  "application.todo": () => ({}),
  "application.saveDraft": (w) => ({
    householdId: w.ratings.draft.householdId, amount: "30000", termMonths: "12", purpose: "breeding", projectDescription: "养羊 20 只", repaymentSource: "出栏收入",
  }),
  "application.submit": (w) => ({ id: w.app.toSubmit }),
  "application.uploadAttachment": (w) => ({ applicationId: w.app.toAttach, kind: "applicationForm", fileName: "补充材料.pdf", data: PDF }),
  "application.review": (w) => ({ id: w.app.toReview, decision: "approve" }),
  "application.saveEnterpriseDraft": (w) => ({
    enterpriseId: w.ent1, amount: "200000", termMonths: "12", purpose: "breeding", projectDescription: "扩建羊舍",
    repaymentSource: "出栏销售收入", requestedRate: "0.0478", householdIds: [],
  }),
  "application.saveUseOfFundsPlan": (w) => ({ applicationId: w.enterpriseApp, schedule: "2026 年第四季度完成", milestones: "厂房、设备", categories: "基建、设备" }),
  "application.submitEnterprise": (w) => ({ id: w.enterpriseApp }),
  "application.countyDecide": (w) => ({ id: w.app.toDecide, decision: "approve" }),
  "application.bankDecide": (w, role) => ({
    id: role === "bank_officer" ? w.app.bankDecide1 : w.app.bankDecide2,
    outcome: "approved", contractNumber: `甲HT-BD-${role}`, approvedAmount: "50000", rate: "0.0435", termMonths: "12",
  }),
  "application.disburse": (w, role) => ({ id: role === "bank_officer" ? w.app.disburse1 : w.app.disburse2, disbursementDate: WORLD_TODAY }),
  "publicity.overview": () => ({}),
  "publicity.notice": (w) => ({ id: w.round }),
  "publicity.noticePdf": (w) => ({ id: w.round }),
  "publicity.open": (w) => ({ applicationIds: [w.app.toPublicise], objectionContact: "乡镇服务站 0375-1234567" }),
  "publicity.recordObjection": (w) => ({ applicationId: w.app.inPublicity, objector: "张某", content: "对申请金额有异议" }),
  "publicity.resolveObjection": (w) => ({ objectionId: w.objection, outcome: "dismissed", resolution: "经核实，异议不成立" }),
  "batch.overview": () => ({}),
  "batch.create": (w) => ({ bankId: w.bankA1, applicationIds: [w.app.toBatch] }),
  "batch.export": (w) => ({ id: w.batch }),
  "batch.importBankDecisions": (w) => ({ batchId: w.batch, file: w.files.batch }),

  "household.get": (w) => ({ id: w.householdToUpdate.id }),
  "household.list": (w) => ({ q: w.householdToUpdate.idNumber }),
  "household.create": (_w, _role, n) => householdInput({ headName: `新户${n}`, idNumber: validId("410101", "19900101", String(n % 1000).padStart(3, "0")) }),
  "household.update": async (w) => {
    const h = await prisma.household.findUniqueOrThrow({ where: { id: w.householdToUpdate.id } });
    return { ...householdInput({ headName: h.headName, idNumber: h.idNumber, address: "二组 8 号" }), id: h.id, version: String(h.version) };
  },
  "household.import": (w) => ({ file: w.files.households }),
  "household.importTemplate": () => ({}),

  "credit.overview": () => ({}),
  "credit.workbench": () => ({}),
  "credit.getRatingForm": (w) => ({ householdId: w.ratings.inPublicity.householdId }),
  "credit.getRating": (w) => ({ id: w.ratings.inPublicity.id }),
  "credit.ratingPublicityNotice": (w) => ({ id: w.ratingRound }),
  "credit.listIndicatorSheets": () => ({}),
  "credit.createIndicatorSheet": () => ({}),
  "credit.ratingTemplate": () => ({}),
  "credit.importRatings": (w) => ({ file: w.files.ratings }),
  "credit.saveRating": (w) => ({ householdId: w.unrated, intent: "save", answers: ANSWERS.A }),
  "credit.reviewRating": (w) => ({ id: w.ratings.toReview.id, decision: "approve" }),
  "credit.openRatingPublicity": (w) => ({ villageId: w.A.v11 }),
  "credit.recordRatingObjection": (w) => ({ ratingId: w.ratings.inPublicity.id, objector: "赵某", content: "家庭收入情况不实" }),
  "credit.resolveRatingObjection": (w) => ({ objectionId: w.ratingObjection, outcome: "dismissed", resolution: "经核实，异议不成立" }),
  "blacklist.list": () => ({}),
  "blacklist.add": (w) => ({ kind: "household", identifier: w.blToAdd, reason: "骗取贷款", evidence: "公安机关通报" }),
  "blacklist.decide": (w) => ({ id: w.blacklistPending, decision: "approve" }),
  "blacklist.requestRemoval": (w) => ({ id: w.blacklistActive, reason: "已还清欠款" }),

  "enterprise.list": () => ({ q: "甲县" }),
  "enterprise.get": (w) => ({ id: w.ent1 }),
  "enterprise.townships": () => ({}),
  "enterprise.create": (w, _role, n) => ({
    name: `新合作社${n}`, creditCode: creditCode(100 + n), legalRepresentative: "李四", kind: "cooperative", agricultural: "true",
    operatingSince: "2019-05-01", townshipId: w.A.t1,
  }),
  "enterprise.update": async (w) => ({
    id: w.ent2, updatedAt: (await prisma.enterprise.findUniqueOrThrow({ where: { id: w.ent2 } })).updatedAt.toISOString(), name: "甲县西关农机专业合作社", creditCode: creditCode(2), legalRepresentative: "王五", kind: "cooperative", agricultural: "true",
    operatingSince: "2020-03-02", townshipId: w.A.t1,
  }),

  "loan.list": () => ({ status: "all", q: "甲HT" }),
  "loan.get": (w) => ({ id: w.loans.main.id }),
  "loan.recordRepayment": (w, role, n) => ({
    loanId: w.loans.repay.id, reference: `LS-${role}-${n}`, paidOn: WORLD_TODAY, principal: "100", interest: "10", penalty: "",
  }),
  "loan.importRepayments": (w) => ({ file: w.files.repayments }),
  "loan.repaymentTemplate": () => ({}),
  "loan.recordUsageSurvey": (w) => ({ loanId: w.loans.main.id, surveyedOn: WORLD_TODAY, fundsUse: "购买饲料", businessStatus: "normal", notes: "" }),
  "loan.recordSiteVisit": (w) => ({ loanId: w.loans.large.id, visitedOn: WORLD_TODAY, findings: "厂房主体已完工" }),
  "loan.reportAnomaly": (w) => ({ loanId: w.loans.main.id, kind: "businessProblem", description: "养殖场遭受疫病" }),
  "anomaly.list": (w) => ({ loanId: w.loans.main.id }),
  "loan.requestChange": (w) => ({ loanId: w.loans.extend.id, kind: "extension", newMaturity: "2027-06-20", reason: "生产周期延长" }),
  "loan.decideChange": (w) => ({ changeId: w.loanChange, decision: "approve" }),
  "loan.requestTranche": (w) => ({ loanId: w.loans.large.id, amount: "10000", purpose: "购买饲料", evidence: "采购合同", payee: "某饲料公司" }),
  "loan.updateTranche": (w, role) =>
    role === "bank_officer"
      ? { action: "pay", trancheId: w.tranches.approved, paidOn: WORLD_TODAY }
      : { action: "approve", trancheId: w.tranches.requested },
  "reminder.list": (w) => ({ id: w.reminder, delivered: "all" }),
  "reminder.markDelivered": (w) => ({ id: w.reminder }),

  "loan.applyClaim": (w) => ({ loanId: w.claim.apply.id, reason: "借款人失联，清收无望" }),
  "loan.reviewClaim": (w) => ({ loanId: w.claim.review.id, reason: "情况属实，同意上报" }),
  "loan.decideClaim": (w) => ({ loanId: w.claim.decide.id, decision: "approve" }),
  "lossCase.list": (w) => ({ id: w.case1 }),
  "lossCase.recordRecovery": (w) => ({ caseId: w.case1, amount: "500", costs: "0", receivedOn: "2026-10-09" }),
  "lossCase.returnRecoveryToFund": (w) => ({ recoveryId: w.recoveryId, paidOn: WORLD_TODAY, reference: "缴库凭证 001" }),
  "lossShare.update": (w, role) => ({
    action: "confirm", expectedStatus: "pending",
    shareId: role === "bank_officer" ? w.shares.case2Bank : role === "finance_officer" ? w.shares.case2Fund : w.shares.case1Fund,
  }),
  "riskFund.ledger": () => ({}),
  "riskFund.deposit": () => ({ amount: "10000", occurredOn: WORLD_TODAY, reference: "财预〔2026〕9号" }),
  "breaker.overview": () => ({}),

  "subsidy.list": () => ({}),
  "subsidy.get": (w) => ({ id: w.runs.differing }),
  "subsidy.dashboard": () => ({}),
  "subsidy.export": () => ({ year: "2026", quarter: "2" }),
  "subsidy.statementTemplate": (w) => ({ id: w.runs.differing }),
  "subsidy.run": (w) => ({ bankId: w.bankA1, year: "2026", quarter: "3" }),
  "subsidy.importStatement": (w) => ({ runId: w.runs.toImport, file: w.files.statement }),
  "subsidy.resolveStatementLine": (w) => ({ id: w.differingLine, resolution: "银行录入错误，以平台为准" }),
  "subsidy.certify": (w) => ({ id: w.runs.toCertify }),
  "subsidy.approve": (w) => ({ id: w.runs.toApprove }),
  "subsidy.pay": (w) => ({ id: w.runs.toPay, paidOn: WORLD_TODAY, voucherNumber: "财拨〔2026〕88号" }),
  "subsidy.markFraud": (w) => ({ lineId: w.fraudLine, reason: "冒用他人身份骗取贴息" }),
  "subsidy.decideFraud": (w) => ({ clawbackId: w.clawback, decision: "approve" }),

  "dashboard.overview": (w) => ({ unit: w.A.v11 }),
  "report.ledger": (w) => ({ townshipId: w.A.t1, bankId: w.bankA1, status: "all" }),
  "report.ledger.export": (w) => ({ townshipId: w.A.t1, bankId: w.bankA1, status: "all" }),
  "report.repayments": (w) => loanReport(w),
  "report.repayments.export": (w) => loanReport(w),
  "report.disbursements": (w) => loanReport(w),
  "report.disbursements.export": (w) => loanReport(w),
  "report.overdue": (w) => loanReport(w),
  "report.overdue.export": (w) => loanReport(w),
  "report.loss-cases": (w) => loanReport(w),
  "report.loss-cases.export": (w) => loanReport(w),
  "report.subsidy": (w) => loanReport(w),
  "report.subsidy.export": (w) => loanReport(w),
  "report.publicity": (w) => ({ townshipId: w.A.t1 }),
  "report.publicity.export": (w) => ({ townshipId: w.A.t1 }),
  "report.audit-log": (w) => ({ entityId: w.app.disbursed }),
  "report.audit-log.export": (w) => ({ entityId: w.app.disbursed }),
  "evaluation.overview": (w) => ({ year: "2025", countyId: w.A.countyId, bankId: w.bankA1 }),
  "evaluation.save": (w) => ({
    bankId: w.bankA1, year: "2024", structural: ["90", "80", "70"], item29Reason: "协助清收成效显著",
    items: Object.fromEntries(P_EVAL_SCORECARD.flatMap((g) => g.items.map((it) => [String(it.number), it.maxPoints]))),
  }),
  "evaluation.approve": async (w) => {
    const row = await prisma.bankEvaluation.findUniqueOrThrow({ where: { id: w.evaluations.toApprove } });
    return { id: row.id, version: String(row.version) };
  },
  "evaluation.uploadSelfAssessment": (w) => ({ id: w.evaluations.withFile, fileName: "自评（更新）.pdf", data: PDF }),
  "evaluation.getSelfAssessment": (w) => ({ id: w.evaluations.withFile }),
  "calculator.context": () => ({}),

  "user.list": () => ({ q: "矩阵" }),
  "user.get": (w) => ({ id: w.users.toGet.userId }),
  "user.create": (w, _role, n) => ({ username: `newuser${n}`, displayName: "新村干部", phone: "", role: "village_cadre", orgUnitId: w.A.v11 }),
  "user.lock": (w) => ({ id: w.users.toLock.userId }),
  "user.unlock": (w) => ({ id: w.users.toUnlock.userId }),
  "user.deactivate": (w) => ({ id: w.users.toDeactivate.userId }),
  "user.reactivate": (w) => ({ id: w.users.toReactivate.userId }),
  "user.resetPassword": (w) => ({ id: w.users.toReset.userId }),
  "user.changePassword": () => ({ currentPassword: "x-not-the-password", newPassword: "Matrix2026abc", confirmPassword: "Matrix2026abc" }),
  "orgUnit.list": () => ({}),
  "orgUnit.get": (w) => ({ id: w.A.v11 }),
  "orgUnit.create": (_w, _role, n) => ({ level: "village", code: `410101002${String(100 + (n % 900)).padStart(3, "0")}`, name: `新建村${n}` }),
  "orgUnit.rename": async (w) => {
    const unit = await prisma.orgUnit.findUniqueOrThrow({ where: { id: w.vRename } });
    return { id: unit.id, name: `${unit.name}新`, expectedName: unit.name };
  },
  "orgUnit.deactivate": (w) => ({ id: w.vDeactivate }),
  "orgUnit.reactivate": (w) => ({ id: w.vReactivate }),
  "orgUnit.import": (w) => ({ file: w.files.orgUnits }),
  "orgUnit.importTemplate": () => ({}),
  "bank.list": () => ({}),
  "bank.get": (w) => ({ id: w.bankA1 }),
  "bank.create": (_w, _role, n) => ({ name: `新合作银行${n}`, branch: "城关支行", active: "on", townshipIds: [] }),
  "bank.update": async (w) => {
    const bank = await getBank(w.mk.admin, { id: w.bankA3 });
    return { id: bank.id, fingerprint: bank.fingerprint, name: bank.name, branch: "新城支行", contact: "", phone: "", active: "on", townshipIds: [] };
  },
  "policyProfile.list": () => ({}),
  "policyProfile.get": (w) => ({ id: w.profiles.draft }),
  "policyProfile.diff": () => ({ a: "1", b: "2" }),
  "policyProfile.create": (w) => ({ source: "copy", fromId: w.profiles.active }),
  "policyProfile.update": async (w) => {
    const p = await getPolicyProfile(w.mk.admin, { id: w.profiles.draft });
    return { id: p.id, fingerprint: p.fingerprint, name: `${p.name}（修订）`, fields: {} };
  },
  "policyProfile.activate": (w) => ({ id: w.profiles.toActivate, effectiveFrom: "2030-01-01" }),
  "calendar.list": () => ({ year: "2031" }),
  "calendar.addDay": (_w, _role, n) => ({ date: `2032-${String(1 + Math.floor(n / 28) % 12).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`, kind: "holiday", name: "测试假日" }),
  "calendar.removeDay": (w) => ({ id: w.calendarDay }),
  "calendar.importYear": () => ({ year: "2033", text: "" }),
  "rateFixing.list": () => ({}),
  "rateFixing.add": (_w, _role, n) => ({ kind: "lpr", term: "1y", effectiveFrom: `2031-${String(1 + Math.floor(n / 28) % 12).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`, rate: "0.0300" }),
};

export const VARIANT_INPUTS: Record<string, InputBuilder> = {
  "dashboard.overview, own area": () => ({}),
  "application.formData, new application": () => ({}),
  "application.enterpriseFormData, new application": () => ({}),
};

/** The request each route handler is called with (its use case's input, as the URL carries it). */
export type RouteRequest = { url: string; params?: Record<string, string> };

export const ROUTE_REQUESTS: Record<string, (w: World) => RouteRequest> = {
  "GET /api/admin/org-units/template": () => ({ url: "/api/admin/org-units/template" }),
  "GET /api/attachments/[id]": (w) => ({ url: `/api/attachments/${w.attachment}`, params: { id: w.attachment } }),
  "GET /api/batches/[id]/workbook": (w) => ({ url: `/api/batches/${w.batch}/workbook`, params: { id: w.batch } }),
  "GET /api/credit/template": () => ({ url: "/api/credit/template" }),
  "GET /api/evaluations/[id]/self-assessment": (w) => ({ url: `/api/evaluations/${w.evaluations.withFile}/self-assessment`, params: { id: w.evaluations.withFile } }),
  "GET /api/households/import-template": () => ({ url: "/api/households/import-template" }),
  "GET /api/loans/repayment-template": () => ({ url: "/api/loans/repayment-template" }),
  "GET /api/publicity/[id]/notice.pdf": (w) => ({ url: `/api/publicity/${w.round}/notice.pdf`, params: { id: w.round } }),
  "GET /api/reports/repayments": (w) => ({ url: `/api/reports/repayments?townshipId=${w.A.t1}&bankId=${w.bankA1}` }),
  "GET /api/reports/disbursements": (w) => ({ url: `/api/reports/disbursements?townshipId=${w.A.t1}&bankId=${w.bankA1}` }),
  "GET /api/reports/overdue": (w) => ({ url: `/api/reports/overdue?townshipId=${w.A.t1}&bankId=${w.bankA1}` }),
  "GET /api/reports/loss-cases": (w) => ({ url: `/api/reports/loss-cases?townshipId=${w.A.t1}&bankId=${w.bankA1}` }),
  "GET /api/reports/subsidy": (w) => ({ url: `/api/reports/subsidy?townshipId=${w.A.t1}&bankId=${w.bankA1}` }),
  "GET /api/reports/publicity": (w) => ({ url: `/api/reports/publicity?townshipId=${w.A.t1}` }),
  "GET /api/reports/audit-log": (w) => ({ url: `/api/reports/audit-log?entityId=${w.app.disbursed}` }),
  "GET /api/reports/ledger": (w) => ({ url: `/api/reports/ledger?townshipId=${w.A.t1}&bankId=${w.bankA1}&status=all` }),
  "GET /api/subsidy/export": () => ({ url: "/api/subsidy/export?year=2026&quarter=2" }),
  "GET /api/subsidy/runs/[id]/statement-template": (w) => ({ url: `/api/subsidy/runs/${w.runs.differing}/statement-template`, params: { id: w.runs.differing } }),
};
