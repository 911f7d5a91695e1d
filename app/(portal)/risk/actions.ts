"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/action-result";
import { formToObject, runAction } from "@/lib/server/action";
import { recordFundDeposit } from "@/lib/server/risk/record-fund-deposit";

export async function fundDepositAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const result = await runAction(recordFundDeposit, values);
  if (!result.ok) return { result, values };
  revalidatePath("/risk/fund");
  return { result: { ok: true, data: { notice: "已登记注资。" } }, values: {} };
}
