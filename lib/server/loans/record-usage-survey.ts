import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { requiredText, isoDate } from "../validation";
import { defineMutation } from "../use-case";
import { day, iso, loadLoanInScope, REPAYING_STATES } from "./loan-records";

export const BUSINESS_STATUSES = { normal: "经营正常", weak: "经营一般", difficult: "经营困难", stopped: "已停产或未经营" } as const;

/** A township cadre records the quarterly check of a loan's use (P-Risk 二(二); every N months per the profile). */
export const recordUsageSurvey = defineMutation({
  name: "loan.recordUsageSurvey",
  roles: ["township_officer", "county_officer"],
  input: z.object({
    loanId: z.string(),
    surveyedOn: isoDate("检查日期"),
    fundsUse: requiredText(200, "资金使用情况"),
    businessStatus: z.enum(Object.keys(BUSINESS_STATUSES) as [keyof typeof BUSINESS_STATUSES], { error: "请选择经营状况" }),
    notes: z.string().trim().max(500, "备注不能超过 500 个字").optional().default(""),
  }),
  async run({ actor, input, tx, audit, now }) {
    const loan = await loadLoanInScope(tx, actor, input.loanId);
    if (!(REPAYING_STATES as readonly string[]).includes(loan.status)) throw new AppError("RULE_VIOLATION", "该贷款已结清或已进入损失分担，无需再做用途检查。");
    if (input.surveyedOn > shanghaiToday(now)) throw AppError.field("surveyedOn", "检查日期不能晚于今天");
    if (input.surveyedOn < iso(loan.disbursedOn)) throw AppError.field("surveyedOn", "检查日期不能早于放款日期");
    const survey = await tx.usageSurvey.create({
      data: {
        loanId: loan.id, surveyedOn: day(input.surveyedOn), fundsUse: input.fundsUse,
        businessStatus: input.businessStatus, notes: input.notes || null, surveyedById: actor.userId,
      },
    });
    await audit({ action: "loan.recordUsageSurvey", entity: "UsageSurvey", entityId: survey.id, countyId: loan.countyId, after: { ...input } });
    return { id: survey.id };
  },
});
