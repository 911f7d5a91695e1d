import Link from "next/link";
import { formatAmount } from "@/lib/domain/money";
import { RecordTable } from "./record-table";

export type ReportViewField = { name: string; label: string; kind: "date" | "text" | "select"; value: string; options?: readonly { value: string; label: string }[] };
export type ReportViewData = {
  columns: readonly { key: string; label: string; money?: boolean }[];
  rows: readonly { id: string; href: string | null; cells: Record<string, string> }[];
  totals: Record<string, string>;
  count: number;
};

/** The screen rows shown; the totals and the workbook cover every matching row. */
const SCREEN_ROWS = 500;

/** A report page: filters (GET form), the export link, the table with a 合计 row. Presentational only. */
export function ReportView({ title, fields, data, problem, exportHref }: {
  title: string; fields: readonly ReportViewField[]; data: ReportViewData | null; problem: string | null; exportHref: string;
}) {
  // The 合计 label spans the columns before the first amount, so a long label does not widen one column.
  const firstMoney = data ? data.columns.findIndex((c) => c.money) : -1;
  const totalsFrom = data ? (firstMoney > 0 ? firstMoney : firstMoney === 0 ? 1 : data.columns.length) : 1;
  return (
    <div className="space-y-5">
      <p className="text-sm"><Link href="/reports" className="text-blue-700 underline">报表</Link> / {title}</p>
      <h1 className="text-lg font-semibold">{title}</h1>
      <form role="search" className="flex flex-wrap items-end gap-2">
        {fields.map((f) => (
          <div key={f.name}>
            <label htmlFor={f.name} className="block text-sm">{f.label}</label>
            {f.kind === "select" ? (
              <select id={f.name} name={f.name} defaultValue={f.value} className="rounded border border-slate-300 px-3 py-2">
                {f.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            ) : (
              <input id={f.name} name={f.name} type={f.kind} defaultValue={f.value} className="rounded border border-slate-300 px-3 py-2" />
            )}
          </div>
        ))}
        <button className="rounded border border-slate-300 bg-white px-4 py-2">查询</button>
        {data ? <a href={exportHref} className="rounded bg-blue-700 px-4 py-2 text-white" download>导出 Excel</a> : null}
      </form>
      {problem ? <p role="alert" className="text-sm text-red-700">{problem}</p> : null}
      {data ? (
        <>
          <p className="text-sm text-slate-600">
            共 <span data-testid="report-count">{data.count}</span> 条。导出的工作簿与本页条件相同，并记入审计日志。
          </p>
          <RecordTable
            columns={data.columns.map((c) => (c.money ? { label: c.label, align: "right" } : { label: c.label }))}
            rows={data.rows.slice(0, SCREEN_ROWS).map((r) => ({
              id: r.id,
              cells: data.columns.map((c, i) => (i === 0 && r.href ? { link: r.href, text: r.cells[c.key] } : c.money ? formatAmount(r.cells[c.key]) : r.cells[c.key])),
            }))}
            empty="没有符合条件的记录。"
            footer={{
              label: `合计 ${data.count} 条${data.rows.length > SCREEN_ROWS ? `（本页列出前 ${SCREEN_ROWS} 条，全部见导出）` : ""}`,
              span: totalsFrom,
              cells: data.columns.slice(totalsFrom).map((c) => (c.money ? formatAmount(data.totals[c.key]) : "")),
              testIds: data.columns.slice(totalsFrom).map((c) => (c.money ? `report-total-${c.key}` : undefined)),
            }}
            testId="report-table"
          />
        </>
      ) : null}
    </div>
  );
}
