import { z } from "zod";
import { isValidDate } from "@/lib/domain/calendar";
import { D } from "@/lib/domain/decimal";
import { LOAN_PURPOSES } from "@/lib/domain/eligibility";
import { optionalText, requiredText } from "../validation";
import { moneyField, termField } from "./application-input";

/** Enterprises borrow for production or for industries that drive households, never for the forbidden uses. */
export const ENTERPRISE_PURPOSES = LOAN_PURPOSES.filter((p) => !p.forbidden);
const PURPOSE_VALUES = ENTERPRISE_PURPOSES.map((p) => p.value) as [string, ...string[]];

/** An annual rate as a decimal fraction ("0.04785" = 4.785%), at most six decimals, kept as a string. */
export const rateField = z
  .string({ error: "请填写申请年利率" })
  .trim()
  .min(1, "请填写申请年利率")
  .regex(/^0?\.\d{1,6}$|^0$/, "年利率应为小数形式（最多 6 位小数），如 0.0478 表示 4.78%")
  .refine((v) => !/^0?\.\d+$/.test(v) || (new D(v).greaterThan(0) && new D(v).lessThanOrEqualTo("0.2")), "年利率须大于 0 且不超过 0.2（20%）")
  .refine((v) => v !== "0", "年利率须大于 0")
  .transform((v) => new D(v).toFixed());

/** Checkbox lists arrive as an array (or, when a refused form is resent, as "id,id"). */
const idList = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() ? v.split(",").map((s) => s.trim()) : []) : v ?? []),
  z.array(z.string().uuid("所选农户无效"), { error: "所选农户无效" }).max(1000, "一次最多关联 1000 户"),
);

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isValidDate(v), `${label}无效（应为 YYYY-MM-DD）`);

export const enterpriseApplicationFields = z.object({
  enterpriseId: z.string({ error: "请选择带贫主体" }).uuid("请选择带贫主体"),
  amount: moneyField("申请金额"),
  termMonths: termField,
  purpose: z.enum(PURPOSE_VALUES, { error: "请选择贷款用途（生产经营或带贫合作类）" }),
  projectDescription: requiredText(1000, "项目说明"),
  repaymentSource: requiredText(200, "还款来源"),
  requestedRate: rateField,
  householdIds: idList,
  agreementParties: optionalText(300, "四方协议签约各方"),
  agreementSignedOn: optionalDate("四方协议签订日期"),
  planSchedule: optionalText(1000, "资金使用进度安排"),
  planMilestones: optionalText(1000, "资金使用关键节点"),
  planCategories: optionalText(500, "资金用途分类"),
});

export type EnterpriseApplicationFields = z.infer<typeof enterpriseApplicationFields>;

export const useOfFundsPlanFields = z.object({
  schedule: requiredText(1000, "资金使用进度安排"),
  milestones: requiredText(1000, "资金使用关键节点"),
  categories: requiredText(500, "资金用途分类"),
});
