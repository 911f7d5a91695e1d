import "server-only";
import { z } from "zod";
import { D } from "@/lib/domain/decimal";
import { bankEvaluationRules, type BankEvaluationRules } from "@/lib/domain/bank-evaluation-rules";
import { DEFAULT_BANK_EVALUATION_WEIGHTS, DEFAULT_BANK_GRADE_BANDS } from "@/lib/domain/bank-evaluation";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { defineQuery } from "../use-case";
import { EVALUATION_YEAR, evaluationCountyId } from "./load-evaluation";

/**
 * The county's partner banks with their evaluation for a year (the comparison table), and, when a
 * bank is named, that evaluation in full for the form.
 */
export const evaluationOverview = defineQuery({
  name: "evaluation.overview",
  roles: ["county_officer", "auditor", "admin"],
  input: z.object({ year: EVALUATION_YEAR, bankId: z.string().optional(), countyId: z.string().optional() }),
  async run({ actor, input: { year, bankId, countyId: requested }, tx, now }) {
    const countyId = evaluationCountyId(actor, requested);
    const defaults: BankEvaluationRules = { weights: { ...DEFAULT_BANK_EVALUATION_WEIGHTS }, gradeBands: [...DEFAULT_BANK_GRADE_BANDS] };
    if (!countyId) return { countyId: null, year, rows: [], selected: null, rules: defaults };
    // The rules the save will apply (the county's profile); the defaults of §15.9 while none is active.
    const rules = await activeProfile(tx, countyId, shanghaiToday(now)).then(
      (p) => bankEvaluationRules(p.settings),
      (e: unknown) => { if (e instanceof AppError) return defaults; throw e; },
    );
    const [banks, evaluations] = await Promise.all([
      tx.bank.findMany({ where: { countyId }, orderBy: { name: "asc" }, select: { id: true, name: true, active: true } }),
      tx.bankEvaluation.findMany({
        where: { countyId, year },
        select: {
          id: true, bankId: true, items: true, item29Reason: true, structural: true, indicator: true, total: true, grade: true,
          status: true, selfAssessmentName: true, createdById: true, approvedById: true, approvedAt: true, version: true, updatedAt: true,
        },
      }),
    ]);
    const userIds = [...new Set(evaluations.flatMap((e) => [e.createdById, e.approvedById]).filter((x): x is string => Boolean(x)))];
    const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } });
    const nameOf = (id: string | null) => (id ? (users.find((u) => u.id === id)?.displayName ?? "") : null);
    const byBank = new Map(evaluations.map((e) => [e.bankId, e]));
    const rows = banks.map((b) => {
      const e = byBank.get(b.id);
      return {
        bankId: b.id, bankName: b.name, active: b.active,
        evaluation: e
          ? { id: e.id, indicator: e.indicator.toFixed(2), total: e.total.toFixed(2), grade: e.grade, status: e.status }
          : null,
      };
    });
    rows.sort((a, b) => new D(b.evaluation?.total ?? -1).comparedTo(a.evaluation?.total ?? -1));
    const chosen = bankId ? banks.find((b) => b.id === bankId) : undefined;
    const e = chosen ? byBank.get(chosen.id) : undefined;
    const selected = chosen
      ? {
          bankId: chosen.id, bankName: chosen.name,
          evaluation: e
            ? {
                id: e.id, status: e.status, version: e.version,
                items: (e.items ?? {}) as Record<string, string>,
                structural: (e.structural ?? []) as string[],
                item29Reason: e.item29Reason ?? "",
                indicator: e.indicator.toFixed(2), total: e.total.toFixed(2), grade: e.grade,
                selfAssessmentName: e.selfAssessmentName,
                createdBy: nameOf(e.createdById), createdById: e.createdById,
                approvedBy: nameOf(e.approvedById), approvedAt: e.approvedAt?.toISOString() ?? null,
              }
            : null,
        }
      : null;
    return { countyId, year, rows, selected, rules };
  },
});
