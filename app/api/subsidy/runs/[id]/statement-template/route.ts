import { respondWithFile } from "@/lib/server/file-response";
import { statementTemplate } from "@/lib/server/subsidy/statement-workbook";

export const dynamic = "force-dynamic";

/** The bank statement template of a claim (合同编号, 借款人, 贴息金额（元）). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return respondWithFile("subsidy statement template", async (actor) => {
    const result = await statementTemplate(actor, { id });
    return {
      bytes: result.bytes,
      fileName: result.fileName,
      asciiFileName: `subsidy-statement-${result.number}.xlsx`,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
  });
}
