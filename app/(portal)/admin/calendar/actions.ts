"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { addCalendarDay } from "@/lib/server/calendar/add-calendar-day";
import { importCalendarYear } from "@/lib/server/calendar/import-calendar-year";
import { removeCalendarDay } from "@/lib/server/calendar/remove-calendar-day";

export async function addCalendarDayAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(addCalendarDay, values);
  if (!result.ok) return { result, values };
  revalidatePath("/admin/calendar");
  return { result: { ok: true, data: { notice: `已添加 ${values.date}。` } }, values: { kind: values.kind } };
}

export async function removeCalendarDayAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(removeCalendarDay, values);
  if (!result.ok) return { result, values };
  revalidatePath("/admin/calendar");
  return { result: { ok: true, data: {} }, values };
}

export async function importCalendarYearAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const file = form.get("file");
  const bytes = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined;
  const result = await runAction(importCalendarYear, { year: values.year, text: values.text ?? "", file: bytes });
  if (!result.ok) return { result, values };
  revalidatePath("/admin/calendar");
  return { result: { ok: true, data: { notice: `已导入 ${result.data.year} 年的 ${result.data.count} 个日期（该年原有记录已替换）。` } }, values: { year: values.year } };
}
