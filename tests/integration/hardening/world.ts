import ExcelJS from "exceljs";
import { P_EVAL_SCORECARD } from "@/lib/domain/bank-evaluation";
import { unifiedSocialCreditCheckChar } from "@/lib/domain/enterprise-eligibility";
import type { Actor } from "@/lib/server/actor";
import { decideApplication } from "@/lib/server/applications/approve-application";
import { createBatch } from "@/lib/server/applications/create-batch";
import { openPublicity } from "@/lib/server/applications/open-publicity";
import { recordBankDecision } from "@/lib/server/applications/record-bank-decision";
import { recordObjection } from "@/lib/server/applications/record-objection";
import { reviewApplication } from "@/lib/server/applications/review-application";
import { saveApplicationDraft } from "@/lib/server/applications/save-application-draft";
import { saveEnterpriseApplicationDraft } from "@/lib/server/applications/save-enterprise-application-draft";
import { settleDuePublicity } from "@/lib/server/applications/settle-publicity";
import { submitApplication } from "@/lib/server/applications/submit-application";
import { uploadAttachment } from "@/lib/server/applications/upload-attachment";
import { addBlacklistEntry } from "@/lib/server/blacklist/add-blacklist-entry";
import { addCalendarDay } from "@/lib/server/calendar/add-calendar-day";
import { openRatingPublicity } from "@/lib/server/credit/open-rating-publicity";
import { recordRatingObjection } from "@/lib/server/credit/record-rating-objection";
import { reviewRating } from "@/lib/server/credit/review-rating";
import { saveRating } from "@/lib/server/credit/save-rating";
import { createEnterprise } from "@/lib/server/enterprises/create-enterprise";
import { saveBankEvaluation } from "@/lib/server/evaluation/save-evaluation";
import { uploadSelfAssessment } from "@/lib/server/evaluation/upload-self-assessment";
import { runDailyJob } from "@/lib/server/jobs/daily";
import { recordSiteVisit } from "@/lib/server/loans/record-site-visit";
import { recordUsageSurvey } from "@/lib/server/loans/record-usage-survey";
import { reportAnomaly } from "@/lib/server/loans/report-anomaly";
import { requestLoanChange } from "@/lib/server/loans/request-loan-change";
import { requestTranche } from "@/lib/server/loans/request-tranche";
import { updateTranche } from "@/lib/server/loans/update-tranche";
import { createPolicyProfile } from "@/lib/server/policy-profiles/create-policy-profile";
import { addRateFixing } from "@/lib/server/rates/add-rate-fixing";
import { listLossCases } from "@/lib/server/risk/list-loss-cases";
import { recordFundDeposit } from "@/lib/server/risk/record-fund-deposit";
import { recordRecovery } from "@/lib/server/risk/record-recovery";
import { updateLossShare } from "@/lib/server/risk/update-loss-share";
import { approveSubsidyRun } from "@/lib/server/subsidy/approve-subsidy-run";
import { certifySubsidyRun } from "@/lib/server/subsidy/certify-subsidy-run";
import { importBankStatement } from "@/lib/server/subsidy/import-bank-statement";
import { markSubsidyFraud } from "@/lib/server/subsidy/mark-subsidy-fraud";
import { runSubsidyQuarter } from "@/lib/server/subsidy/run-subsidy-quarter";
import { ANSWERS, makeHousehold, makeSheet } from "../credit-helpers";
import { activateProfile, householdInput, makeActor, makeCounty, prisma, seedCalendar, setNow, validId } from "../fixtures";
import { makeBank, makeLoan } from "../loans-fixtures";

const PDF = new TextEncoder().encode("%PDF-1.4\n% test scan\n");

/** The server clock while the world is fuzzed: after every step below. */
export const WORLD_NOW = "2026-10-12T02:00:00Z";

