import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { decideApplication } from "@/lib/server/applications/approve-application";
import { createBatch } from "@/lib/server/applications/create-batch";
import { openPublicity } from "@/lib/server/applications/open-publicity";
import { recordBankDecision } from "@/lib/server/applications/record-bank-decision";
import { recordObjection } from "@/lib/server/applications/record-objection";
import { resolveObjection } from "@/lib/server/applications/resolve-objection";
import { reviewApplication } from "@/lib/server/applications/review-application";
import { saveApplicationDraft } from "@/lib/server/applications/save-application-draft";
import { settleDuePublicity } from "@/lib/server/applications/settle-publicity";
import { submitApplication } from "@/lib/server/applications/submit-application";
import { uploadAttachment } from "@/lib/server/applications/upload-attachment";
import { runDailyJob } from "@/lib/server/jobs/daily";
import { activateProfile, householdInput, makeActor, makeCounty, prisma, resetDb, seedCalendar, setNow, type TestCounty, validId } from "./fixtures";

const PDF = new TextEncoder().encode("%PDF-1.4\n% test scan\n");

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("a household application end to end (real PostgreSQL)", () => {
  let c: TestCounty;
  let cadre: Actor, township: Actor, county1: Actor, county2: Actor, bankOfficer: Actor;
  let householdId: string;
  let bankId: string;

  beforeEach(async () => {
    await resetDb();
    setNow("2026-03-02T02:00:00Z"); // Monday 2 March 2026, 10:00 in Shanghai
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    await seedCalendar(c.county.id);
    const village = c.townships[0].villages[0];
    cadre = await makeActor("village_cadre", village.id);
    township = await makeActor("township_officer", c.townships[0].id);
    county1 = await makeActor("county_officer", c.county.id);
    county2 = await makeActor("county_officer", c.county.id);
    const bank = await prisma.bank.create({ data: { countyId: c.county.id, name: "测试农商银行" } });
    bankId = bank.id;
    const user = await prisma.user.update({ where: { id: (await makeActor("bank_officer", c.county.id)).userId }, data: { bankId }, include: { orgUnit: true } });
    bankOfficer = { ...(await import("@/lib/server/actor-from-user")).actorFromUser(user)! };
    const h = await prisma.household.create({
      data: {
        ...householdInput(), membersCount: 4, status: "registeredPoor", labourCapacity: "full", creditGrade: "A",
        villageId: village.id, townshipId: c.townships[0].id, countyId: c.county.id,
      },
    });
    householdId = h.id;
  });

  afterEach(() => setNow(null));

  async function draft(amount = "50000", term = "12") {
    const { id } = await saveApplicationDraft(cadre, {
      householdId, amount, termMonths: term, purpose: "breeding", projectDescription: "养牛 5 头", repaymentSource: "出栏收入",
    });
    await uploadAttachment(cadre, { applicationId: id, kind: "applicationForm", fileName: "申请书.pdf", data: PDF });
    return id;
  }

  async function toPublicityPassed() {
    const id = await draft();
    await submitApplication(cadre, { id });
    await reviewApplication(township, { id, decision: "approve" });
    const round = await openPublicity(township, { applicationIds: [id], objectionContact: "乡镇服务站 0375-1234567" });
    // Opened Monday 2 March: 5 working days from the day after → Monday 9 March is the last day.
    expect(round.endsOn).toBe("2026-03-09");
    setNow("2026-03-10T01:00:00Z");
    expect(await settleDuePublicity(c.county.id)).toBe(1);
    return id;
  }

  it("goes from draft to a disbursed loan with its schedule, one timeline entry and one audit row per step", async () => {
    const id = await toPublicityPassed();
    await decideApplication(county1, { id, decision: "approve" });
    const batch = await createBatch(county1, { bankId, applicationIds: [id] });
    // 15 working days from Tuesday 10 March → Tuesday 31 March.
    expect(batch.deadline).toBe("2026-03-31");
    const result = await recordBankDecision(bankOfficer, {
      id, outcome: "approved", contractNumber: "HT-2026-001", approvedAmount: "50000", rate: "0.0435", termMonths: "12", disbursementDate: "2026-03-10",
    });
    const loan = await prisma.loan.findUniqueOrThrow({ where: { id: result.loanId! }, include: { schedule: { orderBy: { seq: "asc" } } } });
    expect(loan.principal.toFixed(2)).toBe("50000.00");
    expect(loan.maturityDate.toISOString().slice(0, 10)).toBe("2027-03-10");
    expect(loan.schedule.map((s) => [s.dueDate.toISOString().slice(0, 10), s.principalDue.toFixed(2), s.interestDue.toFixed(2)])).toEqual([
      ["2026-03-20", "0.00", "60.42"], // 50000 × 0.0435 × 10 / 360
      ["2026-06-20", "0.00", "555.83"],
      ["2026-09-20", "0.00", "555.83"],
      ["2026-12-20", "0.00", "549.79"],
      ["2027-03-10", "50000.00", "483.33"], // 80 days
    ]);
    const app = await prisma.application.findUniqueOrThrow({ where: { id } });
    expect(app.status).toBe("disbursed");
    const events = await prisma.applicationEvent.findMany({ where: { applicationId: id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.event)).toEqual([
      "saveDraft", "submit", "townshipApprove", "startPublicity", "endPublicity", "countyApprove", "sendToBank", "bankApprove", "disburse",
    ]);
    const transitions = await prisma.auditEvent.count({ where: { entityId: id, action: { startsWith: "application." } } });
    expect(transitions).toBe(9);
  });

  it("an ineligible application cannot be submitted, with every reason at its field", async () => {
    await prisma.household.update({ where: { id: householdId }, data: { creditGrade: "B" } });
    const id = await draft("60000", "48");
    const error = await rejection(submitApplication(cadre, { id }));
    expect(error.code).toBe("RULE_VIOLATION");
    expect(error.fieldErrors?.householdId?.[0]).toContain("信用等级 B");
    expect(error.fieldErrors?.amount?.[0]).toContain("超过上限");
    expect(error.fieldErrors?.termMonths?.[0]).toContain("48 个月");
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe("draft");
  });

  it("publicity cannot pass while an objection is open; a dismissed objection lets it pass, an upheld one rejects", async () => {
    const id = await draft();
    await submitApplication(cadre, { id });
    await reviewApplication(township, { id, decision: "approve" });
    await openPublicity(township, { applicationIds: [id], objectionContact: "乡镇服务站" });
    const { id: objectionId } = await recordObjection(cadre, { applicationId: id, objector: "王某", content: "该户已外出务工" });
    setNow("2026-03-10T01:00:00Z");
    expect(await settleDuePublicity(c.county.id)).toBe(0);
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe("objection");
    expect((await rejection(decideApplication(county1, { id, decision: "approve" }))).code).toBe("CONFLICT");

    await resolveObjection(township, { objectionId, outcome: "dismissed", resolution: "经核实仍在本村养殖" });
    expect(await settleDuePublicity(c.county.id)).toBe(1);
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe("publicityPassed");

    const other = await prisma.household.create({
      data: { ...householdInput({ idNumber: validId("410101", "19850505", "777") }), membersCount: 3, status: "registeredPoor", labourCapacity: "full", creditGrade: "AA", villageId: c.townships[0].villages[0].id, townshipId: c.townships[0].id, countyId: c.county.id },
    });
    setNow("2026-03-10T01:00:00Z");
    const { id: id2 } = await saveApplicationDraft(cadre, { householdId: other.id, amount: "30000", termMonths: "12", purpose: "planting", projectDescription: "种植", repaymentSource: "销售" });
    await uploadAttachment(cadre, { applicationId: id2, kind: "applicationForm", fileName: "a.pdf", data: PDF });
    await submitApplication(cadre, { id: id2 });
    await reviewApplication(township, { id: id2, decision: "approve" });
    await openPublicity(township, { applicationIds: [id2], objectionContact: "乡镇服务站" });
    const o2 = await recordObjection(township, { applicationId: id2, objector: "李某", content: "虚报家庭人口" });
    await resolveObjection(township, { objectionId: o2.id, outcome: "upheld", resolution: "经核实属实" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: id2 } })).status).toBe("objectionUpheld");
  });

  it("the daily job passes a publicity period that has ended, without anyone opening a page", async () => {
    const id = await draft();
    await submitApplication(cadre, { id });
    await reviewApplication(township, { id, decision: "approve" });
    await openPublicity(township, { applicationIds: [id], objectionContact: "乡镇服务站" });
    setNow("2026-03-10T01:00:00Z");
    await runDailyJob("2026-03-10");
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe("publicityPassed");
  });

  it("publicity does not pass on its last day, only the day after", async () => {
    const id = await draft();
    await submitApplication(cadre, { id });
    await reviewApplication(township, { id, decision: "approve" });
    await openPublicity(township, { applicationIds: [id], objectionContact: "乡镇服务站" });
    setNow("2026-03-09T15:00:00Z"); // 23:00 on Monday 9 March in Shanghai: still the last day
    expect(await settleDuePublicity(c.county.id)).toBe(0);
    setNow("2026-03-09T16:00:00Z"); // 00:00 on Tuesday 10 March
    expect(await settleDuePublicity(c.county.id)).toBe(1);
  });

  it("maker-checker: a county officer who handled the case cannot approve it", async () => {
    const id = await toPublicityPassed();
    await decideApplication(county1, { id, decision: "return", reason: "补充收入证明" }).catch(() => null);
    // county1 returned it; after resubmission county1 is a previous actor and may not approve.
    await submitApplication(cadre, { id });
    await reviewApplication(township, { id, decision: "approve" });
    await openPublicity(township, { applicationIds: [id], objectionContact: "乡镇服务站" });
    setNow("2026-03-20T01:00:00Z");
    await settleDuePublicity(c.county.id);
    const error = await rejection(decideApplication(county1, { id, decision: "approve" }));
    expect(error.message).toContain("不能与提交人或此前的审核人为同一人");
    await decideApplication(county2, { id, decision: "approve" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).approvedById).toBe(county2.userId);
  });

  it("approval is refused while the village is halted by the circuit breaker", async () => {
    const id = await toPublicityPassed();
    // A household loan in the same village, 91 days past due: 100% of the village's balance is non-performing.
    const other = await prisma.application.create({
      data: { kind: "household", status: "disbursed", countyId: c.county.id, townshipId: c.townships[0].id, villageId: c.townships[0].villages[0].id, householdId, amount: "10000", termMonths: 12, purpose: "planting", projectDescription: "x", repaymentSource: "x", createdById: cadre.userId },
    });
    await prisma.loan.create({
      data: {
        applicationId: other.id, kind: "household", countyId: c.county.id, townshipId: c.townships[0].id, villageId: c.townships[0].villages[0].id,
        householdId, bankId, contractNumber: "OLD-1", principal: "10000", rate: "0.0435", termMonths: 12,
        disbursedOn: new Date("2025-01-01"), maturityDate: new Date("2025-12-01"), status: "overdue", outstandingPrincipal: "10000",
        schedule: { create: [{ seq: 1, dueDate: new Date("2025-12-01"), principalDue: "10000", interestDue: "100", status: "overdue" }] },
      },
    });
    const error = await rejection(decideApplication(county2, { id, decision: "approve" }));
    expect(error.message).toContain("熔断");
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe("publicityPassed");
  });

  it("20 concurrent approvals of one application: exactly one approval, 19 clear conflicts, one audit row", async () => {
    const id = await toPublicityPassed();
    const officers = [county2, ...(await Promise.all(Array.from({ length: 19 }, () => makeActor("county_officer", c.county.id))))];
    const results = await Promise.allSettled(officers.map((o) => decideApplication(o, { id, decision: "approve" })));
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(19);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(AppError);
      expect((f.reason as AppError).code).toBe("CONFLICT");
    }
    expect(await prisma.auditEvent.count({ where: { entityId: id, action: "application.countyApprove" } })).toBe(1);
    expect(await prisma.applicationEvent.count({ where: { applicationId: id, event: "countyApprove" } })).toBe(1);
  });

  it("a village cadre of another village cannot see or act on the application", async () => {
    const id = await draft();
    const stranger = await makeActor("village_cadre", c.townships[0].villages[1].id);
    expect((await rejection(submitApplication(stranger, { id }))).code).toBe("NOT_FOUND");
  });
});
