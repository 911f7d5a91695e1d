import "server-only";
import { INDICATOR_GROUPS, type IndicatorItem, type IndicatorSheet } from "@/lib/domain/credit";
import type { FieldErrors } from "../errors";

/**
 * The sheet editor's flat form fields (items.<n>.label, .group, .kind, .maxPoints, .choices,
 * .unit, .remove) as a sheet. Choices are written one per line or separated by "；": for a
 * qualitative item "答案=分值" (是=5), for a quantitative item "下限=分值" (2=10).
 */
export function sheetFromForm(values: Record<string, string>): { sheet: IndicatorSheet; errors: FieldErrors; formIndexes: number[] } {
  const errors: FieldErrors = {};
  const fail = (field: string, message: string) => (errors[field] ??= []).push(message);
  const indexes = [...new Set(Object.keys(values).flatMap((k) => /^items\.(\d+)\./.exec(k)?.[1] ?? []))]
    .map(Number)
    .sort((a, b) => a - b);
  const items: IndicatorItem[] = [];
  const formIndexes: number[] = [];
  for (const i of indexes) {
    const v = (name: string) => (values[`items.${i}.${name}`] ?? "").trim();
    if (v("remove") === "on") continue;
    const label = v("label");
    const choices = v("choices");
    if (label === "" && choices === "" && v("maxPoints") === "") continue; // an empty spare row
    const at = `items.${i}`;
    if (label === "") fail(`${at}.label`, "请填写指标名称");
    const group = v("group");
    if (!(INDICATOR_GROUPS as readonly string[]).includes(group)) fail(`${at}.group`, "请选择指标类别");
    const kind = v("kind");
    if (kind !== "qualitative" && kind !== "quantitative") fail(`${at}.kind`, "请选择定性或定量");
    const maxPoints = v("maxPoints");
    if (!/^\d+(\.\d{1,2})?$/.test(maxPoints)) fail(`${at}.maxPoints`, "满分须为数字（最多两位小数）");
    const pairs = choices.split(/[；;\n\r]+/).map((s) => s.trim()).filter(Boolean);
    const parsed: { left: string; points: string }[] = [];
    for (const p of pairs) {
      const m = /^(.+?)\s*[=＝]\s*(\d+(?:\.\d{1,2})?)$/.exec(p);
      if (!m) {
        fail(`${at}.choices`, `“${p}”格式不正确，应为“${kind === "quantitative" ? "下限=分值" : "答案=分值"}”`);
        continue;
      }
      parsed.push({ left: m[1].trim(), points: m[2] });
    }
    if (pairs.length === 0) fail(`${at}.choices`, kind === "quantitative" ? "请填写分档（下限=分值）" : "请填写可选答案（答案=分值）");
    const key = v("key") || `custom${i + 1}`;
    formIndexes.push(i);
    const base = { key, label, group: group as IndicatorItem["group"], maxPoints };
    if (kind === "quantitative") {
      for (const p of parsed) if (!/^-?\d+(\.\d+)?$/.test(p.left)) fail(`${at}.choices`, `分档下限“${p.left}”须为数字`);
      items.push({ ...base, kind: "quantitative", bands: parsed.map((p) => ({ min: p.left, points: p.points })), ...(v("unit") ? { unit: v("unit") } : {}) });
    } else {
      items.push({ ...base, kind: "qualitative", options: parsed.map((p) => ({ value: p.left, label: p.left, points: p.points })) });
    }
  }
  if (items.length === 0 && Object.keys(errors).length === 0) fail("_form", "指标表至少须有一项指标");
  return { sheet: { items }, errors, formIndexes };
}

/** The choices text of an item, as the editor shows it. */
export function choicesText(item: IndicatorItem): string {
  if (item.kind === "qualitative") return (item.options ?? []).map((o) => `${o.label}=${o.points}`).join("；");
  return (item.bands ?? []).map((b) => `${b.min}=${b.points}`).join("；");
}

/** A domain field such as items[3].options[1] as the editor's field (items.<n>.choices). */
export function editorField(domainField: string | undefined, formIndexes: number[]): string {
  const m = /^items\[(\d+)\](?:\.(options|bands))?/.exec(domainField ?? "");
  if (!m) return "_form";
  const formIndex = formIndexes[Number(m[1])] ?? Number(m[1]);
  return `items.${formIndex}.${m[2] ? "choices" : "label"}`;
}
