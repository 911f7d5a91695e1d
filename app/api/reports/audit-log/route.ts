import { reportDownload } from "@/lib/server/reports/catalog";
import { exportAuditLog } from "@/lib/server/reports/audit-log";

export const dynamic = "force-dynamic";

/** The 审计日志 workbook for the filters in the query string (every download is audited). */
export async function GET(request: Request) {
  return reportDownload("audit-log", request, exportAuditLog);
}