async function statement(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("贴息对账单");
  sheet.addRow(["合同编号", "借款人", "贴息金额（元）"]);
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A run's interest lines with their loans' contract numbers, as the bank's statement lists them. */
async function interestLines(runId: string) {
  const lines = await prisma.subsidyLine.findMany({ where: { runId, kind: "interest" }, orderBy: { amount: "asc" } });
  const loans = await prisma.loan.findMany({ where: { id: { in: lines.map((l) => l.loanId) } } });
  const contract = new Map(loans.map((l) => [l.id, l.contractNumber]));
  return lines.map((l) => ({ id: l.id, contractNumber: contract.get(l.loanId)!, amount: l.amount.toFixed(2) }));
}

/**
 * One county with a record in (nearly) every state the workflows know, built through the use
 * cases themselves: applications from draft to disbursed, loans repaying, overdue and split, a
 * loss case with shares, tranches, a loan change, subsidy claims computed, approved and with a
 * fraud finding, ratings, a blacklist entry, a bank evaluation, a draft policy profile. The
 * fuzzer takes its ids from here, so hostile values meet real records in every state. Returns
 * one in-scope actor per role (two banks' officers, two county officers).
 */
export async function buildWorld(): Promise<Actor[]> {
  const c = await makeCounty("410101");
  await activateProfile(c.county.id);
  await seedCalendar(c.county.id);
  await makeSheet(c.county.id);
  const village = c.townships[0].villages[0];
  const cadre = await makeActor("village_cadre", village.id);
  const township = await makeActor("township_officer", c.townships[0].id);
  const county1 = await makeActor("county_officer", c.county.id);
  const county2 = await makeActor("county_officer", c.county.id);
  const finance = await makeActor("finance_officer", c.county.id);
  const auditor = await makeActor("auditor", c.county.id);
  const admin = await makeActor("admin", c.county.id);
  const bankA = await makeBank(c, "甲农商银行");
  const bankB = await makeBank(c, "乙农业银行");

  // Applications, one household each, in every state from draft to disbursed (Monday 2 March 2026).
  setNow("2026-03-02T02:00:00Z");
  const households: string[] = [];
  for (let i = 0; i < 9; i++) {
    const h = await prisma.household.create({
      data: {
        ...householdInput({ headName: `世界户${i}`, idNumber: validId("410101", "19800101", String(300 + i)) }),
        membersCount: 4, status: "registeredPoor", labourCapacity: "full", creditGrade: "A",
        villageId: village.id, townshipId: c.townships[0].id, countyId: c.county.id,
      },
    });
    households.push(h.id);
  }
  const draft = async (householdId: string) => {
    const { id } = await saveApplicationDraft(cadre, {
      householdId, amount: "50000", termMonths: "12", purpose: "breeding", projectDescription: "养牛 5 头", repaymentSource: "出栏收入",
    });
    await uploadAttachment(cadre, { applicationId: id, kind: "applicationForm", fileName: "申请书.pdf", data: PDF });
    return id;
  };
  await draft(households[0]);
  const submitted = await draft(households[1]);
  await submitApplication(cadre, { id: submitted });
  const reviewed = await draft(households[2]);
  await submitApplication(cadre, { id: reviewed });
  await reviewApplication(township, { id: reviewed, decision: "approve" });
  const inPublicity = [];
  for (const h of households.slice(3, 8)) {
    const id = await draft(h);
    await submitApplication(cadre, { id });
    await reviewApplication(township, { id, decision: "approve" });
    inPublicity.push(id);
  }
  await openPublicity(township, { applicationIds: inPublicity, objectionContact: "乡镇服务站 0375-1234567" });
  await recordObjection(cadre, { applicationId: inPublicity[0], objector: "王某", content: "该户已外出务工" });
  setNow("2026-03-10T01:00:00Z");
  await settleDuePublicity(c.county.id);
  const [, passed, approved, bankApproved, disbursed] = inPublicity;
  void passed;
  for (const id of [approved, bankApproved, disbursed]) await decideApplication(county1, { id, decision: "approve" });
  await createBatch(county1, { bankId: bankA.bankId, applicationIds: [bankApproved, disbursed] });
  await recordBankDecision(bankA.officer, { id: bankApproved, outcome: "approved", contractNumber: "W-HT-1", approvedAmount: "50000", rate: "0.0435", termMonths: "12" });
  await recordBankDecision(bankA.officer, { id: disbursed, outcome: "approved", contractNumber: "W-HT-2", approvedAmount: "50000", rate: "0.0435", termMonths: "12", disbursementDate: "2026-03-10" });
  // Its borrower pays on time (written directly: the repayment use cases are fuzzed, not built on).
  await prisma.$executeRaw`UPDATE "ScheduleItem" SET "interestPaid" = "interestDue", "principalPaid" = "principalDue", status = 'paid'
    WHERE "loanId" = (SELECT id FROM "Loan" WHERE "contractNumber" = 'W-HT-2') AND "dueDate" < '2026-10-13'`;

  // An enterprise and its application draft.
  const enterprise = await createEnterprise(township, {
    name: "东关种养专业合作社", creditCode: `93410102MA44ABCDE${unifiedSocialCreditCheckChar("93410102MA44ABCDE")}`, legalRepresentative: "王五",
    kind: "cooperative", agricultural: "true", operatingSince: "2024-03-02", townshipId: "",
  });
  await saveEnterpriseApplicationDraft(township, {
    enterpriseId: enterprise.id, amount: "300000", termMonths: "12", purpose: "breeding", projectDescription: "扩建肉牛养殖场",
    repaymentSource: "肉牛出栏销售收入", requestedRate: "0.0478", householdIds: households.slice(0, 2), agreementParties: "县政府、银行、合作社、农户代表",
    agreementSignedOn: "2026-02-20",
  });

  // Credit ratings: a draft, and one in publicity with an objection; a blacklist proposal.
  const rated = await makeHousehold(village);
  await saveRating(cadre, { householdId: rated.id, intent: "save", answers: ANSWERS.A });
  const inRatingPublicity = await makeHousehold(village);
  const { id: ratingId } = await saveRating(cadre, { householdId: inRatingPublicity.id, intent: "submit", answers: ANSWERS.AAA });
  await reviewRating(township, { id: ratingId, decision: "approve" });
  await openRatingPublicity(township, { villageId: village.id });
  await recordRatingObjection(cadre, { ratingId, objector: "李某", content: "收入偏高" });
  const blacklisted = await makeHousehold(village);
  await addBlacklistEntry(county1, { kind: "household", identifier: blacklisted.idNumber, reason: "恶意拖欠贷款", evidence: "法院判决书" });

  // Loans of bank A: repaying (subsidised), a large loan with tranches, one with an extension asked for.
  const repaying = await makeLoan({ c, bankId: bankA.bankId, principal: "10000.00", disbursedOn: "2025-12-20", contractNumber: "W-L-1", schedule: [
    { dueDate: "2026-12-20", principal: "10000.00", interest: "435.00" },
  ] });
  const large = await makeLoan({ c, bankId: bankA.bankId, principal: "1000000.00", disbursedOn: "2025-12-20", contractNumber: "W-L-2", schedule: [
    { dueDate: "2027-02-10", principal: "1000000.00", interest: "43500.00" },
  ] });
  await prisma.application.update({ where: { id: large.applicationId }, data: { largeLoan: true } });
  const t1 = await requestTranche(township, { loanId: large.id, amount: "300000", purpose: "厂房建设", evidence: "施工合同", payee: "某建筑公司" });
  await requestTranche(township, { loanId: large.id, amount: "200000", purpose: "设备", evidence: "采购合同", payee: "某设备公司" });
  await updateTranche(county1, { action: "approve", trancheId: t1.id });
  await requestLoanChange(bankA.officer, { loanId: repaying.id, kind: "extension", newMaturity: "2027-03-20", reason: "生产周期延长" });

  // Subsidy claims of bank A: Q1 approved (awaiting payment), Q2 computed with a differing statement and a fraud finding.
  setNow("2026-03-25T02:00:00Z");
  const q1 = await runSubsidyQuarter(county1, { bankId: bankA.bankId, year: 2026, quarter: 1 });
  const q1Lines = await interestLines(q1.id);
  await importBankStatement(bankA.officer, { runId: q1.id, file: await statement(q1Lines.map((l) => [l.contractNumber, "", l.amount])) });
  await certifySubsidyRun(county2, { id: q1.id });
  await approveSubsidyRun(finance, { id: q1.id });
  setNow("2026-06-25T02:00:00Z");
  const q2 = await runSubsidyQuarter(county1, { bankId: bankA.bankId, year: 2026, quarter: 2 });
  const q2Lines = await interestLines(q2.id);
  await importBankStatement(bankA.officer, { runId: q2.id, file: await statement(q2Lines.map((l, i) => [l.contractNumber, "", i === 0 ? "1.00" : l.amount])) });
  await markSubsidyFraud(county1, { lineId: q2Lines[q2Lines.length - 1].id, reason: "虚构贫困户身份骗取贴息" });

  // Loans of bank B in another township: one overdue (reminders), one split with a loss case.
  const overdue = await makeLoan({ c, bankId: bankB.bankId, principal: "20000.00", disbursedOn: "2026-01-10", contractNumber: "W-L-3", village: { township: 1, village: 1 }, schedule: [
    { dueDate: "2026-09-21", principal: "0.00", interest: "200.00" },
    { dueDate: "2027-01-10", principal: "20000.00", interest: "200.00" },
  ] });
  const defaulted = await makeLoan({ c, bankId: bankB.bankId, principal: "10000.00", contractNumber: "W-L-4", village: { township: 1, village: 1 }, schedule: [
    { dueDate: "2026-07-21", principal: "0.00", interest: "120.83" },
    { dueDate: "2026-10-21", principal: "10000.00", interest: "111.11" },
  ] });
  void overdue;
  void defaulted;
  setNow("2026-07-22T02:00:00Z");
  await runDailyJob("2026-07-22");
  setNow("2026-09-30T02:00:00Z");
  await runDailyJob("2026-09-30");
  setNow(WORLD_NOW);
  await runDailyJob("2026-10-12");
  const [lossCase] = await listLossCases(county1, {});
  const fundShare = lossCase.shares.find((s) => s.party === "county_fund")!;
  await updateLossShare(finance, { action: "confirm", shareId: fundShare.id, expectedStatus: "pending" });
  await recordRecovery(county1, { caseId: lossCase.id, amount: "1000", costs: "100", receivedOn: "2026-10-09" });
  await recordFundDeposit(county1, { amount: "20000000", occurredOn: "2026-01-05", reference: "财预〔2026〕1号" });
  await recordSiteVisit(bankA.officer, { loanId: large.id, visitedOn: "2026-05-20", findings: "厂房主体已完工" });
  await recordUsageSurvey(township, { loanId: repaying.id, surveyedOn: "2026-10-09", fundsUse: "购买饲料", businessStatus: "normal", notes: "" });
  await reportAnomaly(cadre, { loanId: repaying.id, kind: "familyEvent", description: "户主住院" });

  // Administration: a draft policy profile, a calendar day, a rate fixing, a bank evaluation.
  await createPolicyProfile(admin, { source: "template", templateId: "guizhou" });
  await addCalendarDay(admin, { date: "2027-01-01", kind: "holiday", name: "元旦" });
  await addRateFixing(admin, { kind: "lpr", term: "1y", effectiveFrom: "2026-09-20", rate: "0.0300" });
  const items = Object.fromEntries(P_EVAL_SCORECARD.flatMap((g) => g.items.map((it) => [String(it.number), it.maxPoints])));
  const evaluation = await saveBankEvaluation(county1, { bankId: bankA.bankId, year: "2025", items, structural: ["90", "80", "70"], item29Reason: "协助清收成效显著" });
  await uploadSelfAssessment(county1, { id: evaluation.id, fileName: "自评.pdf", data: PDF });

  return [cadre, township, county1, county2, finance, auditor, admin, bankA.officer, bankB.officer];
}
