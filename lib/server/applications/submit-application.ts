import "server-only";
import { z } from "zod";
import { householdLoanViolations } from "@/lib/domain/eligibility";
import { shanghaiToday } from "../clock";
import { AppError, type FieldErrors } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { defineMutation } from "../use-case";
import { fireApplicationEvent } from "./fire-event";
import { householdCap, villageHouseholdFacts } from "./household-facts";
import { loadApplicationInScope } from "./load-application";

/** A village cadre submits a draft (or a returned application) to the township, if it is eligible. */
export const submitApplication = defineMutation({
  name: "application.submit",
  roles: ["village_cadre"],
  input: z.object({ id: z.string() }),
  async run({ actor, input: { id }, tx, audit, now }) {
    const app = await loadApplicationInScope(tx, actor, id);
    if (app.kind !== "household" || !app.householdId || !app.villageId) throw AppError.notFound("申请");
    const today = shanghaiToday(now);
    const profile = await activeProfile(tx, app.countyId, today);
    const [facts] = await villageHouseholdFacts(tx, {
      countyId: app.countyId, villageId: app.villageId, today, profile, householdIds: [app.householdId], excludeApplicationId: app.id,
    });
    const violations = householdLoanViolations({
      ...facts,
      amount: app.amount.toFixed(2),
      termMonths: app.termMonths,
      purpose: app.purpose as Parameters<typeof householdLoanViolations>[0]["purpose"],
      cap: householdCap(profile),
    });
    if (violations.length > 0) {
      const fieldErrors: FieldErrors = {};
      for (const v of violations) (fieldErrors[v.field === "household" ? "householdId" : v.field] ??= []).push(v.message);
      throw new AppError("RULE_VIOLATION", `不符合贷款条件，不能提交：${violations.map((v) => v.message).join("；")}`, fieldErrors);
    }
    const forms = await tx.attachment.count({ where: { applicationId: id, kind: "applicationForm" } });
    if (forms === 0) throw AppError.field("file", "请先上传农户签字的贷款申请书（照片或扫描件）");
    if (app.cooperationPartner) {
      const agreements = await tx.attachment.count({ where: { applicationId: id, kind: "cooperationAgreement" } });
      if (agreements === 0) throw AppError.field("file", "填写了合作带贫主体，请上传合作带贫协议");
    }
    await fireApplicationEvent({
      tx, actor, audit, application: app, event: "submit", ctx: {},
      data: { submittedById: actor.userId, submittedAt: now, profileVersion: profile.version, lastReason: null },
    });
    return { id };
  },
});
