import ExcelJS from "exceljs";
import type { Role } from "@/lib/domain/roles";
import { P_EVAL_SCORECARD } from "@/lib/domain/bank-evaluation";
import { unifiedSocialCreditCheckChar } from "@/lib/domain/enterprise-eligibility";
import type { Actor } from "@/lib/server/actor";
import { actorFromUser } from "@/lib/server/actor-from-user";
import { decideApplication } from "@/lib/server/applications/approve-application";
import { createBatch } from "@/lib/server/applications/create-batch";
import { exportBatchWorkbook } from "@/lib/server/applications/export-batch-workbook";
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
import { decideBlacklistEntry } from "@/lib/server/blacklist/decide-blacklist-entry";
import { addCalendarDay } from "@/lib/server/calendar/add-calendar-day";
import { openRatingPublicity } from "@/lib/server/credit/open-rating-publicity";
import { ratingTemplate } from "@/lib/server/credit/rating-template";
import { recordRatingObjection } from "@/lib/server/credit/record-rating-objection";
import { reviewRating } from "@/lib/server/credit/review-rating";
import { saveRating } from "@/lib/server/credit/save-rating";
import { createEnterprise } from "@/lib/server/enterprises/create-enterprise";
import { saveBankEvaluation } from "@/lib/server/evaluation/save-evaluation";
import { uploadSelfAssessment } from "@/lib/server/evaluation/upload-self-assessment";
import { householdImportTemplate } from "@/lib/server/households/import-households";
import { runDailyJob } from "@/lib/server/jobs/daily";
import { repaymentTemplate } from "@/lib/server/loans/repayment-template";
import { recordRepayment } from "@/lib/server/loans/record-repayment";
import { reportAnomaly } from "@/lib/server/loans/report-anomaly";
import { requestLoanChange } from "@/lib/server/loans/request-loan-change";
import { requestTranche } from "@/lib/server/loans/request-tranche";
import { updateTranche } from "@/lib/server/loans/update-tranche";
import { orgImportTemplate } from "@/lib/server/org-units/org-import-template";
import { createPolicyProfile } from "@/lib/server/policy-profiles/create-policy-profile";
import { applyClaim } from "@/lib/server/risk/apply-claim";
import { decideClaim } from "@/lib/server/risk/decide-claim";
import { listLossCases } from "@/lib/server/risk/list-loss-cases";
import { recordFundDeposit } from "@/lib/server/risk/record-fund-deposit";
import { recordRecovery } from "@/lib/server/risk/record-recovery";
import { reviewClaim } from "@/lib/server/risk/review-claim";
import { approveSubsidyRun } from "@/lib/server/subsidy/approve-subsidy-run";
import { certifySubsidyRun } from "@/lib/server/subsidy/certify-subsidy-run";
import { importBankStatement } from "@/lib/server/subsidy/import-bank-statement";
import { markSubsidyFraud } from "@/lib/server/subsidy/mark-subsidy-fraud";
import { runSubsidyQuarter } from "@/lib/server/subsidy/run-subsidy-quarter";
import { lockUser } from "@/lib/server/users/lock-user";
import { deactivateUser } from "@/lib/server/users/deactivate-user";
import { ANSWERS, makeSheet } from "../credit-helpers";
import { activateProfile, makeCounty, prisma, seedCalendar, setNow, type TestCounty, validId } from "../fixtures";

/** The server clock while the matrix runs: after every step below. */
export const WORLD_NOW = "2026-10-12T02:00:00Z";
export const WORLD_TODAY = "2026-10-12";

const PDF = new TextEncoder().encode("%PDF-1.4\n% access matrix scan\n");
const d = (s: string) => new Date(`${s}T00:00:00Z`);

let userSeq = 0;
async function user(role: Role, orgUnitId: string | null, o: { bankId?: string; tag?: string } = {}): Promise<Actor> {
  const row = await prisma.user.create({
    data: {
      username: `acc${++userSeq}-${o.tag ?? role}`.toLowerCase().replace(/_/g, "-"),
      displayName: `矩阵${role}${userSeq}`,
      role, orgUnitId, bankId: o.bankId ?? null, passwordHash: "x",
    },
    include: { orgUnit: true },
  });
  const actor = actorFromUser(row);
  if (!actor) throw new Error(`bad actor ${role}@${orgUnitId}`);
  return actor;
}

