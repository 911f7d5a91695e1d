import { exportBatchWorkbook } from "@/lib/server/applications/export-batch-workbook";
import { respondWithFile } from "@/lib/server/file-response";

export const dynamic = "force-dynamic";

/** The batch's workbook for its bank (full ID numbers; every download is audited as batch.export). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return respondWithFile("batch workbook", async (actor) => {
    const result = await exportBatchWorkbook(actor, { id });
    return {
      bytes: result.bytes,
      fileName: result.fileName,
      asciiFileName: `batch-${result.batchNumber}.xlsx`,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
  });
}
