import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { actorFromUser } from "@/lib/server/actor-from-user";
import { decideApplication } from "@/lib/server/applications/approve-application";
import { createBatch } from "@/lib/server/applications/create-batch";
import { openPublicity } from "@/lib/server/applications/open-publicity";
import { recordBankDecision } from "@/lib/server/applications/record-bank-decision";
import { recordDisbursement } from "@/lib/server/applications/record-disbursement";
import { reviewApplication } from "@/lib/server/applications/review-application";
import { saveApplicationDraft } from "@/lib/server/applications/save-application-draft";
import { settleDuePublicity } from "@/lib/server/applications/settle-publicity";
import { submitApplication } from "@/lib/server/applications/submit-application";
import { uploadAttachment } from "@/lib/server/applications/upload-attachment";
import { activateProfile, householdInput, makeActor, makeCounty, prisma, resetDb, seedCalendar, setNow, type TestCounty } from "../fixtures";
import { exactlyOne, RACERS } from "./race";

const PDF = new TextEncoder().encode("%PDF-1.4\n% test scan\n");

/**
 * 50 identical requests at once against one application (issue 10, item 3): exactly one wins,
 * the others get a clear conflict, and the database holds one transition, one loan, one
 * schedule and one audit row per step.
 */
describe("concurrent workflow steps of one application (real PostgreSQL)", () => {
  let c: TestCounty;
  let cadre: Actor, township: Actor, county1: Actor, county2: Actor, bankOfficer: Actor;
  let householdId: string;
  let bankId: string;

  beforeEach(async () => {
    await resetDb();
    setNow("2026-03-02T02:00:00Z");
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    await seedCalendar(c.county.id);
    const village = c.townships[0].villages[0];
    cadre = await makeActor("village_cadre", village.id);
    township = await makeActor("township_officer", c.townships[0].id);
    county1 = await makeActor("county_officer", c.county.id);
    county2 = await makeActor("county_officer", c.county.id);
    bankId = (await prisma.bank.create({ data: { countyId: c.county.id, name: "测试农商银行" } })).id;
    const user = await prisma.user.update({
      where: { id: (await makeActor("bank_officer", c.county.id)).userId }, data: { bankId }, include: { orgUnit: true },
    });
    bankOfficer = actorFromUser(user)!;
    householdId = (
      await prisma.household.create({
        data: {
          ...householdInput(), membersCount: 4, status: "registeredPoor", labourCapacity: "full", creditGrade: "A",
          villageId: village.id, townshipId: c.townships[0].id, countyId: c.county.id,
        },
      })
    ).id;
  });
  afterEach(() => setNow(null));

  async function publicityPassed() {
    const { id } = await saveApplicationDraft(cadre, {
      householdId, amount: "50000", termMonths: "12", purpose: "breeding", projectDescription: "养牛 5 头", repaymentSource: "出栏收入",
    });
    await uploadAttachment(cadre, { applicationId: id, kind: "applicationForm", fileName: "申请书.pdf", data: PDF });
    await submitApplication(cadre, { id });
    await reviewApplication(township, { id, decision: "approve" });
    await openPublicity(township, { applicationIds: [id], objectionContact: "乡镇服务站 0375-1234567" });
    setNow("2026-03-10T01:00:00Z");
    expect(await settleDuePublicity(c.county.id)).toBe(1);
    return id;
  }

  async function withBank() {
    const id = await publicityPassed();
    await decideApplication(county1, { id, decision: "approve" });
    await createBatch(county1, { bankId, applicationIds: [id] });
    return id;
  }

  const audits = (entityId: string, action: string) => prisma.auditEvent.count({ where: { entityId, action } });
  const events = (applicationId: string, event: string) => prisma.applicationEvent.count({ where: { applicationId, event } });

  it(`${RACERS} concurrent county approvals by one officer: one approval, one timeline entry, one audit row`, async () => {
    const id = await publicityPassed();
    await exactlyOne(() => decideApplication(county2, { id, decision: "approve" }));
    const app = await prisma.application.findUniqueOrThrow({ where: { id } });
    expect([app.status, app.approvedById]).toEqual(["countyApproved", county2.userId]);
    expect(await events(id, "countyApprove")).toBe(1);
    expect(await audits(id, "application.countyApprove")).toBe(1);
  });

  it(`${RACERS} concurrent batchings of one application: one batch`, async () => {
    const id = await publicityPassed();
    await decideApplication(county1, { id, decision: "approve" });
    await exactlyOne(() => createBatch(county2, { bankId, applicationIds: [id] }));
    expect(await prisma.batch.count()).toBe(1);
    expect(await events(id, "sendToBank")).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "batch.create" } })).toBe(1);
  });

  it(`${RACERS} concurrent bank approvals with disbursement: one decision, one loan, one schedule`, async () => {
    const id = await withBank();
    const decision = { id, outcome: "approved", contractNumber: "HT-2026-001", approvedAmount: "50000", rate: "0.0435", termMonths: "12", disbursementDate: "2026-03-10" };
    const { loanId } = await exactlyOne(() => recordBankDecision(bankOfficer, decision));
    expect(await prisma.bankDecision.count({ where: { applicationId: id } })).toBe(1);
    expect(await prisma.loan.count()).toBe(1);
    expect(await prisma.scheduleItem.count()).toBe(5);
    expect(await audits(loanId!, "loan.create")).toBe(1);
    expect(await audits(id, "application.bankApprove")).toBe(1);
    expect(await audits(id, "application.disburse")).toBe(1);
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe("disbursed");
  });

  it(`${RACERS} concurrent disbursements of one approved application: one loan with one schedule, one audit row each`, async () => {
    const id = await withBank();
    await recordBankDecision(bankOfficer, { id, outcome: "approved", contractNumber: "HT-2026-002", approvedAmount: "50000", rate: "0.0435", termMonths: "12" });
    expect(await prisma.loan.count()).toBe(0);
    const { loanId } = await exactlyOne(() => recordDisbursement(bankOfficer, { id, disbursementDate: "2026-03-10" }));
    const loans = await prisma.loan.findMany({ include: { schedule: true } });
    expect(loans).toHaveLength(1);
    expect(loans[0].id).toBe(loanId);
    expect(loans[0].principal.toFixed(2)).toBe("50000.00");
    expect(loans[0].schedule).toHaveLength(5);
    expect(await prisma.scheduleItem.count()).toBe(5);
    expect(await events(id, "disburse")).toBe(1);
    expect(await audits(id, "application.disburse")).toBe(1);
    expect(await audits(loanId!, "loan.create")).toBe(1);
  });
});
