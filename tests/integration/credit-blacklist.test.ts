import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { saveApplicationDraft } from "@/lib/server/applications/save-application-draft";
import { submitApplication } from "@/lib/server/applications/submit-application";
import { uploadAttachment } from "@/lib/server/applications/upload-attachment";
import { addBlacklistEntry } from "@/lib/server/blacklist/add-blacklist-entry";
import { decideBlacklistEntry } from "@/lib/server/blacklist/decide-blacklist-entry";
import { listBlacklist } from "@/lib/server/blacklist/list-blacklist";
import { requestBlacklistRemoval } from "@/lib/server/blacklist/request-blacklist-removal";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, seedCalendar, setNow, type TestCounty } from "./fixtures";
import { makeHousehold } from "./credit-helpers";

const PDF = new TextEncoder().encode("%PDF-1.4\n% test scan\n");

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("失信黑名单: maker-checker and its effect on eligibility (real PostgreSQL)", () => {
  let c: TestCounty;
  let cadre: Actor, county1: Actor, county2: Actor;
  let household: Awaited<ReturnType<typeof makeHousehold>>;

  beforeEach(async () => {
    await resetDb();
    setNow("2026-03-02T02:00:00Z");
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    await seedCalendar(c.county.id);
    const village = c.townships[0].villages[0];
    cadre = await makeActor("village_cadre", village.id);
    county1 = await makeActor("county_officer", c.county.id);
    county2 = await makeActor("county_officer", c.county.id);
    household = await makeHousehold(village, "AA");
  });
  afterEach(() => setNow(null));

  async function documentedDraft() {
    const { id } = await saveApplicationDraft(cadre, {
      householdId: household.id, amount: "30000", termMonths: "12", purpose: "breeding", projectDescription: "养羊", repaymentSource: "出栏收入",
    });
    await uploadAttachment(cadre, { applicationId: id, kind: "applicationForm", fileName: "申请书.pdf", data: PDF });
    return id;
  }

  it("an entry takes effect only when a different county officer approves it; then the household's submit is refused", async () => {
    const add = { kind: "household", identifier: household.idNumber, reason: "恶意拖欠贷款", evidence: "法院判决书（2025）豫0401民初123号" };
    expect((await rejection(addBlacklistEntry(cadre, add))).code).toBe("FORBIDDEN");
    expect((await rejection(addBlacklistEntry(county1, { ...add, evidence: "" }))).fieldErrors?.evidence).toBeDefined();
    expect((await rejection(addBlacklistEntry(county1, { ...add, identifier: "410101199001019999" }))).fieldErrors?.identifier).toBeDefined();
    const { id } = await addBlacklistEntry(county1, add);
    expect((await rejection(addBlacklistEntry(county2, add))).fieldErrors?.identifier?.[0]).toContain("已在黑名单中或正待复核");

    // Pending: not in force yet, so the application may still be submitted.
    const first = await documentedDraft();
    const maker = await rejection(decideBlacklistEntry(county1, { id, decision: "approve" }));
    expect(maker.message).toContain("另一名县级工作人员");
    expect((await prisma.blacklistEntry.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    await decideBlacklistEntry(county2, { id, decision: "approve" });
    const entry = await prisma.blacklistEntry.findUniqueOrThrow({ where: { id } });
    expect([entry.status, entry.addedById, entry.approvedById]).toEqual(["active", county1.userId, county2.userId]);

    const refused = await rejection(submitApplication(cadre, { id: first }));
    expect(refused.code).toBe("RULE_VIOLATION");
    expect(refused.message).toContain("失信黑名单");
    expect(refused.fieldErrors?.householdId?.join("")).toContain("失信黑名单");
    expect((await prisma.application.findUniqueOrThrow({ where: { id: first } })).status).toBe("draft");
    const listed = await listBlacklist(county2, {});
    expect(listed.entries[0]).toMatchObject({ status: "active", name: household.headName, addedBy: "测试county_officer", canRequestRemoval: true });
  });

  it("removal is maker-checker too, and the entry stays in force until the removal is approved", async () => {
    const { id } = await addBlacklistEntry(county1, { kind: "household", identifier: household.idNumber, reason: "骗取贷款", evidence: "公安机关立案通知书" });
    await decideBlacklistEntry(county2, { id, decision: "approve" });
    const draft = await documentedDraft();
    expect((await rejection(requestBlacklistRemoval(county2, { id, reason: "" }))).fieldErrors?.reason).toBeDefined();
    await requestBlacklistRemoval(county2, { id, reason: "已全部还清并经法院撤销失信记录" });
    expect((await rejection(submitApplication(cadre, { id: draft }))).message).toContain("失信黑名单");
    expect((await rejection(decideBlacklistEntry(county2, { id, decision: "approve" }))).message).toContain("另一名县级工作人员");
    expect((await rejection(decideBlacklistEntry(county1, { id, decision: "reject" }))).fieldErrors?.reason).toBeDefined();
    await decideBlacklistEntry(county1, { id, decision: "approve" });
    const entry = await prisma.blacklistEntry.findUniqueOrThrow({ where: { id } });
    expect([entry.status, entry.removalRequestedById, entry.removedById]).toEqual(["removed", county2.userId, county1.userId]);
    await submitApplication(cadre, { id: draft });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: draft } })).status).toBe("submitted");
    const audit = await prisma.auditEvent.findMany({ where: { entity: "BlacklistEntry", entityId: id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["blacklist.add", "blacklist.approve", "blacklist.requestRemoval", "blacklist.remove"]);
  });

  it("a rejected proposal never takes effect and a new one may be made", async () => {
    const add = { kind: "household", identifier: household.idNumber, reason: "逾期未还", evidence: "银行催收记录" };
    const { id } = await addBlacklistEntry(county1, add);
    await decideBlacklistEntry(county2, { id, decision: "reject", reason: "逾期已还清，不属恶意失信" });
    expect((await prisma.blacklistEntry.findUniqueOrThrow({ where: { id } })).status).toBe("rejected");
    const draft = await documentedDraft();
    await submitApplication(cadre, { id: draft });
    await addBlacklistEntry(county2, add);
  });
});
