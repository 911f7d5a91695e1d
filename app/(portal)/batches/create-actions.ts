"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/action-result";
import { runAction } from "@/lib/server/action";
import { createBatch } from "@/lib/server/applications/create-batch";

export async function createBatchAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = { applicationIds: form.getAll("applicationIds").map(String), bankId: String(form.get("bankId") ?? "") };
  const result = await runAction(createBatch, input);
  if (result.ok) revalidatePath("/batches");
  return { result, values: result.ok ? {} : { bankId: input.bankId } };
}
