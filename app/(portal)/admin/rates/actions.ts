"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { addRateFixing } from "@/lib/server/rates/add-rate-fixing";

export async function addRateFixingAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(addRateFixing, values);
  if (!result.ok) return { result, values };
  revalidatePath("/admin/rates");
  return { result: { ok: true, data: { notice: `已添加 ${values.effectiveFrom} 起的利率 ${values.rate}。` } }, values: {} };
}
