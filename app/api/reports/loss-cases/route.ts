import { reportDownload } from "@/lib/server/reports/catalog";
import { exportLossCases } from "@/lib/server/reports/loss-cases";

export const dynamic = "force-dynamic";

/** The 风险补偿案件 workbook for the filters in the query string (every download is audited). */
export async function GET(request: Request) {
  return reportDownload("loss-cases", request, exportLossCases);
}
