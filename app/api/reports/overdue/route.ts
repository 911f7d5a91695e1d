import { reportDownload } from "@/lib/server/reports/catalog";
import { exportOverdue } from "@/lib/server/reports/loan-reports";

export const dynamic = "force-dynamic";

/** The 逾期与缓冲期 workbook for the filters in the query string (every download is audited). */
export async function GET(request: Request) {
  return reportDownload("overdue", request, exportOverdue);
}
