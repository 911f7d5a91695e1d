import { respondWithFile } from "@/lib/server/file-response";
import { repaymentTemplate } from "@/lib/server/loans/repayment-template";

/** The repayment workbook template, listing the user's loans still being repaid (banks: their own). */
export async function GET() {
  return respondWithFile("repayment-template", (actor) => repaymentTemplate(actor, {}));
}
