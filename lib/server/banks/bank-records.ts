import "server-only";
import { z } from "zod";
import type { Bank } from "@/generated/prisma/client";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { optionalText, requiredText } from "../validation";

const phoneField = z
  .string({ error: "联系电话格式不正确" })
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/.test(v), "联系电话应为手机号或带区号的固定电话（如 0375-6210001）");

export const bankFields = z.object({
  name: requiredText(50, "银行名称"),
  branch: optionalText(50, "网点"),
  contact: optionalText(30, "联系人"),
  phone: phoneField,
  active: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
  townshipIds: z.array(z.string()).max(500).optional().default([]),
});

export function countyOf(actor: Actor): string {
  if (!actor.countyId) throw new AppError("FORBIDDEN", "账户未配置所属县，请联系系统管理员。");
  return actor.countyId;
}

export async function findBankInCounty(tx: Tx, actor: Actor, id: string): Promise<Bank> {
  const countyId = countyOf(actor);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw AppError.notFound("合作银行");
  const bank = await tx.bank.findFirst({ where: { id, countyId } });
  if (!bank) throw AppError.notFound("合作银行");
  return bank;
}

/** The townships named, each checked to be a township of the county; unknown ids are a field error. */
export async function countyTownships(tx: Tx, countyId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const valid = unique.every((id) => /^[0-9a-f-]{36}$/i.test(id));
  const found = valid ? await tx.orgUnit.findMany({ where: { id: { in: unique }, countyId, level: "township" }, select: { id: true } }) : [];
  if (found.length !== unique.length) throw AppError.field("townshipIds", "包干乡镇须为本县的乡镇");
  return unique.sort();
}

/** What an editor of the bank saw, for the compare-and-swap of an edit. */
export function bankState(bank: Bank, townshipIds: readonly string[]) {
  return {
    name: bank.name,
    branch: bank.branch,
    contact: bank.contact,
    phone: bank.phone,
    active: bank.active,
    townshipIds: [...townshipIds].sort(),
  };
}

export function onBankNameTaken(fields: string[]) {
  return fields.includes("name") ? AppError.field("name", "本县已有同名的合作银行") : undefined;
}
