import "server-only";
import { z } from "zod";
import { HOUSEHOLD_STATUS_LABELS } from "@/lib/domain/eligibility";
import { shanghaiToday } from "../clock";
import { AppError, type FieldErrors } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { defineMutation } from "../use-case";
import { assessEnterpriseLoan, drivableStatuses, violationFieldErrors } from "./enterprise-facts";
import { fireApplicationEvent } from "./fire-event";
import { loadApplicationInScope } from "./load-application";

/**
 * Township or county staff submit an enterprise or cooperative application to the township's
 * review. The policy engine checks it again (operating age, blacklist, households driven, rate
 * cap, four-party agreement) and every violation is refused at its field; the agreement's scan
 * must be uploaded. A large loan is flagged from its amount; its use-of-funds plan may still be
 * filed until the county's approval, which refuses it without one.
 */
export const submitEnterpriseApplication = defineMutation({
  name: "application.submitEnterprise",
  roles: ["township_officer", "county_officer"],
  input: z.object({ id: z.string() }),
  async run({ actor, input: { id }, tx, audit, now }) {
    const app = await loadApplicationInScope(tx, actor, id);
    if (app.kind !== "enterprise" || !app.enterpriseId) throw AppError.notFound("申请");
    const enterprise = await tx.enterprise.findUnique({ where: { id: app.enterpriseId } });
    if (!enterprise) throw AppError.notFound("经营主体");
    const today = shanghaiToday(now);
    const profile = await activeProfile(tx, app.countyId, today);
    const [links, agreement, plan, scans] = await Promise.all([
      tx.applicationHousehold.findMany({ where: { applicationId: id }, select: { householdId: true } }),
      tx.fourPartyAgreement.findUnique({ where: { applicationId: id } }),
      tx.useOfFundsPlan.findUnique({ where: { applicationId: id } }),
      tx.attachment.count({ where: { applicationId: id, kind: "fourPartyAgreement" } }),
    ]);
    const households = await tx.household.findMany({ where: { id: { in: links.map((l) => l.householdId) } }, select: { headName: true, status: true } });
    const check = await assessEnterpriseLoan(tx, {
      enterprise, amount: app.amount.toFixed(2), termMonths: app.termMonths, requestedRate: app.requestedRate?.toString() ?? "0",
      householdsDriven: households.length, agreement: Boolean(agreement), plan: Boolean(plan), today, profile,
    });

    const errors: FieldErrors = violationFieldErrors(check, ["USE_OF_FUNDS_PLAN_REQUIRED"]);
    const allowed = drivableStatuses(profile);
    const ineligible = households.filter((h) => !allowed.includes(h.status));
    if (ineligible.length > 0) {
      (errors.householdIds ??= []).push(
        `以下农户不属于可带动的帮扶对象：${ineligible.map((h) => `${h.headName}（${HOUSEHOLD_STATUS_LABELS[h.status]}）`).join("、")}`,
      );
    }
    if (scans === 0) (errors.file ??= []).push("请先上传四方协议（政府、银行、企业、贫困户）签字盖章的扫描件");
    if (Object.keys(errors).length > 0) {
      throw new AppError("RULE_VIOLATION", `不符合带贫主体贷款条件，不能提交：${Object.values(errors).flat().join("；")}`, errors);
    }
    await fireApplicationEvent({
      tx, actor, audit, application: app, event: "submit", ctx: {},
      data: { submittedById: actor.userId, submittedAt: now, profileVersion: profile.version, lastReason: null, largeLoan: check.isLargeLoan },
      comment: check.isLargeLoan && !plan ? "大额贷款：县中心审批前须提交资金使用计划" : null,
    });
    return { id, largeLoan: check.isLargeLoan };
  },
});
