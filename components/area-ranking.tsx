"use client";

import Link from "next/link";

/** One area of the ranking, every figure already formatted for display. */
export type AreaRankingRow = {
  id: string;
  name: string;
  href: string;
  registered: number;
  borrowers: number;
  uptake: string;
  loans: number;
  outstanding: string;
  npl: string;
  breaker: string;
  tripped: boolean;
};

/**
 * The ranked table of an area's children. A client component so that the server sends its rows
 * as data (a few hundred bytes each) rather than as a rendered element tree twice over.
 */
export function AreaRanking({ levelLabel, rows }: { levelLabel: string; rows: readonly AreaRankingRow[] }) {
  return (
    <section className="space-y-2">
      <h2 className="font-semibold">下级{levelLabel}排名（按贷款余额）</h2>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full whitespace-nowrap text-left text-sm [&_td]:p-2 [&_th]:p-2" data-testid="child-areas">
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th>排名</th><th>{levelLabel}</th><th className="text-right">可贷户数</th>
              <th className="text-right">获贷户数</th><th className="text-right">获贷率</th><th className="text-right">在贷笔数</th>
              <th className="text-right">贷款余额</th><th className="text-right">不良率</th><th>熔断</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {rows.map((c, i) => (
              <tr key={c.id} className={c.tripped ? "border-t bg-red-50" : "border-t"} data-area={c.name}>
                <td>{i + 1}</td>
                <td><Link href={c.href} className="text-blue-700 underline">{c.name}</Link></td>
                <td className="text-right">{c.registered}</td>
                <td className="text-right">{c.borrowers}</td>
                <td className="text-right">{c.uptake}</td>
                <td className="text-right">{c.loans}</td>
                <td className="text-right">{c.outstanding}</td>
                <td className="text-right">{c.npl}</td>
                <td>{c.breaker}</td>
              </tr>
            ))}
            {rows.length === 0 ? <tr><td colSpan={9} className="p-4 text-center text-slate-500">暂无下级区域。</td></tr> : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
