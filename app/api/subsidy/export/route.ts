import { respondWithFile } from "@/lib/server/file-response";
import { exportSubsidyWorkbook } from "@/lib/server/subsidy/export-subsidy-workbook";

export const dynamic = "force-dynamic";

/** A quarter's claims as a workbook: per bank, per township and every line (?year=2026&quarter=2). */
export async function GET(request: Request) {
  const url = new URL(request.url);
  return respondWithFile("subsidy workbook", async (actor) => {
    const result = await exportSubsidyWorkbook(actor, { year: url.searchParams.get("year") ?? "", quarter: url.searchParams.get("quarter") ?? "" });
    return {
      bytes: result.bytes,
      fileName: result.fileName,
      asciiFileName: result.asciiFileName,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
  });
}
