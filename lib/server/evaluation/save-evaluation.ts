import "server-only";
import { z } from "zod";
import { evaluateBank } from "@/lib/domain/bank-evaluation";
import { DomainError } from "@/lib/domain/errors";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { defineMutation } from "../use-case";
import { bankEvaluationRules as evaluationRules } from "@/lib/domain/bank-evaluation-rules";
import { EVALUATION_YEAR, loadBankInScope } from "./load-evaluation";
import { versionField } from "../validation";

const input = z.object({
  bankId: z.string({ error: "请选择合作银行" }).min(1, "请选择合作银行"),
  year: EVALUATION_YEAR,
  /** Item number → raw score as written; blank items count 0 and are not stored. */
  items: z.record(z.string(), z.string().trim().max(20)),
  structural: z.array(z.string().trim().max(20)),
  item29Reason: z.string().trim().max(1000, "理由不能超过 1000 字").optional(),
  /** The version the editor loaded (compare-and-swap); absent when creating. */
  version: versionField.optional(),
});

/** Domain fields as the form names them. */
function fieldOf(field: string | undefined): string {
  if (!field) return "_form";
  if (field === "reasons.29") return "item29Reason";
  return field;
}

/**
 * Enters or corrects a bank's annual evaluation (POLICY §11, §15.9): the 30 item scores, item
 * 29's written reason, the three departments' structural scores; indicator, total and grade are
 * computed here from the same domain function the form runs. An approved evaluation is locked.
 */
export const saveBankEvaluation = defineMutation({
  name: "evaluation.save",
  roles: ["county_officer"],
  input,
  async run({ actor, input: i, tx, audit, now }) {
    const bank = await loadBankInScope(tx, actor, i.bankId);
    const profile = await activeProfile(tx, bank.countyId, shanghaiToday(now));
    const items: Record<string, string> = {};
    for (const [k, v] of Object.entries(i.items)) if (v !== "") items[k] = v;
    const reason = i.item29Reason?.trim() || undefined;
    let result;
    try {
      result = evaluateBank({ items, structural: i.structural, item29Reason: reason, ...evaluationRules(profile.settings) });
    } catch (e) {
      if (e instanceof DomainError) {
        const field = fieldOf(e.field);
        throw new AppError("VALIDATION", e.message, { [field]: [e.message] });
      }
      throw e;
    }
    const data = {
      items, structural: i.structural, item29Reason: reason ?? null,
      indicator: result.indicator, total: result.total, grade: result.grade,
    };
    const existing = await tx.bankEvaluation.findUnique({
      where: { countyId_bankId_year: { countyId: bank.countyId, bankId: bank.id, year: i.year } },
      select: { id: true, status: true, version: true, indicator: true, total: true, grade: true },
    });
    if (!existing) {
      const row = await tx.bankEvaluation.create({
        data: { ...data, countyId: bank.countyId, bankId: bank.id, year: i.year, createdById: actor.userId },
        select: { id: true, version: true },
      });
      await audit({ action: "evaluation.create", entity: "BankEvaluation", entityId: row.id, countyId: bank.countyId, after: { bankId: bank.id, year: i.year, ...data } });
      return { id: row.id, version: row.version, ...result };
    }
    if (existing.status === "approved") throw new AppError("CONFLICT", "该考评已审定，不能再修改。");
    if (i.version !== undefined && i.version !== existing.version) {
      throw new AppError("CONFLICT", "该考评已被他人修改，请刷新页面后再编辑。");
    }
    const updated = await tx.bankEvaluation.updateMany({
      where: { id: existing.id, version: existing.version, status: "draft" },
      data: { ...data, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "该考评已被他人修改或已审定，请刷新页面。");
    await audit({
      action: "evaluation.update", entity: "BankEvaluation", entityId: existing.id, countyId: bank.countyId,
      before: { indicator: existing.indicator, total: existing.total, grade: existing.grade, version: existing.version }, after: data,
    });
    return { id: existing.id, version: existing.version + 1, ...result };
  },
});
