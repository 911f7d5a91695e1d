import "server-only";
import { z } from "zod";
import { CREDIT_GRADES, type GradeBand, type IndicatorItem, type IndicatorSheet } from "@/lib/domain/credit";
import type { Tx } from "../db";
import { AppError } from "../errors";

/** What IndicatorSheet.sheet holds: the items the domain scores and the grade bands in force with them. */
export type StoredSheet = IndicatorSheet & { gradeBands: GradeBand[] };

const option = z.object({ value: z.string(), label: z.string(), points: z.string() });
const band = z.object({ min: z.string(), points: z.string() });
const item = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(["qualitative", "quantitative"]),
  group: z.enum(["三好三强", "三有三无", "量化指标"]),
  maxPoints: z.string(),
  options: z.array(option).optional(),
  bands: z.array(band).optional(),
  unit: z.string().optional(),
});
const stored = z.object({
  items: z.array(item),
  gradeBands: z.array(z.object({ grade: z.enum(CREDIT_GRADES), min: z.string() })),
});

export function parseStoredSheet(json: unknown): StoredSheet {
  const parsed = stored.safeParse(json);
  if (!parsed.success) throw new Error("stored indicator sheet does not match its schema");
  return { items: parsed.data.items as IndicatorItem[], gradeBands: parsed.data.gradeBands };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export type SheetVersion = { id: string; version: number; effectiveFrom: string; sheet: StoredSheet };

/** The county's sheet in force on `date` (YYYY-MM-DD): the latest version effective by then. */
export async function sheetInForce(tx: Tx, countyId: string, date: string): Promise<SheetVersion> {
  const row = await tx.indicatorSheet.findFirst({
    where: { countyId, effectiveFrom: { lte: new Date(`${date}T00:00:00Z`) } },
    orderBy: [{ effectiveFrom: "desc" }, { version: "desc" }],
  });
  if (!row) throw new AppError("RULE_VIOLATION", "本县尚未设置信用评级指标表，请联系系统管理员在“评级指标”中设置。");
  return toVersion(row);
}

export function toVersion(row: { id: string; version: number; effectiveFrom: Date; sheet: unknown }): SheetVersion {
  return { id: row.id, version: row.version, effectiveFrom: iso(row.effectiveFrom), sheet: parseStoredSheet(row.sheet) };
}

/** The text of an answer as a person reads it: the option's label, or the number with its unit. */
export function answerText(sheet: IndicatorSheet, key: string, answer: string | null | undefined): string {
  if (answer === null || answer === undefined || answer === "") return "—";
  const it = sheet.items.find((i) => i.key === key);
  if (!it) return answer;
  if (it.kind === "qualitative") return it.options?.find((o) => o.value === answer)?.label ?? answer;
  return `${answer}${it.unit ? ` ${it.unit}` : ""}`;
}
