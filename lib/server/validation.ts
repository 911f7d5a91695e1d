import { z } from "zod";
import { isValidDate } from "@/lib/domain/calendar";
import { validateIdCard } from "@/lib/domain/identity";
import type { FieldErrors } from "./errors";
import { shanghaiToday } from "./clock";

const EXPECTED: Record<string, string> = {
  string: "应为文字",
  number: "应为数字",
  int: "应为整数",
  bigint: "应为整数",
  boolean: "应为“是”或“否”",
  array: "应为列表",
  object: "提交的内容格式不正确",
  record: "提交的内容格式不正确",
  date: "应为日期",
};

/**
 * Chinese wording for zod's own checks, where a schema gives no message of its own (a schema's
 * message always wins): wrong types, missing fields, lengths, options. Every input the server
 * parses is answered in Chinese at its field, whatever was sent.
 */
export const chineseZodError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? "请填写此项" : (EXPECTED[issue.expected] ?? "格式不正确");
    case "too_big":
      if (issue.origin === "string") return `不能超过 ${issue.maximum} 个字`;
      if (issue.origin === "array" || issue.origin === "set") return `最多 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}`;
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "请填写此项" : `至少 ${issue.minimum} 个字`;
      if (issue.origin === "array" || issue.origin === "set") return `至少 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}`;
    case "invalid_value":
      return "请从给定的选项中选择";
    case "invalid_format":
    case "not_multiple_of":
      return "格式不正确";
    case "unrecognized_keys":
      return "含有无法识别的字段";
    default:
      return "内容无效，请检查后重新提交";
  }
};

z.config({ customError: chineseZodError });

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text PostgreSQL cannot store or Prisma cannot send (a NUL character, half of a surrogate pair),
 * by the field it was typed in. A browser never sends such text from a form; a crafted request
 * would otherwise reach the database and fail there.
 */
export function unstorableTextErrors(value: unknown): FieldErrors {
  const out: FieldErrors = {};
  const walk = (v: unknown, path: string[], depth: number) => {
    if (typeof v === "string") {
      if (UNSTORABLE.test(v)) (out[path.join(".") || "_form"] ??= []).push("含有无法保存的字符（如空字符），请删除后重新输入");
      return;
    }
    if (depth > 8 || !v || typeof v !== "object") return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, String(i)], depth + 1));
    else if (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null) {
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k], depth + 1);
    }
  };
  walk(value, [], 0);
  return out;
}

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

/** Largest value of a PostgreSQL integer column (a version, a serial number). */
export const MAX_INT = 2_147_483_647;

/** The version of a record the editor saw, sent back with the edit (compare-and-swap). */
export const versionField = z.coerce
  .number({ error: "缺少版本号，请刷新页面后重试" })
  .int("版本号无效，请刷新页面后重试")
  .positive("版本号无效，请刷新页面后重试")
  .max(MAX_INT, "版本号无效，请刷新页面后重试");

/** A calendar date typed as YYYY-MM-DD: 2026-02-30 or 2026-13-01 are refused at the field, never stored. */
export const isoDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .refine(isValidDate, `${label}无效，应为 YYYY-MM-DD 格式的有效日期`);

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
