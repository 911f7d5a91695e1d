import { reportDownload } from "@/lib/server/reports/catalog";
import { exportPublicityHistory } from "@/lib/server/reports/publicity-history";

export const dynamic = "force-dynamic";

/** The 公示记录 workbook for the filters in the query string (every download is audited). */
export async function GET(request: Request) {
  return reportDownload("publicity", request, exportPublicityHistory);
}
