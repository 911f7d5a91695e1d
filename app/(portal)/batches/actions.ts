"use server";

import { revalidatePath } from "next/cache";
import type { BankResponseUploadState } from "@/components/bank-response-upload";
import { runAction } from "@/lib/server/action";
import { importBankDecisions } from "@/lib/server/applications/import-bank-decisions";

/** The bank's filled-in batch workbook (form fields `batchId` and `file`), all rows or none. */
export async function importBankDecisionsAction(_prev: BankResponseUploadState, form: FormData): Promise<BankResponseUploadState> {
  const batchId = String(form.get("batchId") ?? "");
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    const message = "请选择银行返回的审批结果文件（.xlsx）。";
    return { result: { ok: false, message, fieldErrors: { file: [message] } } };
  }
  const result = await runAction(importBankDecisions, { batchId, file: new Uint8Array(await file.arrayBuffer()) });
  if (result.ok) {
    revalidatePath("/batches");
    revalidatePath(`/batches/${batchId}`);
    revalidatePath("/applications");
  }
  return { result };
}