/** One county of the world: its tree and the ids of its actors' units. */
type Area = {
  c: TestCounty;
  countyId: string;
  t1: string;
  t2: string;
  v11: string;
  v12: string;
  v21: string;
  /** "甲" for A, "乙" for B: the prefix of every name, contract number and credit code written for the county. */
  tag: string;
  code6: string;
};

function area(c: TestCounty, tag: string, code6: string): Area {
  return {
    c, tag, code6, countyId: c.county.id, t1: c.townships[0].id, t2: c.townships[1].id,
    v11: c.townships[0].villages[0].id, v12: c.townships[0].villages[1].id, v21: c.townships[1].villages[0].id,
  };
}

let householdSeq = 0;
async function household(a: Area, villageId: string, o: { grade?: "A" | "AAA" | null } = {}) {
  const n = ++householdSeq;
  const village = await prisma.orgUnit.findUniqueOrThrow({ where: { id: villageId } });
  return prisma.household.create({
    data: {
      headName: `${a.tag}户${String(n).padStart(3, "0")}`, idNumber: validId(a.code6, "19800101", String(n).padStart(3, "0")),
      phone: "13800138000", address: "一组 5 号", membersCount: 4, status: "registeredPoor", labourCapacity: "full",
      creditGrade: o.grade === undefined ? "A" : o.grade, creditGradedOn: o.grade === null ? null : d("2026-01-01"),
      villageId, townshipId: village.parentId!, countyId: a.countyId,
    },
  });
}

let loanSeq = 0;
type Item = { due: string; principal: string; interest: string };

/**
 * A disbursed household loan written directly (as the disbursement writes it): instalments due
 * before `paidBefore` are paid, so the loan is performing unless a test wants it overdue.
 */
async function loan(a: Area, o: { bankId: string; villageId?: string; principal?: string; disbursedOn?: string; schedule?: Item[]; paidBefore?: string; largeLoan?: boolean }) {
  const n = ++loanSeq;
  const villageId = o.villageId ?? a.v11;
  const h = await household(a, villageId);
  const principal = o.principal ?? "20000.00";
  const schedule = o.schedule ?? [
    { due: "2026-03-20", principal: "0.00", interest: "24.17" },
    { due: "2026-06-20", principal: "0.00", interest: "222.33" },
    { due: "2026-09-20", principal: "0.00", interest: "222.33" },
    { due: "2026-12-20", principal: "0.00", interest: "217.50" },
    { due: "2027-01-10", principal, interest: "50.75" },
  ];
  const paidBefore = o.paidBefore ?? WORLD_TODAY;
  const app = await prisma.application.create({
    data: {
      kind: "household", status: "disbursed", countyId: a.countyId, townshipId: h.townshipId, villageId, householdId: h.id,
      amount: principal, termMonths: 12, purpose: "breeding", projectDescription: "养牛", repaymentSource: "出栏", createdById: "world",
      largeLoan: o.largeLoan ?? false,
    },
  });
  return prisma.loan.create({
    data: {
      applicationId: app.id, kind: "household", countyId: a.countyId, townshipId: h.townshipId, villageId, householdId: h.id,
      bankId: o.bankId, contractNumber: `${a.tag}HT-${String(n).padStart(3, "0")}`, principal, rate: "0.0435", termMonths: 12,
      disbursedOn: d(o.disbursedOn ?? "2026-01-10"), maturityDate: d(schedule[schedule.length - 1].due), outstandingPrincipal: principal,
      schedule: {
        create: schedule.map((s, i) => {
          const paid = s.due < paidBefore;
          return {
            seq: i + 1, dueDate: d(s.due), principalDue: s.principal, interestDue: s.interest,
            ...(paid ? { principalPaid: s.principal, interestPaid: s.interest, status: "paid" as const } : {}),
          };
        }),
      },
    },
    include: { schedule: { orderBy: { seq: "asc" } } },
  });
}

async function bankWithOfficer(a: Area, name: string) {
  const bank = await prisma.bank.create({ data: { countyId: a.countyId, name } });
  return { bankId: bank.id, officer: await user("bank_officer", a.countyId, { bankId: bank.id }) };
}

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
  return lines.map((l) => ({ id: l.id, loanId: l.loanId, contractNumber: contract.get(l.loanId)!, amount: l.amount.toFixed(2) }));
}

