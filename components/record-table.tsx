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
export type RecordRow = { id: string; cells: readonly RecordCell[]; highlight?: boolean };

function Cell({ cell }: { cell: RecordCell }) {
  if (cell === null) return "—";
  if (typeof cell !== "object") return cell;
  if ("link" in cell) return <Link href={cell.link} className="text-blue-700 underline">{cell.text}</Link>;
  if ("badge" in cell) return <StatusBadge status={cell.badge} label={cell.text} />;
  return <>{cell.text}<span className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-600">{cell.tag}</span></>;
}

/**
 * The table of a list page (loans, households, applications). A client component fed with
 * formatted rows: the server sends a page of rows as data, not as a rendered element tree twice
 * over (in the HTML and in the page's RSC payload), which was most of what a list page cost.
 */
export function RecordTable({ columns, rows, empty, testId }: { columns: readonly RecordColumn[]; rows: readonly RecordRow[]; empty: string; testId?: string }) {
  const cellClass = columns.map((c) => [c.align === "right" ? "text-right tabular-nums" : "", c.mono ? "font-mono" : ""].filter(Boolean).join(" ") || undefined);
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full whitespace-nowrap text-left text-sm [&_td]:p-2 [&_th]:p-2" data-testid={testId}>
        <thead className="bg-slate-100 text-slate-600">
          <tr>{columns.map((c) => <th key={c.label} className={c.align === "right" ? "text-right" : undefined}>{c.label}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.highlight ? "border-t bg-red-50 text-red-800" : "border-t"}>
              {r.cells.map((cell, i) => <td key={columns[i]?.label ?? i} className={cellClass[i]}><Cell cell={cell} /></td>)}
            </tr>
          ))}
          {rows.length === 0 ? <tr><td colSpan={columns.length} className="p-4 text-center text-slate-500">{empty}</td></tr> : null}
        </tbody>
      </table>
    </div>
  );
}
