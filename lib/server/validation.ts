import { z } from "zod";
import { validateIdCard } from "@/lib/domain/identity";
import type { FieldErrors } from "./errors";
import { shanghaiToday } from "./clock";

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Form fields arrive as strings; empty means "not given". */
export const optionalText = (max: number, label: string) =>
  z
    .string({ error: `${label}格式不正确` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .optional()
    .transform((v) => (v ? v : null));

export const requiredText = (max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`);

export const idNumberField = z
  .string({ error: "请填写身份证号" })
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    if (v.length === 0) return void ctx.addIssue({ code: "custom", message: "请填写身份证号" });
    if (!/^\d{17}[\dX]$/.test(v)) {
      return void ctx.addIssue({ code: "custom", message: "身份证号应为 18 位：17 位数字加 1 位数字或 X" });
    }
    const result = validateIdCard(v, shanghaiToday());
    if (!result.valid) {
      ctx.addIssue({ code: "custom", message: "身份证号无效：校验码或出生日期不正确" });
    }
  });

export const mobileField = z
  .string({ error: "手机号格式不正确" })
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || /^1[3-9]\d{9}$/.test(v), "手机号应为 11 位、以 1 开头的大陆手机号码");

export const intField = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}应为整数`) })
      .int(`${label}应为整数`)
      .min(min, `${label}不能小于 ${min}`)
      .max(max, `${label}不能大于 ${max}`),
  );