/** A valid 统一社会信用代码 of a cooperative registered in county A (n: a serial number). */
export function creditCode(n: number): string {
  const first17 = `93410101MA${String(n).padStart(7, "0")}`;
  return first17 + unifiedSocialCreditCheckChar(first17);
}

export type Actors = Record<Role, Actor>;

/**
 * The world the matrix runs in: county A (甲县, 410101) with a record in every state a use case
 * acts on, each use case with its own target so that one succeeding does not change another's;
 * county B (乙县, 420202) with a little of everything so its lists are not empty. Records are
 * made through the use cases by "maker" actors of A, never by the actors the matrix runs as.
 */
export async function buildWorld() {
  setNow("2026-03-02T02:00:00Z");
  const A = area(await makeCounty("410101", "甲县"), "甲", "410101");
  const B = area(await makeCounty("420202", "乙县"), "乙", "420202");
  for (const x of [A, B]) {
    await activateProfile(x.countyId, (s) => {
      // No area or lender is halted (approvals and disbursements are not refused for that), and
      // the Guizhou claim chain with its recovery return deadline runs (so every claim step exists).
      s.breaker.township = null;
      s.breaker.village = null;
      s.breaker.lender = null;
      s.defaultHandling = { bufferUnit: "months", bufferDays: null, bufferUsualMaxMonths: 2, bufferHardMaxMonths: 3, splitWorkingDays: 10, recoveryReturnWorkingDays: 5, claimChainEnabled: true };
      s.sharing.scheme = "guizhou";
      s.sharing.ratios.household = [{ party: "county_fund", ratio: "0.60" }, { party: "bank", ratio: "0.40" }];
    });
    await seedCalendar(x.countyId);
    await makeSheet(x.countyId);
  }
  // Spare villages of A's township 1 for the administrator's use cases.
  const spare = async (code: string, name: string, active = true) =>
    (await prisma.orgUnit.create({ data: { code: `410101001${code}`, name, level: "village", parentId: A.t1, countyId: A.countyId, active } })).id;
  const vDeactivate = await spare("003", "待撤销村");
  const vReactivate = await spare("004", "已撤销村", false);
  const vRename = await spare("005", "待更名村");

  const bankA1 = await bankWithOfficer(A, "甲县农商银行");
  const bankA2 = await bankWithOfficer(A, "甲县农业银行");
  const bankA3 = await prisma.bank.create({ data: { countyId: A.countyId, name: "甲县备用银行" } });
  const bankB1 = await bankWithOfficer(B, "乙县农商银行");

  // The makers: A's staff who made every record (the matrix's own actors never made anything).
  const mk = {
    cadre: await user("village_cadre", A.v11, { tag: "mk" }),
    township: await user("township_officer", A.t1, { tag: "mk" }),
    county1: await user("county_officer", A.countyId, { tag: "mk" }),
    county2: await user("county_officer", A.countyId, { tag: "mk" }),
    finance: await user("finance_officer", A.countyId, { tag: "mk" }),
    admin: await user("admin", A.countyId, { tag: "mk" }),
    bank: bankA1.officer,
  };

  // ---- Household applications in V11, 2 March 2026 -------------------------------------------
  const draft = async (grade: "A" | null = "A") => {
    const h = await household(A, A.v11, { grade });
    const { id } = await saveApplicationDraft(mk.cadre, {
      householdId: h.id, amount: "50000", termMonths: "12", purpose: "breeding", projectDescription: "养牛 5 头", repaymentSource: "出栏收入",
    });
    await uploadAttachment(mk.cadre, { applicationId: id, kind: "applicationForm", fileName: "申请书.pdf", data: PDF });
    return id;
  };
  const submitted = async () => {
    const id = await draft();
    await submitApplication(mk.cadre, { id });
    return id;
  };
  const reviewed = async () => {
    const id = await submitted();
    await reviewApplication(mk.township, { id, decision: "approve" });
    return id;
  };
  const app = {
    draft: await draft(),
    toSubmit: await draft(),
    toReview: await submitted(),
    toAttach: await submitted(),
    toPublicise: await reviewed(),
    toDecide: "", toBatch: "", bankDecide1: "", bankDecide2: "", disburse1: "", disburse2: "", disbursed: "", objected: "", inPublicity: "",
  };
  const oldRound = [];
  for (let i = 0; i < 8; i++) oldRound.push(await reviewed());
  [app.toDecide, app.toBatch, app.bankDecide1, app.bankDecide2, app.disburse1, app.disburse2, app.disbursed, app.objected] = oldRound;
  await openPublicity(mk.township, { applicationIds: oldRound, objectionContact: "甲县001乡服务站 0375-1234567" });
  await recordObjection(mk.cadre, { applicationId: app.objected, objector: "王某", content: "该户已外出务工" });
  const objection = await prisma.objection.findFirstOrThrow({ where: { applicationId: app.objected } });

  // ---- Enterprises of T1 and an enterprise application ----------------------------------------
  const enterprise = async (n: number, name: string) =>
    createEnterprise(mk.township, {
      name, creditCode: creditCode(n), legalRepresentative: "王五",
      kind: "cooperative", agricultural: "true", operatingSince: "2020-03-02", townshipId: "",
    });
  const ent1 = await enterprise(1, "甲县东关种养专业合作社");
  const ent2 = await enterprise(2, "甲县西关农机专业合作社");
  const drivenH = await household(A, A.v11);
  const { id: enterpriseApp } = await saveEnterpriseApplicationDraft(mk.township, {
    enterpriseId: ent1.id, amount: "300000", termMonths: "12", purpose: "breeding", projectDescription: "扩建肉牛养殖场",
    repaymentSource: "肉牛出栏销售收入", requestedRate: "0.0478", householdIds: [drivenH.id], agreementParties: "县政府、银行、合作社、农户代表",
    agreementSignedOn: "2026-02-20",
  });

  // ---- Blacklist ---------------------------------------------------------------------------------
  const blPending = await household(A, A.v11, { grade: null });
  const blActive = await household(A, A.v11, { grade: null });
  const blToAdd = await household(A, A.v11, { grade: null });
  const { id: blacklistPending } = await addBlacklistEntry(mk.county1, { kind: "household", identifier: blPending.idNumber, reason: "恶意拖欠", evidence: "法院判决书" });
  const { id: blacklistActive } = await addBlacklistEntry(mk.county1, { kind: "household", identifier: blActive.idNumber, reason: "恶意拖欠", evidence: "法院判决书" });
  await decideBlacklistEntry(mk.county2, { id: blacklistActive, decision: "approve" });

  // ---- 10 March: publicity passed; county approval; batch to bank A1; bank decisions ----------------
  setNow("2026-03-10T01:00:00Z");
  await settleDuePublicity(A.countyId);
  for (const id of [app.toBatch, app.bankDecide1, app.bankDecide2, app.disburse1, app.disburse2, app.disbursed]) {
    await decideApplication(mk.county1, { id, decision: "approve" });
  }
  const { id: batch } = await createBatch(mk.county1, { bankId: bankA1.bankId, applicationIds: [app.bankDecide1, app.bankDecide2, app.disburse1, app.disburse2, app.disbursed] });
  const approved = { outcome: "approved", approvedAmount: "50000", rate: "0.0435", termMonths: "12" };
  await recordBankDecision(mk.bank, { id: app.disburse1, ...approved, contractNumber: "甲HT-D1" });
  await recordBankDecision(mk.bank, { id: app.disburse2, ...approved, contractNumber: "甲HT-D2" });
  await recordBankDecision(mk.bank, { id: app.disbursed, ...approved, contractNumber: "甲HT-D3", disbursementDate: "2026-03-10" });
  await prisma.$executeRaw`UPDATE "ScheduleItem" SET "interestPaid" = "interestDue", "principalPaid" = "principalDue", status = 'paid'
    WHERE "loanId" = (SELECT id FROM "Loan" WHERE "contractNumber" = '甲HT-D3') AND "dueDate" < ${d(WORLD_TODAY)}`;
  const attachment = await prisma.attachment.findFirstOrThrow({ where: { applicationId: app.disbursed } });
  const batchWorkbook = (await exportBatchWorkbook(mk.county1, { id: batch })).bytes;

  // ---- Loans of bank A1 in V11, written directly ---------------------------------------------------
  const L = {
    main: await loan(A, { bankId: bankA1.bankId }),
    change: await loan(A, { bankId: bankA1.bankId }),
    extend: await loan(A, { bankId: bankA1.bankId }),
    repay: await loan(A, { bankId: bankA1.bankId }),
    remind: await loan(A, { bankId: bankA1.bankId }),
    large: await loan(A, { bankId: bankA1.bankId, principal: "1000000.00", largeLoan: true }),
    sub1: await loan(A, { bankId: bankA1.bankId, disbursedOn: "2025-03-20", schedule: [
      { due: "2025-06-20", principal: "0.00", interest: "222.33" }, { due: "2025-09-20", principal: "0.00", interest: "222.33" },
      { due: "2025-12-20", principal: "0.00", interest: "222.33" }, { due: "2026-03-20", principal: "0.00", interest: "217.50" },
      { due: "2026-06-20", principal: "0.00", interest: "222.33" }, { due: "2026-09-20", principal: "0.00", interest: "222.33" },
      { due: "2027-03-20", principal: "20000.00", interest: "435.00" },
    ] }),
    sub2: await loan(A, { bankId: bankA1.bankId, disbursedOn: "2025-03-20", schedule: [
      { due: "2025-06-20", principal: "0.00", interest: "222.33" }, { due: "2025-09-20", principal: "0.00", interest: "222.33" },
      { due: "2025-12-20", principal: "0.00", interest: "222.33" }, { due: "2026-03-20", principal: "0.00", interest: "217.50" },
      { due: "2026-06-20", principal: "0.00", interest: "222.33" }, { due: "2026-09-20", principal: "0.00", interest: "222.33" },
      { due: "2027-03-20", principal: "20000.00", interest: "435.00" },
    ] }),
  };
  const defaulted = () => loan(A, { bankId: bankA1.bankId, principal: "10000.00", paidBefore: "2000-01-01", schedule: [{ due: "2026-07-21", principal: "10000.00", interest: "120.83" }] });
  const claim = { apply: await defaulted(), review: await defaulted(), decide: await defaulted(), case1: await defaulted(), case2: await defaulted() };
  // Neighbours' loans (V12 of bank A1, V21 of bank A2) and one of county B.
  await loan(A, { bankId: bankA1.bankId, villageId: A.v12 });
  await loan(A, { bankId: bankA2.bankId, villageId: A.v21 });
  await loan(B, { bankId: bankB1.bankId, villageId: B.v11 });
  await household(B, B.v11);
  await household(A, A.v12);

  // ---- 1 October: the defaulted loans are in the buffer; claims at each step; two loss cases ----------
  setNow("2026-10-01T02:00:00Z");
  await runDailyJob("2026-10-01");
  for (const l of [claim.review, claim.decide, claim.case1, claim.case2]) await applyClaim(mk.bank, { loanId: l.id, reason: "借款人外出失联，清收无望" });
  for (const l of [claim.decide, claim.case1, claim.case2]) await reviewClaim(mk.township, { loanId: l.id, reason: "情况属实，同意上报" });
  const { caseId: case1 } = await decideClaim(mk.county1, { loanId: claim.case1.id, decision: "approve" });
  const { caseId: case2 } = await decideClaim(mk.county1, { loanId: claim.case2.id, decision: "approve" });
  const { recoveryId } = await recordRecovery(mk.county1, { caseId: case1!, amount: "1000", costs: "100", receivedOn: "2026-09-30" });
  const cases = await listLossCases(mk.county1, {});
  const shareOf = (caseId: string, party: string) => cases.find((c) => c.id === caseId)!.shares.find((s) => s.party === party)!.id;

  // ---- 9 October: a publicity round still open; credit ratings in every state -------------------------
  setNow("2026-10-09T02:00:00Z");
  app.inPublicity = await reviewed();
  const { id: round } = await openPublicity(mk.township, { applicationIds: [app.inPublicity], objectionContact: "甲县001乡服务站 0375-1234567" });
  const rate = async (intent: "save" | "submit", answers: Record<string, string> = ANSWERS.A) => {
    const h = await household(A, A.v11, { grade: null });
    const { id } = await saveRating(mk.cadre, { householdId: h.id, intent, answers });
    return { id, householdId: h.id };
  };
  const ratingDraft = await rate("save");
  const ratingToReview = await rate("submit");
  const ratingInPublicity = await rate("submit", ANSWERS.AAA);
  const ratingObjected = await rate("submit", ANSWERS.AAA);
  for (const r of [ratingInPublicity, ratingObjected]) await reviewRating(mk.township, { id: r.id, decision: "approve" });
  const { id: ratingRound } = await openRatingPublicity(mk.township, { villageId: A.v11 });
  await recordRatingObjection(mk.cadre, { ratingId: ratingObjected.id, objector: "李某", content: "收入偏高" });
  const ratingObjection = await prisma.ratingObjection.findFirstOrThrow({ where: { ratingId: ratingObjected.id } });
  const ratingApproved = await rate("submit");
  await reviewRating(mk.township, { id: ratingApproved.id, decision: "approve" });
  const unrated = await household(A, A.v11, { grade: null });

  // ---- 12 October (the matrix's today) --------------------------------------------------------------
  setNow(WORLD_NOW);
  // Subsidy claims of bank A1 in each state (computed by one county officer, certified by the other).
  const run = async (year: number, quarter: number) => (await runSubsidyQuarter(mk.county1, { bankId: bankA1.bankId, year, quarter })).id;
  const matching = async (runId: string, differ = false) => {
    const lines = await interestLines(runId);
    await importBankStatement(mk.bank, { runId, file: await statement(lines.map((l, i) => [l.contractNumber, "", differ && i === 0 ? "1.00" : l.amount])) });
    return lines;
  };
  const runToImport = await run(2025, 2);
  const runToPay = await run(2025, 3);
  await matching(runToPay);
  await certifySubsidyRun(mk.county2, { id: runToPay });
  await approveSubsidyRun(mk.finance, { id: runToPay });
  const runToApprove = await run(2025, 4);
  await matching(runToApprove);
  await certifySubsidyRun(mk.county2, { id: runToApprove });
  const runToCertify = await run(2026, 1);
  await matching(runToCertify);
  const runDiffering = await run(2026, 2);
  const q2Lines = await matching(runDiffering, true);
  const differingLine = await prisma.bankStatementLine.findFirstOrThrow({ where: { runId: runDiffering, status: { not: "matched" } } });
  const lineOf = (loanId: string) => q2Lines.find((l) => l.loanId === loanId)!.id;
  await markSubsidyFraud(mk.county1, { lineId: lineOf(L.sub2.id), reason: "虚构贫困户身份骗取贴息" });
  const clawback = await prisma.clawback.findFirstOrThrow({ where: { countyId: A.countyId, status: "pending" } });
  const statementFile = await statement((await interestLines(runToImport)).map((l) => [l.contractNumber, "", l.amount]));

  // Tranches of the large loan, a change asked for, a reminder, an anomaly, a deposit.
  const trancheRequested = await requestTranche(mk.township, { loanId: L.large.id, amount: "300000", purpose: "厂房建设", evidence: "施工合同", payee: "某建筑公司" });
  const trancheApproved = await requestTranche(mk.township, { loanId: L.large.id, amount: "200000", purpose: "设备", evidence: "采购合同", payee: "某设备公司" });
  await updateTranche(mk.county1, { action: "approve", trancheId: trancheApproved.id });
  const { id: loanChange } = await requestLoanChange(mk.bank, { loanId: L.change.id, kind: "extension", newMaturity: "2027-03-20", reason: "生产周期延长" });
  const remindItem = L.remind.schedule.find((s) => s.dueDate >= d(WORLD_TODAY))!;
  const reminder = await prisma.reminder.create({
    data: { countyId: A.countyId, townshipId: A.t1, loanId: L.remind.id, scheduleItemId: remindItem.id, kind: "notify", dueDate: remindItem.dueDate, raisedOn: d(WORLD_TODAY) },
  });
  await reportAnomaly(mk.cadre, { loanId: L.main.id, kind: "familyEvent", description: "户主住院" });
  await recordRepayment(mk.bank, { loanId: L.repay.id, reference: "甲LS-0001", paidOn: "2026-10-10", principal: "1000", interest: "20", penalty: "" });
  await recordFundDeposit(mk.county1, { amount: "2000000", occurredOn: "2026-01-05", reference: "财预〔2026〕1号" });

  // Bank evaluations of 2025 (one to approve, one with a self-assessment).
  const items = Object.fromEntries(P_EVAL_SCORECARD.flatMap((g) => g.items.map((it) => [String(it.number), it.maxPoints])));
  const evaluationInput = { year: "2025", items, structural: ["90", "80", "70"], item29Reason: "协助清收成效显著" };
  const { id: evaluationToApprove } = await saveBankEvaluation(mk.county1, { bankId: bankA1.bankId, ...evaluationInput });
  const { id: evaluationWithFile } = await saveBankEvaluation(mk.county1, { bankId: bankA2.bankId, ...evaluationInput });
  await uploadSelfAssessment(mk.county1, { id: evaluationWithFile, fileName: "自评.pdf", data: PDF });

  // Administration: users, a calendar day, draft policy profiles.
  const spareUser = () => user("village_cadre", A.v12, { tag: "spare" });
  const users = { toGet: await spareUser(), toLock: await spareUser(), toUnlock: await spareUser(), toDeactivate: await spareUser(), toReactivate: await spareUser(), toReset: await spareUser() };
  await lockUser(mk.admin, { id: users.toUnlock.userId });
  await deactivateUser(mk.admin, { id: users.toReactivate.userId });
  const { id: calendarDay } = await addCalendarDay(mk.admin, { date: "2031-01-01", kind: "holiday", name: "元旦" });
  const activeProfileA = await prisma.policyProfile.findFirstOrThrow({ where: { countyId: A.countyId, status: "active" } });
  const { id: profileDraft } = await createPolicyProfile(mk.admin, { source: "template", templateId: "guizhou" });
  const { id: profileToActivate } = await createPolicyProfile(mk.admin, { source: "copy", fromId: activeProfileA.id });
  const householdToUpdate = await household(A, A.v11);

  // Workbooks as A's staff download them (for the import use cases).
  const files = {
    batch: batchWorkbook,
    statement: statementFile,
    ratings: (await ratingTemplate(mk.cadre, {})).bytes,
    repayments: (await repaymentTemplate(mk.bank, {})).bytes,
    households: (await householdImportTemplate(mk.cadre, {})).bytes,
    orgUnits: (await orgImportTemplate(mk.admin, {})).bytes,
  };

  // ---- The actors the matrix runs as ---------------------------------------------------------------
  const inScope: Actors = {
    village_cadre: await user("village_cadre", A.v11),
    township_officer: await user("township_officer", A.t1),
    county_officer: await user("county_officer", A.countyId),
    bank_officer: await user("bank_officer", A.countyId, { bankId: bankA1.bankId }),
    finance_officer: await user("finance_officer", A.countyId),
    auditor: await user("auditor", A.countyId),
    admin: await user("admin", A.countyId),
  };
  const countyB: Actors = {
    village_cadre: await user("village_cadre", B.v11),
    township_officer: await user("township_officer", B.t1),
    county_officer: await user("county_officer", B.countyId),
    bank_officer: await user("bank_officer", B.countyId, { bankId: bankB1.bankId }),
    finance_officer: await user("finance_officer", B.countyId),
    auditor: await user("auditor", B.countyId),
    admin: await user("admin", B.countyId),
  };
  const siblings = {
    village: await user("village_cadre", A.v12),
    township: await user("township_officer", A.t2),
    bank: await user("bank_officer", A.countyId, { bankId: bankA2.bankId }),
  };

  return {
    A, B, bankA1: bankA1.bankId, bankA2: bankA2.bankId, bankA3: bankA3.id, bankB1: bankB1.bankId,
    vDeactivate, vReactivate, vRename,
    app, objection: objection.id, batch, attachment: attachment.id, round, enterpriseApp,
    ent1: ent1.id, ent2: ent2.id,
    blacklistPending, blacklistActive, blToAdd: blToAdd.idNumber,
    loans: L, claim, case1: case1!, case2: case2!, recoveryId,
    shares: { case1Fund: shareOf(case1!, "county_fund"), case2Fund: shareOf(case2!, "county_fund"), case2Bank: shareOf(case2!, "bank") },
    ratings: { draft: ratingDraft, toReview: ratingToReview, inPublicity: ratingInPublicity, objected: ratingObjected, approved: ratingApproved },
    ratingRound, ratingObjection: ratingObjection.id, unrated: unrated.id,
    runs: { toImport: runToImport, toPay: runToPay, toApprove: runToApprove, toCertify: runToCertify, differing: runDiffering },
    differingLine: differingLine.id, fraudLine: lineOf(L.sub1.id), clawback: clawback.id,
    tranches: { requested: trancheRequested.id, approved: trancheApproved.id }, loanChange, reminder: reminder.id,
    evaluations: { toApprove: evaluationToApprove, withFile: evaluationWithFile },
    users, calendarDay, profiles: { active: activeProfileA.id, draft: profileDraft, toActivate: profileToActivate },
    householdToUpdate, files, mk, inScope, countyB, siblings,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
