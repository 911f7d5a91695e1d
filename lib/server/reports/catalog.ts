import "server-only";
import type { Role } from "@/lib/domain/roles";
import type { Actor } from "../actor";
import { LEDGER_ROLES } from "../dashboard/ledger-rows";
import { respondWithFile } from "../file-response";
import { auditLogReport } from "./audit-log";
import { disbursementsReport, overdueReport, repaymentsReport } from "./loan-reports";
import { lossCasesReport } from "./loss-cases";
import { publicityHistoryReport } from "./publicity-history";
import { subsidyQuartersReport } from "./subsidy-quarters";

export type FilterField = "from" | "to" | "townshipId" | "bankId" | "status" | "actor" | "action" | "entity" | "entityId";

/** The reports, in menu order, with the filters each page shows (the ledger has its own page). */
export const REPORTS = [
  { key: "ledger", title: "贷款台账", description: "贷款逐笔台账：余额、状态、银行。", roles: LEDGER_ROLES as readonly Role[] },
  { key: "repayments", title: repaymentsReport.title, description: "期间内登记的每笔还款：本金、利息、罚息。", roles: repaymentsReport.roles, report: repaymentsReport, fields: ["from", "to", "townshipId", "bankId", "status"] as FilterField[] },
  { key: "disbursements", title: disbursementsReport.title, description: "期间内发放的贷款。", roles: disbursementsReport.roles, report: disbursementsReport, fields: ["from", "to", "townshipId", "bankId", "status"] as FilterField[] },
  { key: "overdue", title: overdueReport.title, description: "逾期、缓冲期与代偿中的贷款：逾期天数与分段。", roles: overdueReport.roles, report: overdueReport, fields: ["from", "to", "townshipId", "bankId", "status"] as FilterField[] },
  { key: "loss-cases", title: lossCasesReport.title, description: "损失分担案件：各方分担金额、追偿收回与费用。", roles: lossCasesReport.roles, report: lossCasesReport, fields: ["from", "to", "townshipId", "bankId", "status"] as FilterField[], statusOptions: [{ value: "open", label: "分担中" }, { value: "settled", label: "已结案" }] },
  { key: "subsidy", title: subsidyQuartersReport.title, description: "各季度贴息按银行、乡镇汇总（农户、带贫主体、担保费），追回扣减与净额。", roles: subsidyQuartersReport.roles, report: subsidyQuartersReport, fields: ["from", "to", "townshipId", "bankId", "status"] as FilterField[], statusOptions: [{ value: "computed", label: "已计算" }, { value: "reconciled", label: "已对账" }, { value: "certified", label: "已审核" }, { value: "approved", label: "已批准" }, { value: "paid", label: "已拨付" }] },
  { key: "publicity", title: publicityHistoryReport.title, description: "贷款申请公示的历次记录：日期、公示笔数、金额与异议。", roles: publicityHistoryReport.roles, report: publicityHistoryReport, fields: ["from", "to", "townshipId", "status"] as FilterField[], statusOptions: [{ value: "open", label: "公示中" }, { value: "closed", label: "已结束" }] },
  { key: "audit-log", title: auditLogReport.title, description: "按操作人、操作、对象与日期查询审计日志（仅审计与系统管理员）。", roles: auditLogReport.roles, report: auditLogReport, fields: ["from", "to", "actor", "action", "entity", "entityId"] as FilterField[] },
] as const;

export function reportsFor(role: Role) {
  return REPORTS.filter((r) => r.roles.includes(role));
}

/** The query-string values a report's filters read (empty ones dropped). */
export function filterInput(params: URLSearchParams | Record<string, string | string[] | undefined>, fields: readonly FilterField[]) {
  const get = (k: string) => (params instanceof URLSearchParams ? params.get(k) : params[k]);
  return Object.fromEntries(fields.flatMap((k) => { const v = get(k); return typeof v === "string" && v ? [[k, v]] : []; })) as Record<string, string>;
}

/** A report's workbook for the query string's filters, through respondWithFile (audited by the use case). */
export async function reportDownload(
  key: string,
  request: Request,
  exportFile: (actor: Actor, input: unknown) => Promise<{ bytes: Uint8Array; fileName: string; asciiFileName: string }>,
): Promise<Response> {
  const entry = REPORTS.find((r) => r.key === key);
  const input = entry && "fields" in entry ? filterInput(new URL(request.url).searchParams, entry.fields) : {};
  return respondWithFile(`report ${key}`, async (actor) => {
    const file = await exportFile(actor, input);
    return { bytes: file.bytes, fileName: file.fileName, asciiFileName: file.asciiFileName, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
  });
}
