import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { unifiedSocialCreditCheckChar } from "@/lib/domain/enterprise-eligibility";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { decideApplication } from "@/lib/server/applications/approve-application";
import { getApplication } from "@/lib/server/applications/get-application";
import { listApplications } from "@/lib/server/applications/list-applications";
import { openPublicity } from "@/lib/server/applications/open-publicity";
import { reviewApplication } from "@/lib/server/applications/review-application";
import { saveEnterpriseApplicationDraft } from "@/lib/server/applications/save-enterprise-application-draft";
import { saveUseOfFundsPlan } from "@/lib/server/applications/save-use-of-funds-plan";
import { settleDuePublicity } from "@/lib/server/applications/settle-publicity";
import { submitApplication } from "@/lib/server/applications/submit-application";
import { submitEnterpriseApplication } from "@/lib/server/applications/submit-enterprise-application";
import { uploadAttachment } from "@/lib/server/applications/upload-attachment";
import { createEnterprise } from "@/lib/server/enterprises/create-enterprise";
import { getEnterprise } from "@/lib/server/enterprises/get-enterprise";
import { listEnterprises } from "@/lib/server/enterprises/list-enterprises";
import { updateEnterprise } from "@/lib/server/enterprises/update-enterprise";
import { activateProfile, householdInput, makeActor, makeCounty, prisma, resetDb, seedCalendar, setNow, type TestCounty, validId } from "./fixtures";

const PDF = new TextEncoder().encode("%PDF-1.4\n% four-party agreement scan\n");

