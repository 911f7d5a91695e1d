import "server-only";
import { scoreSheet, type CreditGrade } from "@/lib/domain/credit";
import { DomainError } from "@/lib/domain/errors";
import type { StoredSheet } from "./sheet-records";

export type ScoredAnswers =
  | { ok: true; answers: Record<string, string>; score: string; grade: CreditGrade }
  | { ok: false; errors: { key: string; message: string }[] };

/**
 * A household's answers scored on a sheet by the domain. Every unanswered item is reported (not
 * only the first); an answer the sheet does not allow is reported at its item.
 */
export function scoreAnswers(sheet: StoredSheet, raw: Record<string, string | undefined>): ScoredAnswers {
  const answers: Record<string, string> = {};
  for (const item of sheet.items) {
    const v = (raw[item.key] ?? "").trim();
    if (v !== "") answers[item.key] = v;
  }
  const errors: { key: string; message: string }[] = [];
  for (const item of sheet.items) {
    if (answers[item.key] === undefined) {
      errors.push({ key: item.key, message: item.kind === "qualitative" ? `请选择“${item.label}”` : `请填写“${item.label}”` });
      continue;
    }
    if (item.kind === "quantitative" && !/^\d+(\.\d{1,2})?$/.test(answers[item.key])) {
      errors.push({ key: item.key, message: `“${item.label}”须填写不小于 0 的数字（最多两位小数）` });
      continue;
    }
    // Each answer on its own, so that every wrong answer is reported at once.
    try {
      scoreSheet({ items: [item] }, { [item.key]: answers[item.key] }, { gradeBands: sheet.gradeBands });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push({ key: item.key, message: error.message });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const result = scoreSheet(sheet, answers, { gradeBands: sheet.gradeBands });
  return { ok: true, answers, score: result.score, grade: result.grade! };
}
