import { z } from "zod";
import { isValidDate } from "@/lib/domain/calendar";
import { ENTERPRISE_KINDS, validateUnifiedSocialCreditCode } from "@/lib/domain/enterprise-eligibility";
import { requiredText } from "../validation";

/** 统一社会信用代码: 18 characters with its check character (GB 32100-2015); stored normalised. */
export const creditCodeField = z
  .string({ error: "请填写统一社会信用代码" })
  .trim()
  .min(1, "请填写统一社会信用代码")
  .transform((v, ctx) => {
    const r = validateUnifiedSocialCreditCode(v);
    if (!r.valid) {
      ctx.addIssue({ code: "custom", message: r.reason });
      return z.NEVER;
    }
    return r.code;
  });

/** A past or present calendar date as YYYY-MM-DD (the future is checked in the use case, with the clock). */
export const dateField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .refine(isValidDate, `${label}无效（应为 YYYY-MM-DD）`);

/** Checkbox or select "true"/"false" from a form. */
const yesNo = (label: string) =>
  z.preprocess(
    (v) => (v === "true" || v === "on" || v === true ? true : v === "false" || v === false ? false : v),
    z.boolean({ error: `请选择${label}` }),
  );

export const enterpriseFields = z.object({
  name: requiredText(100, "主体名称"),
  creditCode: creditCodeField,
  legalRepresentative: requiredText(30, "法定代表人"),
  kind: z.enum(ENTERPRISE_KINDS, { error: "请选择主体类型" }),
  agricultural: yesNo("是否农业产业"),
  operatingSince: dateField("开始经营日期"),
  /** County staff pick the township; a township officer's own township is used whatever is sent. */
  townshipId: z.string().trim().optional().transform((v) => (v ? v : null)),
});

export type EnterpriseFields = z.infer<typeof enterpriseFields>;

export const DUPLICATE_CREDIT_CODE_MESSAGE = "本县已登记该统一社会信用代码的经营主体，不能重复登记。";
