"use client";

import Link from "next/link";
import { StatusBadge } from "./status-badge";

/** One loan of the post-loan list, every figure already formatted for display. */
export type LoanTableRow = {
  id: string;
  contractNumber: string;
  borrower: string;
  bank: string;
  principal: string;
  outstanding: string;
  status: string;
  statusLabel: string;
  nextDue: string | null;
  overdueSince: string | null;
};

/**
 * The post-loan list's table. A client component so that the server sends its 50 rows as data
 * rather than as a rendered element tree twice over (in the HTML and in the page's RSC payload).
 */
export function LoanTable({ rows }: { rows: readonly LoanTableRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full whitespace-nowrap text-left text-sm [&_td]:p-2 [&_th]:p-2">
        <thead className="bg-slate-100 text-slate-600">
          <tr>
            <th>合同编号</th><th>借款人</th><th>银行</th><th className="text-right">贷款金额（元）</th>
            <th className="text-right">剩余本金（元）</th><th>状态</th><th>下次到期</th><th>逾期自</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr key={l.id} className={l.overdueSince ? "border-t bg-red-50" : "border-t"}>
              <td><Link href={`/loans/${l.id}`} className="text-blue-700 underline">{l.contractNumber}</Link></td>
              <td>{l.borrower}</td>
              <td>{l.bank}</td>
              <td className="text-right tabular-nums">{l.principal}</td>
              <td className="text-right tabular-nums">{l.outstanding}</td>
              <td><StatusBadge status={l.status} label={l.statusLabel} /></td>
              <td>{l.nextDue ?? "—"}</td>
              <td>{l.overdueSince ? `${l.overdueSince} 到期未还` : "—"}</td>
            </tr>
          ))}
          {rows.length === 0 ? <tr><td colSpan={8} className="p-4 text-center text-slate-500">没有符合条件的贷款。</td></tr> : null}
        </tbody>
      </table>
    </div>
  );
}
