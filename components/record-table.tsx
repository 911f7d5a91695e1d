"use client";

import Link from "next/link";
import { StatusBadge } from "./status-badge";

/** A cell: text, a link to the record, a status badge, or text with a small tag after it. */
export type RecordCell =
  | string
  | number
  | null
  | { link: string; text: string }
  | { badge: string; text: string }
  | { text: string; tag: string };

export type RecordColumn = { label: string; align?: "right"; mono?: boolean };
/**
 * `id` keys the row (the row's position when absent: a ranking whose rows are its order);
 * `highlight` marks it red (true: tripped, rejected) or amber ("warning": halted with its township).
 */
export type RecordRow = { id?: string; cells: readonly RecordCell[]; highlight?: boolean | "warning" };

// A plain function, not a component: a list page has hundreds of cells, and each component
// would be one more render for React to run on the server.
function cellContent(cell: RecordCell) {
  if (cell === null) return "—";
  if (typeof cell !== "object") return cell;
  if ("link" in cell) return <Link href={cell.link}>{cell.text}</Link>;
  if ("badge" in cell) return <StatusBadge status={cell.badge} label={cell.text} />;
  return <>{cell.text}<span className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-600">{cell.tag}</span></>;
}

/**
 * A totals row: `label` spans the first `span` columns, `cells` fill the columns after it
 * (`testIds` name them for tests that read a total off the screen).
 */
export type RecordFooter = { label: string; span: number; cells: readonly RecordCell[]; testIds?: readonly (string | undefined)[] };

/**
 * The table of a list, report or ranking (loans, households, applications, the ledger, reports,
 * the breaker page, the overview's areas). A client component fed with formatted rows: the server
 * sends the rows as data, not as a rendered element tree twice over (in the HTML and in the page's
 * RSC payload), which was most of what a list page cost. What every row or cell shares (padding,
 * separators, link colour) is styled once on the table, and numeric cells carry one short class
 * (`num`): the loan list's page went from 56 to 49 KB.
 */
export function RecordTable({ columns, rows, empty, footer, testId }: { columns: readonly RecordColumn[]; rows: readonly RecordRow[]; empty: string; footer?: RecordFooter; testId?: string }) {
  const cellClass = columns.map((c) => [c.align === "right" ? "num" : "", c.mono ? "font-mono" : ""].filter(Boolean).join(" ") || undefined);
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full whitespace-nowrap text-left text-sm [&_td]:p-2 [&_th]:p-2 [&_tbody_tr]:border-t [&_td_a]:text-blue-700 [&_td_a]:underline" data-testid={testId}>
        <thead className="bg-slate-100 text-slate-600">
          <tr>{columns.map((c) => <th key={c.label} className={c.align === "right" ? "num" : undefined}>{c.label}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r, index) => (
            <tr key={r.id ?? index} className={r.highlight === "warning" ? "bg-amber-50" : r.highlight ? "bg-red-50 text-red-800" : undefined}>
              {r.cells.map((cell, i) => <td key={columns[i]?.label ?? i} className={cellClass[i]}>{cellContent(cell)}</td>)}
            </tr>
          ))}
          {rows.length === 0 ? <tr><td colSpan={columns.length} className="p-4 text-center text-slate-500">{empty}</td></tr> : null}
        </tbody>
        {footer ? (
          <tfoot className="border-t-2 font-semibold">
            <tr>
              <td colSpan={footer.span}>{footer.label}</td>
              {footer.cells.map((cell, i) => (
                <td key={columns[footer.span + i]?.label ?? i} className={cellClass[footer.span + i]} data-testid={footer.testIds?.[i]}>{cellContent(cell)}</td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
