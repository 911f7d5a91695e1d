import { z } from "zod";
import { isValidDate } from "@/lib/domain/calendar";

const MONEY = /^\d{1,12}(\.\d{1,2})?$/;

/** "2026/3/10", "2026.3.10" or "2026年3月10日" → "2026-03-10"; anything else as it is. */
function dateText(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}` : text;
}

const amount = (label: string, optional = false) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .transform((v) => v.replace(/[,，]/g, ""))
    .transform((v) => (v === "" && optional ? "0" : v))
    .refine((v) => v !== "", { message: `请填写${label}（没有填 0）` })
    .refine((v) => MONEY.test(v), { message: `${label}须为非负金额，最多两位小数` });

/** One repayment as the bank reports it (form or file row). */
export const repaymentFields = z
  .object({
    reference: z.string({ error: "请填写银行流水号" }).trim().min(1, "请填写银行流水号").max(64, "银行流水号不能超过 64 个字符"),
    paidOn: z.string({ error: "请填写还款日期" }).trim().transform(dateText).pipe(z.string().refine(isValidDate, "还款日期无效，应为 YYYY-MM-DD 格式的有效日期")),
    principal: amount("本金"),
    interest: amount("利息"),
    penalty: amount("罚息", true),
  })
  // Money is never a JS number: a non-zero digit anywhere means a positive amount.
  .refine((r) => [r.principal, r.interest, r.penalty].some((v) => /[1-9]/.test(v)), {
    message: "本金、利息和罚息不能都为 0",
    path: ["principal"],
  });

export type RepaymentFields = z.infer<typeof repaymentFields>;
