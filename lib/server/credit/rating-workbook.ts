import "server-only";
import type { IndicatorItem } from "@/lib/domain/credit";
import type { StoredSheet } from "./sheet-records";

/** The fixed columns of the bulk rating workbook; one column per sheet item follows. */
export const RATING_COLUMNS = { id: "农户编号", name: "户主姓名", idNumber: "身份证号" } as const;

/** An item's column header: its label, with the unit of a quantitative item. */
export function itemHeader(item: IndicatorItem): string {
  return item.kind === "quantitative" && item.unit ? `${item.label}（${item.unit}）` : item.label;
}

export function ratingHeaders(sheet: StoredSheet): string[] {
  return [RATING_COLUMNS.id, RATING_COLUMNS.name, RATING_COLUMNS.idNumber, ...sheet.items.map(itemHeader)];
}

/** What the notes sheet says about filling in each item. */
export function itemNote(item: IndicatorItem): string {
  if (item.kind === "qualitative") return `${itemHeader(item)}：填写 ${(item.options ?? []).map((o) => `“${o.label}”`).join("、")} 之一`;
  return `${itemHeader(item)}：填写不小于 0 的数字`;
}

/** A cell as the answer the sheet stores: a qualitative item accepts an option's label or value. */
export function cellAnswer(item: IndicatorItem, text: string): string {
  if (item.kind !== "qualitative") return text.replace(/,/g, "");
  return item.options?.find((o) => o.label === text || o.value === text)?.value ?? text;
}
