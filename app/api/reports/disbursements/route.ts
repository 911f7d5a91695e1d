import { reportDownload } from "@/lib/server/reports/catalog";
import { exportDisbursements } from "@/lib/server/reports/loan-reports";

export const dynamic = "force-dynamic";

/** The 放款明细 workbook for the filters in the query string (every download is audited). */
export async function GET(request: Request) {
  return reportDownload("disbursements", request, exportDisbursements);
}
