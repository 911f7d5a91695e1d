import "server-only";
import { z } from "zod";
import { isValidDate } from "@/lib/domain/calendar";
import { gradeBandsFromMinima, validateSheet } from "@/lib/domain/credit";
import { DomainError } from "@/lib/domain/errors";
import { shanghaiToday } from "../clock";
import { lockKey } from "../concurrency";
import { AppError, type FieldErrors } from "../errors";
import { defineMutation } from "../use-case";
import { editorField, sheetFromForm } from "./sheet-form";
import type { StoredSheet } from "./sheet-records";

const GRADE_FIELDS = ["AAA", "AA", "A", "B"] as const;

/**
 * A new version of the county's indicator sheet (items, answers, points, grade bands) in force
 * from a date (today or later, after the latest version's date). Ratings keep the version they
 * were made under, so a new version never rewrites a past rating.
 */
export const createIndicatorSheet = defineMutation({
  name: "credit.createIndicatorSheet",
  roles: ["admin"],
  input: z.record(z.string(), z.string()),
  async run({ actor, input, tx, audit, now }) {
    const countyId = actor.countyId;
    if (!countyId) throw new AppError("FORBIDDEN", "账户未配置所属县，请联系系统管理员。");
    await lockKey(tx, `indicatorSheet:${countyId}`);
    const errors: FieldErrors = {};
    const fail = (field: string, message: string) => (errors[field] ??= []).push(message);

    const today = shanghaiToday(now);
    const effectiveFrom = (input.effectiveFrom ?? "").trim();
    const latest = await tx.indicatorSheet.findFirst({ where: { countyId }, orderBy: { version: "desc" } });
    if (!isValidDate(effectiveFrom)) fail("effectiveFrom", "请填写生效日期（YYYY-MM-DD）");
    else if (effectiveFrom < today) fail("effectiveFrom", `生效日期不能早于今天（${today}）`);
    else if (latest && effectiveFrom <= latest.effectiveFrom.toISOString().slice(0, 10)) {
      fail("effectiveFrom", `生效日期须晚于第 ${latest.version} 版的生效日期 ${latest.effectiveFrom.toISOString().slice(0, 10)}`);
    }

    const minima = {} as Record<(typeof GRADE_FIELDS)[number], number>;
    for (const g of GRADE_FIELDS) {
      const text = (input[`bands.${g}`] ?? "").trim();
      if (!/^\d{1,3}$/.test(text) || Number.parseInt(text, 10) > 100) fail(`bands.${g}`, `${g} 级分数线须为 0–100 的整数`);
      else minima[g] = Number.parseInt(text, 10);
    }
    let gradeBands: StoredSheet["gradeBands"] = [];
    if (GRADE_FIELDS.every((g) => !errors[`bands.${g}`])) {
      try {
        gradeBands = gradeBandsFromMinima(minima);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        fail("bands.AAA", "各等级分数线须从 AAA 到 B 逐级降低");
      }
    }

    const { sheet, errors: itemErrors, formIndexes } = sheetFromForm(input);
    for (const [k, v] of Object.entries(itemErrors)) for (const m of v) fail(k, m);
    let maxScore = "0";
    if (Object.keys(itemErrors).length === 0) {
      try {
        maxScore = validateSheet(sheet).maxScore;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        fail(editorField(error.field, formIndexes), error.message);
      }
    }
    if (Object.keys(errors).length > 0) {
      throw new AppError("VALIDATION", "指标表有误，请检查标出的内容。", errors);
    }

    const stored: StoredSheet = { items: sheet.items, gradeBands };
    const row = await tx.indicatorSheet.create({
      data: {
        countyId,
        version: (latest?.version ?? 0) + 1,
        effectiveFrom: new Date(`${effectiveFrom}T00:00:00Z`),
        sheet: stored as object,
        createdById: actor.userId,
      },
    });
    await audit({
      action: "credit.createIndicatorSheet",
      entity: "IndicatorSheet",
      entityId: row.id,
      countyId,
      after: { version: row.version, effectiveFrom, items: sheet.items.length, maxScore, gradeBands },
    });
    return { id: row.id, version: row.version, maxScore };
  },
});