/** A valid 统一社会信用代码 from 17 characters of the GB 32100 charset. */
function creditCode(first17: string): string {
  return first17 + unifiedSocialCreditCheckChar(first17);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("enterprise and cooperative applications (real PostgreSQL)", () => {
  let c: TestCounty;
  let township: Actor, otherTownship: Actor, county1: Actor, county2: Actor, cadre: Actor;
  let households: string[];

  beforeEach(async () => {
    await resetDb();
    setNow("2026-03-02T02:00:00Z"); // Monday 2 March 2026, 10:00 in Shanghai
    c = await makeCounty("410102");
    await activateProfile(c.county.id);
    await seedCalendar(c.county.id);
    township = await makeActor("township_officer", c.townships[0].id);
    otherTownship = await makeActor("township_officer", c.townships[1].id);
    county1 = await makeActor("county_officer", c.county.id);
    county2 = await makeActor("county_officer", c.county.id);
    cadre = await makeActor("village_cadre", c.townships[0].villages[0].id);
    households = [];
    for (const [i, status] of (["registeredPoor", "monitored", "marginal"] as const).entries()) {
      const village = c.townships[0].villages[i % 2];
      const h = await prisma.household.create({
        data: {
          ...householdInput({ headName: `农户${i}`, idNumber: validId("410102", "19800101", `10${i}`) }),
          membersCount: 3, status, labourCapacity: "full", creditGrade: "A",
          villageId: village.id, townshipId: c.townships[0].id, countyId: c.county.id,
        },
      });
      households.push(h.id);
    }
  });

  afterEach(() => setNow(null));

  async function enterprise(actor: Actor, o: { kind?: "cooperative" | "leadingEnterprise"; since?: string; code?: string; townshipId?: string } = {}) {
    return createEnterprise(actor, {
      name: o.kind === "leadingEnterprise" ? "示范农业发展有限公司" : "东关种养专业合作社",
      creditCode: o.code ?? creditCode("93410102MA44ABCDE"),
      legalRepresentative: "王五",
      kind: o.kind ?? "cooperative",
      agricultural: "true",
      operatingSince: o.since ?? "2024-03-02",
      townshipId: o.townshipId ?? "",
    });
  }

  function draftInput(enterpriseId: string, overrides: Record<string, unknown> = {}) {
    return {
      enterpriseId,
      amount: "300000",
      termMonths: "12",
      purpose: "breeding",
      projectDescription: "扩建肉牛养殖场，吸纳贫困户务工和入股分红",
      repaymentSource: "肉牛出栏销售收入",
      requestedRate: "0.0478",
      householdIds: households.slice(0, 2),
      agreementParties: "示范县人民政府、示范县农商银行、东关种养专业合作社、带动贫困户代表",
      agreementSignedOn: "2026-02-20",
      ...overrides,
    };
  }

  /** Draft, agreement scan, submission: the application as entered by `maker`. */
  async function submitted(maker: Actor, enterpriseId: string, overrides: Record<string, unknown> = {}) {
    const { id } = await saveEnterpriseApplicationDraft(maker, draftInput(enterpriseId, overrides));
    await uploadAttachment(maker, { applicationId: id, kind: "fourPartyAgreement", fileName: "四方协议.pdf", data: PDF });
    await submitEnterpriseApplication(maker, { id });
    return id;
  }

  async function throughPublicity(id: string) {
    await reviewApplication(township, { id, decision: "approve" });
    const round = await openPublicity(township, { applicationIds: [id], objectionContact: "乡镇服务站 0375-1234567" });
    expect(round.endsOn).toBe("2026-03-09");
    setNow("2026-03-10T01:00:00Z");
    expect(await settleDuePublicity(c.county.id)).toBe(1);
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe("publicityPassed");
  }

  it("validates the unified social credit code at its field and refuses a duplicate in the county", async () => {
    const good = creditCode("93410102MA44ABCDE");
    const bad = await rejection(enterprise(township, { code: good.slice(0, 17) + (good[17] === "0" ? "1" : "0") }));
    expect(bad.code).toBe("VALIDATION");
    expect(bad.fieldErrors?.creditCode).toEqual(["统一社会信用代码校验位不正确，请核对"]);
    expect((await rejection(enterprise(township, { code: "93410102MA44ABC" }))).fieldErrors?.creditCode?.[0]).toContain("应为 18 位");
    expect((await rejection(enterprise(township, { code: "93410102MA44ABCDIX" }))).fieldErrors?.creditCode?.[0]).toContain("第 17 位");

    const code = creditCode("93410102MA44ABCDE");
    const { id } = await enterprise(township, { code: code.toLowerCase() });
    const row = await prisma.enterprise.findUniqueOrThrow({ where: { id } });
    expect(row.creditCode).toBe(code);
    expect(row.townshipId).toBe(c.townships[0].id);
    expect(row.countyId).toBe(c.county.id);

    const duplicate = await rejection(enterprise(county1, { code, townshipId: c.townships[1].id }));
    expect(duplicate.fieldErrors?.creditCode?.[0]).toContain("不能重复登记");

    // The same code in another county is another county's record.
    const other = await makeCounty("410103");
    const otherOfficer = await makeActor("county_officer", other.county.id);
    await enterprise(otherOfficer, { code, townshipId: other.townships[0].id });
    expect(await prisma.enterprise.count({ where: { creditCode: code } })).toBe(2);

    // A township officer files under its own township whatever is sent; county staff must pick one of the county.
    expect((await rejection(enterprise(county1, { code: creditCode("93410102MA44ABCDF") }))).fieldErrors?.townshipId).toEqual(["请选择所在乡镇"]);
    expect((await rejection(enterprise(county1, { code: creditCode("93410102MA44ABCDF"), townshipId: other.townships[0].id }))).fieldErrors?.townshipId)
      .toEqual(["请选择本县的乡镇"]);
    const { id: filed } = await enterprise(township, { code: creditCode("93410102MA44ABCDG"), townshipId: c.townships[1].id });
    expect((await prisma.enterprise.findUniqueOrThrow({ where: { id: filed } })).townshipId).toBe(c.townships[0].id);

    // Editing: a code taken by another enterprise is refused at the field; a stale form is a conflict.
    const e = await getEnterprise(township, { id: filed });
    const edit = { name: "改名合作社", creditCode: code, legalRepresentative: "赵六", kind: "cooperative", agricultural: "false", operatingSince: "2024-03-02", id: filed, updatedAt: e.updatedAt };
    expect((await rejection(updateEnterprise(township, edit))).fieldErrors?.creditCode?.[0]).toContain("不能重复登记");
    await updateEnterprise(township, { ...edit, creditCode: e.creditCode });
    expect((await prisma.enterprise.findUniqueOrThrow({ where: { id: filed } })).name).toBe("改名合作社");
    expect((await rejection(updateEnterprise(township, { ...edit, creditCode: e.creditCode, name: "再改" }))).code).toBe("CONFLICT");

    expect(await prisma.auditEvent.count({ where: { action: "enterprise.create" } })).toBe(3);
    expect(await prisma.auditEvent.count({ where: { action: "enterprise.update", entityId: filed } })).toBe(1);
  });

  it("refuses a cooperative of 1 year 11 months with a clear message; exactly 2 years is accepted", async () => {
    // Today is 2026-03-02: operating since 2024-04-02 is 23 whole months.
    const young = await enterprise(township, { since: "2024-04-02" });
    const error = await rejection(saveEnterpriseApplicationDraft(township, draftInput(young.id)));
    expect(error.code).toBe("RULE_VIOLATION");
    expect(error.fieldErrors?.enterpriseId).toEqual(["合作社正常经营 23 个月，不足 2 年（24 个月）"]);
    expect(await prisma.application.count()).toBe(0);

    const old = await enterprise(township, { since: "2024-03-02", code: creditCode("93410102MA44ABCDF") });
    const id = await submitted(township, old.id);
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe("submitted");

    // A leading enterprise has no minimum operating age.
    const company = await enterprise(township, { kind: "leadingEnterprise", since: "2025-12-01", code: creditCode("91410102MA44ABCDE") });
    await submitted(township, company.id);
  });

  it("accepts a rate exactly at benchmark × 1.10 and refuses one above at the field, with the rate table in force today", async () => {
    const e = await enterprise(township);
    // ≤ 12 months: 4.35% × 1.10 = 4.785%.
    const over = await rejection(saveEnterpriseApplicationDraft(township, draftInput(e.id, { requestedRate: "0.047851" })));
    expect(over.fieldErrors?.requestedRate).toEqual(["申请利率 0.047851 超过基准利率上浮上限 0.04785"]);
    const atCap = await submitted(township, e.id, { requestedRate: "0.04785" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: atCap } })).requestedRate?.toString()).toBe("0.04785");
    // 13–60 months: 4.75% × 1.10 = 5.225%.
    await submitted(township, e.id, { termMonths: "36", requestedRate: "0.05225" });
    expect((await rejection(saveEnterpriseApplicationDraft(township, draftInput(e.id, { termMonths: "36", requestedRate: "0.052251" })))).fieldErrors?.requestedRate)
      .toHaveLength(1);

    // An administrator's newer benchmark row (in force from 2026-01-01) is the one used.
    await prisma.rateFixing.create({ data: { kind: "benchmark", term: "upTo1y", effectiveFrom: new Date("2026-01-01T00:00:00Z"), rate: "0.05" } });
    await submitted(township, e.id, { requestedRate: "0.055" });
    expect((await rejection(saveEnterpriseApplicationDraft(township, draftInput(e.id, { requestedRate: "0.0551" })))).fieldErrors?.requestedRate?.[0])
      .toContain("上限 0.0550");
    // A rate typed as a percentage is refused by the format.
    expect((await rejection(saveEnterpriseApplicationDraft(township, draftInput(e.id, { requestedRate: "4.78" })))).fieldErrors?.requestedRate?.[0])
      .toContain("小数形式");
  });

  it("submission refuses with every violation at its field: no households, no agreement, no scan, an ineligible household", async () => {
    const e = await enterprise(township);
    const { id } = await saveEnterpriseApplicationDraft(township, draftInput(e.id, { householdIds: [], agreementParties: "", agreementSignedOn: "" }));
    const error = await rejection(submitEnterpriseApplication(township, { id }));
    expect(error.code).toBe("RULE_VIOLATION");
    expect(error.fieldErrors?.householdIds).toEqual(["未带动建档立卡贫困户，不属于带贫经营主体贷款"]);
    expect(error.fieldErrors?.agreementParties).toEqual(["尚未签订政府、银行、企业、贫困户四方协议"]);
    expect(error.fieldErrors?.file?.[0]).toContain("四方协议");
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe("draft");

    // A half-filled agreement is refused at the blank field; a marginal household is not one to drive.
    const half = await rejection(saveEnterpriseApplicationDraft(township, { ...draftInput(e.id, { agreementSignedOn: "" }), id }));
    expect(half.fieldErrors?.agreementSignedOn).toEqual(["请填写四方协议签订日期"]);
    await saveEnterpriseApplicationDraft(township, { ...draftInput(e.id, { householdIds: households }), id });
    await uploadAttachment(township, { applicationId: id, kind: "fourPartyAgreement", fileName: "四方协议.pdf", data: PDF });
    const marginal = await rejection(submitEnterpriseApplication(township, { id }));
    expect(marginal.fieldErrors?.householdIds?.[0]).toContain("农户2（边缘户）");
    expect(Object.keys(marginal.fieldErrors ?? {})).toEqual(["householdIds"]);

    await saveEnterpriseApplicationDraft(township, { ...draftInput(e.id), id });
    await submitEnterpriseApplication(township, { id });
    const detail = await getApplication(county1, { id });
    expect(detail.enterprise?.name).toBe("东关种养专业合作社");
    expect(detail.drivenHouseholds.map((h) => h.headName).sort()).toEqual(["农户0", "农户1"]);
    expect(detail.agreement).toEqual({ parties: draftInput(e.id).agreementParties, signedOn: "2026-02-20" });

    // The household path stays the village's: township staff cannot submit a household application.
    expect((await rejection(submitApplication(township, { id }))).code).toBe("FORBIDDEN");
  });

  it("a 50万 cooperative loan is large and cannot be approved without a use-of-funds plan; with one it can", async () => {
    const e = await enterprise(township);
    const small = await submitted(township, e.id, { amount: "499999.99" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: small } })).largeLoan).toBe(false);

    const id = await submitted(township, e.id, { amount: "500000" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).largeLoan).toBe(true);
    await throughPublicity(id);

    const refused = await rejection(decideApplication(county1, { id, decision: "approve" }));
    expect(refused.code).toBe("RULE_VIOLATION");
    expect(refused.message).toContain("资金使用计划");
    expect((await rejection(saveUseOfFundsPlan(county1, { applicationId: id, schedule: "2026 年 4 月前完成圈舍建设", milestones: "", categories: "" }))).fieldErrors)
      .toMatchObject({ milestones: ["请填写资金使用关键节点"], categories: ["请填写资金用途分类"] });
    await saveUseOfFundsPlan(township, {
      applicationId: id, schedule: "2026 年 4 月前完成圈舍建设，6 月前购进基础母牛", milestones: "圈舍验收；母牛入栏", categories: "建设 20 万元；购牛 30 万元",
    });
    await decideApplication(county1, { id, decision: "approve" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe("countyApproved");
    // Once approved the plan is fixed.
    expect((await rejection(saveUseOfFundsPlan(township, { applicationId: id, schedule: "改", milestones: "改", categories: "改" }))).code).toBe("CONFLICT");

    // A leading enterprise's threshold is 100万, inclusive.
    const company = await enterprise(township, { kind: "leadingEnterprise", code: creditCode("91410102MA44ABCDE") });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: await submitted(township, company.id, { amount: "999999.99" }) } })).largeLoan).toBe(false);
    expect((await prisma.application.findUniqueOrThrow({ where: { id: await submitted(township, company.id, { amount: "1000000" }) } })).largeLoan).toBe(true);
  });

  it("maker-checker: the county officer who entered it cannot approve it, another county officer can", async () => {
    const e = await enterprise(county1, { townshipId: c.townships[0].id });
    const id = await submitted(county1, e.id);
    const app = await prisma.application.findUniqueOrThrow({ where: { id } });
    expect([app.townshipId, app.villageId, app.createdById, app.submittedById]).toEqual([c.townships[0].id, null, county1.userId, county1.userId]);
    await throughPublicity(id);

    const error = await rejection(decideApplication(county1, { id, decision: "approve" }));
    expect(error.code).toBe("RULE_VIOLATION");
    expect(error.fieldErrors?._form?.[0]).toContain("审批人不能与提交人");
    await decideApplication(county2, { id, decision: "approve" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).approvedById).toBe(county2.userId);

    // Whoever edited the draft is a maker too.
    const id2 = await (async () => {
      const { id: draftId } = await saveEnterpriseApplicationDraft(county1, draftInput(e.id));
      await saveEnterpriseApplicationDraft(county2, { ...draftInput(e.id, { amount: "200000" }), id: draftId });
      await uploadAttachment(county1, { applicationId: draftId, kind: "fourPartyAgreement", fileName: "四方协议.pdf", data: PDF });
      await submitEnterpriseApplication(county1, { id: draftId });
      return draftId;
    })();
    setNow("2026-03-10T02:00:00Z");
    await reviewApplication(township, { id: id2, decision: "approve" });
    await openPublicity(township, { applicationIds: [id2], objectionContact: "乡镇服务站" });
    setNow("2026-03-20T02:00:00Z");
    await settleDuePublicity(c.county.id);
    expect((await rejection(decideApplication(county2, { id: id2, decision: "approve" }))).fieldErrors?._form?.[0]).toContain("审批人不能");
    expect((await rejection(decideApplication(county1, { id: id2, decision: "approve" }))).fieldErrors?._form?.[0]).toContain("审批人不能");
    const county3 = await makeActor("county_officer", c.county.id);
    await decideApplication(county3, { id: id2, decision: "approve" });
  });

  it("an out-of-scope township officer gets NOT_FOUND; drafts are seen by their makers' units, never by villages", async () => {
    const e = await enterprise(township);
    const { id } = await saveEnterpriseApplicationDraft(township, draftInput(e.id));

    for (const attempt of [
      () => getApplication(otherTownship, { id }),
      () => submitEnterpriseApplication(otherTownship, { id }),
      () => saveEnterpriseApplicationDraft(otherTownship, { ...draftInput(e.id), id }),
      () => saveUseOfFundsPlan(otherTownship, { applicationId: id, schedule: "x", milestones: "x", categories: "x" }),
      () => uploadAttachment(otherTownship, { applicationId: id, kind: "fourPartyAgreement", fileName: "a.pdf", data: PDF }),
      () => getEnterprise(otherTownship, { id: e.id }),
    ]) {
      expect((await rejection(attempt())).code).toBe("NOT_FOUND");
    }
    // Its own enterprises only; its own households only.
    expect((await rejection(saveEnterpriseApplicationDraft(otherTownship, draftInput(e.id)))).fieldErrors?.enterpriseId).toEqual(["请选择本辖区登记的带贫主体"]);
    const own = await enterprise(otherTownship, { code: creditCode("93410102MA44ABCDF") });
    expect((await rejection(saveEnterpriseApplicationDraft(otherTownship, draftInput(own.id)))).fieldErrors?.householdIds?.[0]).toContain("不属于本辖区");
    expect((await listEnterprises(otherTownship, {})).rows.map((r) => r.id)).toEqual([own.id]);
    expect((await listApplications(otherTownship, {})).rows).toEqual([]);

    // The maker's township and the county see the draft with the enterprise as applicant; a village never does.
    expect((await listApplications(township, { status: "draft" })).rows.map((r) => [r.id, r.applicant, r.kind])).toEqual([[id, "东关种养专业合作社", "enterprise"]]);
    expect((await listApplications(county1, { q: "种养" })).rows.map((r) => r.id)).toEqual([id]);
    expect((await listApplications(cadre, {})).rows).toEqual([]);
    expect((await rejection(getApplication(cadre, { id }))).code).toBe("NOT_FOUND");
    expect((await rejection(listEnterprises(cadre, {}))).code).toBe("FORBIDDEN");
  });

  it("audits every step, one row per mutation, in its transaction", async () => {
    const e = await enterprise(township);
    const id = await submitted(township, e.id, { amount: "500000" });
    await throughPublicity(id);
    await saveUseOfFundsPlan(township, { applicationId: id, schedule: "进度", milestones: "节点", categories: "分类" });
    await decideApplication(county1, { id, decision: "approve" });

    const rows = await prisma.auditEvent.findMany({ orderBy: { id: "asc" }, select: { action: true, entityId: true, actorId: true } });
    expect(rows.map((r) => r.action)).toEqual([
      "enterprise.create",
      "application.saveEnterpriseDraft",
      "application.uploadAttachment",
      "application.submit",
      "application.townshipApprove",
      "application.startPublicity",
      "publicity.open",
      "application.endPublicity",
      "publicity.close",
      "application.saveUseOfFundsPlan",
      "application.countyApprove",
    ]);
    expect(rows.find((r) => r.action === "application.submit")?.actorId).toBe(township.userId);
    const events = await prisma.applicationEvent.findMany({ where: { applicationId: id }, orderBy: { at: "asc" } });
    expect(events.map((ev) => ev.event)).toEqual([
      "saveDraft", "submit", "townshipApprove", "startPublicity", "endPublicity", "fileUseOfFundsPlan", "countyApprove",
    ]);

    // A refused step writes nothing.
    const before = await prisma.auditEvent.count();
    await rejection(saveEnterpriseApplicationDraft(township, draftInput(e.id, { requestedRate: "0.06" })));
    await rejection(enterprise(township));
    expect(await prisma.auditEvent.count()).toBe(before);
  });
});
