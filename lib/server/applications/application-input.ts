import { z } from "zod";
import { LOAN_PURPOSES } from "@/lib/domain/eligibility";
import { optionalText, requiredText } from "../validation";

const PURPOSE_VALUES = LOAN_PURPOSES.map((p) => p.value) as [string, ...string[]];

/** Yuan with at most two decimals, kept as a string (never a float). */
export const moneyField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .regex(/^\d{1,9}(\.\d{1,2})?$/, `${label}应为金额（元），最多两位小数`)
    .refine((v) => !/^0*(\.0*)?$/.test(v), `${label}必须大于 0`);

export const termField = z
  .string({ error: "请填写贷款期限" })
  .trim()
  .min(1, "请填写贷款期限")
  .regex(/^\d{1,3}$/, "贷款期限应为整月数")
  .transform((v) => Number.parseInt(v, 10))
  .refine((v) => v >= 1 && v <= 120, "贷款期限应在 1 到 120 个月之间");

export const householdApplicationFields = z.object({
  householdId: z.string({ error: "请选择申请农户" }).uuid("请选择申请农户"),
  amount: moneyField("申请金额"),
  termMonths: termField,
  purpose: z.enum(PURPOSE_VALUES, { error: "请选择贷款用途" }),
  projectDescription: requiredText(500, "项目说明"),
  repaymentSource: requiredText(200, "还款来源"),
  cooperationPartner: optionalText(100, "合作带贫主体"),
});

export type HouseholdApplicationFields = z.infer<typeof householdApplicationFields>;
