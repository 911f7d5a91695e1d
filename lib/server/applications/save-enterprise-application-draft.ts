import "server-only";
import { z } from "zod";
import { compareDates } from "@/lib/domain/calendar";
import type { Actor } from "../actor";
import { shanghaiToday } from "../clock";
import type { Tx } from "../db";
import { AppError, type FieldErrors } from "../errors";
import { enterpriseScope } from "../enterprises/enterprise-records";
import { activeProfile } from "../policy/active-profile";
import { areaScope } from "../scope";
import { defineMutation } from "../use-case";
import { enterpriseApplicationFields } from "./enterprise-application-input";
import { assessEnterpriseLoan, violationFieldErrors } from "./enterprise-facts";
import { loadApplicationInScope } from "./load-application";
import { versionField } from "../validation";

const input = enterpriseApplicationFields.extend({
  id: z.string().uuid().optional(),
  version: versionField.optional(),
});

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/** Both halves of a group of fields, or neither: a half-filled agreement or plan is refused at its blank fields. */
function allOrNone(values: Record<string, string | null>, messages: Record<string, string>): FieldErrors {
  const given = Object.values(values).filter((v) => v !== null).length;
  if (given === 0 || given === Object.keys(values).length) return {};
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v === null).map(([k]) => [k, [messages[k]]]));
}

/** The households linked: each in the actor's area; duplicates collapse. */
async function householdsInScope(tx: Tx, actor: Actor, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await tx.household.findMany({ where: { id: { in: unique }, ...areaScope(actor) }, select: { id: true } });
  if (found.length !== unique.length) throw AppError.field("householdIds", "所选农户中有不属于本辖区的农户，请重新选择");
  return unique;
}

/**
 * Township or county staff save an enterprise or cooperative application as a draft (new, or a
 * draft/returned one in scope). What cannot change by completing the paperwork is refused here,
 * at its field: a rate over the cap, a cooperative too young, a blacklisted borrower. Households,
 * the four-party agreement and its scan are required on submission; a large loan's use-of-funds
 * plan may be filed until the county approves.
 */
export const saveEnterpriseApplicationDraft = defineMutation({
  name: "application.saveEnterpriseDraft",
  roles: ["township_officer", "county_officer"],
  input,
  async run({ actor, input: { id, version, householdIds, agreementParties, agreementSignedOn, planSchedule, planMilestones, planCategories, ...fields }, tx, audit, now }) {
    const existing = id ? await loadApplicationInScope(tx, actor, id) : null;
    if (existing && existing.kind !== "enterprise") throw AppError.notFound("申请");
    if (existing && existing.status !== "draft" && existing.status !== "returned") throw new AppError("CONFLICT", "该申请已提交，不能再修改。");
    const enterprise = await tx.enterprise.findFirst({ where: { id: fields.enterpriseId, ...enterpriseScope(actor) } });
    if (!enterprise) throw AppError.field("enterpriseId", "请选择本辖区登记的带贫主体");
    const today = shanghaiToday(now);
    const partial: FieldErrors = {
      ...allOrNone({ agreementParties, agreementSignedOn }, { agreementParties: "请填写四方协议签约各方", agreementSignedOn: "请填写四方协议签订日期" }),
      ...allOrNone({ planSchedule, planMilestones, planCategories }, {
        planSchedule: "请填写资金使用进度安排", planMilestones: "请填写资金使用关键节点", planCategories: "请填写资金用途分类",
      }),
    };
    if (agreementSignedOn && compareDates(agreementSignedOn, today) > 0) (partial.agreementSignedOn ??= []).push("四方协议签订日期不能晚于今天");
    if (Object.keys(partial).length > 0) throw new AppError("VALIDATION", "提交的内容有误，请检查标出的字段。", partial);
    const households = await householdsInScope(tx, actor, householdIds);

    const profile = await activeProfile(tx, enterprise.countyId, today);
    const check = await assessEnterpriseLoan(tx, {
      enterprise, amount: fields.amount, termMonths: fields.termMonths, requestedRate: fields.requestedRate,
      householdsDriven: households.length, agreement: Boolean(agreementParties), plan: Boolean(planSchedule), today, profile,
    });
    const refused = violationFieldErrors(check, ["NO_HOUSEHOLDS_DRIVEN", "AGREEMENT_REQUIRED", "USE_OF_FUNDS_PLAN_REQUIRED"]);
    if (Object.keys(refused).length > 0) {
      throw new AppError("RULE_VIOLATION", `不符合带贫主体贷款条件：${Object.values(refused).flat().join("；")}`, refused);
    }

    const data = {
      ...fields,
      kind: "enterprise" as const,
      countyId: enterprise.countyId,
      townshipId: enterprise.townshipId,
      villageId: null,
      householdId: null,
      largeLoan: check.isLargeLoan,
    };
    let applicationId: string;
    let before: unknown = null;
    if (!existing) {
      const created = await tx.application.create({ data: { ...data, status: "draft", createdById: actor.userId } });
      applicationId = created.id;
    } else {
      const updated = await tx.application.updateMany({
        where: { id: existing.id, version: version ?? existing.version, status: existing.status },
        data: { ...data, version: { increment: 1 } },
      });
      if (updated.count !== 1) throw new AppError("CONFLICT", "该申请已被他人修改，请刷新后再编辑。");
      applicationId = existing.id;
      before = {
        ...existing,
        householdIds: (await tx.applicationHousehold.findMany({ where: { applicationId }, select: { householdId: true } })).map((l) => l.householdId),
        agreement: await tx.fourPartyAgreement.findUnique({ where: { applicationId } }),
        useOfFundsPlan: await tx.useOfFundsPlan.findUnique({ where: { applicationId } }),
      };
    }

    await tx.applicationHousehold.deleteMany({ where: { applicationId } });
    if (households.length > 0) await tx.applicationHousehold.createMany({ data: households.map((householdId) => ({ applicationId, householdId })) });
    if (agreementParties && agreementSignedOn) {
      const agreement = { parties: agreementParties, signedOn: day(agreementSignedOn) };
      await tx.fourPartyAgreement.upsert({ where: { applicationId }, create: { applicationId, ...agreement }, update: agreement });
    } else {
      await tx.fourPartyAgreement.deleteMany({ where: { applicationId } });
    }
    if (planSchedule && planMilestones && planCategories) {
      const plan = { schedule: planSchedule, milestones: planMilestones, categories: planCategories };
      await tx.useOfFundsPlan.upsert({ where: { applicationId }, create: { applicationId, ...plan }, update: plan });
    } else {
      await tx.useOfFundsPlan.deleteMany({ where: { applicationId } });
    }

    const after = await tx.application.findUniqueOrThrow({ where: { id: applicationId } });
    // Everyone who edits it is one of its makers (the county's approver must be someone else).
    await tx.applicationEvent.create({
      data: {
        applicationId, actorId: actor.userId, actorName: actor.displayName, actorRole: actor.role, event: "saveDraft",
        fromStatus: existing ? after.status : null, toStatus: after.status,
      },
    });
    await audit({
      action: "application.saveEnterpriseDraft", entity: "Application", entityId: applicationId, countyId: after.countyId, before,
      after: {
        ...after, householdIds: households,
        agreement: agreementParties ? { parties: agreementParties, signedOn: agreementSignedOn } : null,
        useOfFundsPlan: planSchedule ? { schedule: planSchedule, milestones: planMilestones, categories: planCategories } : null,
      },
    });
    return { id: applicationId };
  },
});
