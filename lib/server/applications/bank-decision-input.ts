import { z } from "zod";
import { moneyField } from "./application-input";
import { optionalText, isoDate } from "../validation";

const rateField = z
  .string({ error: "请填写年利率" })
  .trim()
  .regex(/^0?\.\d{1,6}$/, "年利率应为小数，例如 0.0435（即 4.35%）")
  .refine((v) => !/^0?\.0*$/.test(v), "年利率必须大于 0");

const dateField = (label: string) =>
  isoDate(label);

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A bank's decision on one application, as typed in the form or read from the response workbook. */
export const bankDecisionFields = z.discriminatedUnion("outcome", [
  z.object({
    outcome: z.literal("declined"),
    declineReason: z.string({ error: "请填写不予贷款的原因" }).trim().min(1, "请填写不予贷款的原因").max(500, "原因不能超过 500 字"),
  }),
  z.object({
    outcome: z.literal("approved"),
    contractNumber: z.string({ error: "请填写合同编号" }).trim().min(1, "请填写合同编号").max(50, "合同编号不能超过 50 个字符"),
    approvedAmount: moneyField("批准金额"),
    rate: rateField,
    termMonths: z.preprocess(
      (v) => (typeof v === "string" && /^\d{1,3}$/.test(v.trim()) ? Number.parseInt(v, 10) : v),
      z.number({ error: "贷款期限应为整月数" }).int("贷款期限应为整月数").min(1, "贷款期限至少 1 个月").max(120, "贷款期限不能超过 120 个月"),
    ),
    disbursementDate: z.preprocess(blankToUndefined, dateField("放款日期").optional()),
    note: optionalText(200, "备注"),
  }),
], { error: "请选择审批结果" });

export type BankDecisionFields = z.infer<typeof bankDecisionFields>;
