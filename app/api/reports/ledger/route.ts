import { exportLoanLedger } from "@/lib/server/dashboard/export-loan-ledger";
import { respondWithFile } from "@/lib/server/file-response";

export const dynamic = "force-dynamic";

/** The loan ledger workbook for the filters in the query string (every download is audited). */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const input = Object.fromEntries(["from", "to", "townshipId", "bankId", "status"].flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : [])));
  return respondWithFile("loan ledger", async (actor) => {
    const result = await exportLoanLedger(actor, input);
    return {
      bytes: result.bytes,
      fileName: result.fileName,
      asciiFileName: result.asciiFileName,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
  });
}
