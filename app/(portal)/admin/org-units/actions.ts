"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { createOrgUnit } from "@/lib/server/org-units/create-org-unit";
import { deactivateOrgUnit } from "@/lib/server/org-units/deactivate-org-unit";
import { importOrgUnits } from "@/lib/server/org-units/import-org-units";
import { reactivateOrgUnit } from "@/lib/server/org-units/reactivate-org-unit";
import { renameOrgUnit } from "@/lib/server/org-units/rename-org-unit";

function done(notice: string, values: Record<string, string> = {}): FormState {
  revalidatePath("/admin/org-units", "layout");
  return { result: { ok: true, data: { notice } }, values };
}

export async function createOrgUnitAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(createOrgUnit, values);
  if (!result.ok) return { result, values };
  return done(`已添加 ${values.name}（${values.code}）。`);
}

export async function importOrgUnitsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const file = form.get("file");
  const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  const result = await runAction(importOrgUnits, { file: bytes });
  if (!result.ok) return { result, values: {} };
  return done(`导入完成：新增 ${result.data.created} 个，已存在未变 ${result.data.unchanged} 个。`);
}

export async function renameOrgUnitAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(renameOrgUnit, values);
  if (!result.ok) return { result, values };
  return done(`已改名为“${values.name}”，原名称已记入历史。`, { ...values, expectedName: values.name });
}

export async function deactivateOrgUnitAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(deactivateOrgUnit, values);
  if (!result.ok) return { result, values };
  return done("已停用。", values);
}

export async function reactivateOrgUnitAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(reactivateOrgUnit, values);
  if (!result.ok) return { result, values };
  return done("已重新启用。", values);
}
