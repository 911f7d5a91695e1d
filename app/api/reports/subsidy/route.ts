import { reportDownload } from "@/lib/server/reports/catalog";
import { exportSubsidyQuarters } from "@/lib/server/reports/subsidy-quarters";

export const dynamic = "force-dynamic";

/** The 贴息按季度 workbook for the filters in the query string (every download is audited). */
export async function GET(request: Request) {
  return reportDownload("subsidy", request, exportSubsidyQuarters);
}
