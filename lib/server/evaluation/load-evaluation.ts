import "server-only";
import { z } from "zod";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";

/** The county whose bank evaluations the actor sees: their own; a system-wide auditor names one. */
export function evaluationCountyId(actor: Actor, requested?: string): string | null {
  return actor.countyId ?? requested ?? null;
}

/** An evaluation of the actor's county, or NOT_FOUND (another county's record does not exist for them). */
export async function loadEvaluationInScope(tx: Tx, actor: Actor, id: string) {
  if (!z.uuid().safeParse(id).success) throw AppError.notFound("考评记录");
  const row = await tx.bankEvaluation.findUnique({ where: { id } });
  if (!row || (actor.countyId !== null && row.countyId !== actor.countyId)) throw AppError.notFound("考评记录");
  return row;
}

/** A partner bank of the actor's county, or NOT_FOUND. */
export async function loadBankInScope(tx: Tx, actor: Actor, bankId: string) {
  if (!z.uuid().safeParse(bankId).success || !actor.countyId) throw AppError.notFound("合作银行");
  const bank = await tx.bank.findFirst({ where: { id: bankId, countyId: actor.countyId } });
  if (!bank) throw AppError.notFound("合作银行");
  return bank;
}

export const EVALUATION_YEAR = z.coerce
  .number({ error: "请填写考评年度" })
  .int("考评年度须为整数")
  .min(2000, "考评年度须在 2000 至 2100 之间")
  .max(2100, "考评年度须在 2000 至 2100 之间");
