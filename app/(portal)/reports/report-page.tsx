import { notFound } from "next/navigation";
import { ReportView, type ReportViewField } from "@/components/report-view";
import { LOAN_STATE_LABELS, LOAN_STATES } from "@/lib/domain/loan-workflow";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { filterInput, type FilterField, REPORTS } from "@/lib/server/reports/catalog";

export type ReportParams = Promise<Record<string, string | string[] | undefined>>;

const LABELS: Record<FilterField, string> = {
  from: "日期自", to: "至", townshipId: "乡镇", bankId: "贷款银行", status: "贷款状态", actor: "操作人（用户名或姓名）", action: "操作（前缀）", entity: "对象类型", entityId: "对象编号",
};

/** One report's page: the role may see it (else 404), the filters from the query string, the table. */
export async function ReportPage({ reportKey, searchParams }: { reportKey: string; searchParams: ReportParams }) {
  const entry = REPORTS.find((r) => r.key === reportKey);
  const actor = await requireActor();
  if (!entry || !("report" in entry) || !entry.roles.includes(actor.role)) notFound();
  const input = filterInput(await searchParams, entry.fields);
  let data: Awaited<ReturnType<typeof entry.report.view>> | null = null;
  let problem: string | null = null;
  try {
    data = await entry.report.view(actor, input);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
    problem = error.fieldErrors ? Object.values(error.fieldErrors).flat().join("；") : error.message;
  }
  const options = data && "options" in data ? data.options : { townships: [], banks: [] };
  const fields: ReportViewField[] = entry.fields.map((name) => {
    const value = input[name] ?? "";
    if (name === "from" || name === "to") return { name, label: LABELS[name], kind: "date", value };
    if (name === "townshipId") return { name, label: LABELS[name], kind: "select", value, options: [{ value: "", label: "全部" }, ...options.townships.map((t) => ({ value: t.id, label: t.name }))] };
    if (name === "bankId") return { name, label: LABELS[name], kind: "select", value, options: [{ value: "", label: "全部" }, ...options.banks.map((b) => ({ value: b.id, label: b.name }))] };
    if (name === "status") return { name, label: LABELS[name], kind: "select", value, options: [{ value: "", label: "全部" }, ...("statusOptions" in entry ? entry.statusOptions : LOAN_STATES.map((s) => ({ value: s, label: LOAN_STATE_LABELS[s] })))] };
    return { name, label: LABELS[name], kind: "text", value };
  });
  return <ReportView title={entry.title} fields={fields} data={data} problem={problem} exportHref={`/api/reports/${entry.key}?${new URLSearchParams(input)}`} />;
}
