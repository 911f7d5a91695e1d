"use client";

import { useSyncExternalStore } from "react";

export type TrendPoint = { month: string; disbursed: string; outstanding: string; disbursedLabel: string; outstandingLabel: string };

const noSubscription = () => () => {};

/** False in the server render and while hydrating, true in the browser from then on. */
function useDrawn(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

/**
 * A 12-month bar (disbursed) and line (outstanding) chart as inline SVG: no chart library, nothing
 * loaded from elsewhere. Heights are proportions of the largest value; the amounts come as strings
 * and are only turned into numbers for drawing, never for figures shown.
 *
 * Drawn in the browser, as a chart library would draw it: the server sends the twelve points as
 * data and a box of the chart's size, not some three hundred SVG and table elements on every view
 * of the overview (the page's figures, its cards and ranking, are all in the server's HTML).
 */
export function TrendChart({ points }: { points: readonly TrendPoint[] }) {
  const drawn = useDrawn();
  return (
    <figure className="rounded-lg bg-white p-4 shadow-sm">
      <figcaption className="mb-2 flex flex-wrap gap-4 text-sm">
        <span className="font-medium">近 12 个月趋势</span>
        <span><span className="mr-1 inline-block h-3 w-3 bg-blue-400 align-middle" />当月放款</span>
        <span><span className="mr-1 inline-block h-0.5 w-4 bg-orange-500 align-middle" />月末余额（按放款与还款推算）</span>
      </figcaption>
      {drawn ? <TrendDrawing points={points} /> : <div className="aspect-[36/11] w-full" />}
    </figure>
  );
}

function TrendDrawing({ points }: { points: readonly TrendPoint[] }) {
  const width = 720;
  const height = 220;
  const pad = { left: 8, right: 8, top: 12, bottom: 28 };
  const plotH = height - pad.top - pad.bottom;
  const step = (width - pad.left - pad.right) / Math.max(points.length, 1);
  const maxOf = (k: "disbursed" | "outstanding") => Math.max(...points.map((p) => Number(p[k])), 0);
  const maxD = maxOf("disbursed") || 1;
  const maxO = maxOf("outstanding") || 1;
  const y = (v: string, max: number) => pad.top + plotH - (Math.max(Number(v), 0) / max) * plotH;
  // Drawing coordinates to a tenth of a unit: finer is invisible and only lengthens the page.
  const r = (n: number) => Math.round(n * 10) / 10;
  const line = points.map((p, i) => `${r(pad.left + step * (i + 0.5))},${r(y(p.outstanding, maxO))}`).join(" ");
  return (
    <>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label="近 12 个月放款与余额趋势">
        <g className="fill-blue-400">
          {points.map((p, i) => {
            const top = y(p.disbursed, maxD);
            return (
              <rect key={p.month} x={r(pad.left + step * (i + 0.2))} y={r(top)} width={r(step * 0.6)} height={r(pad.top + plotH - top)}>
                <title>{`${p.month} 放款 ${p.disbursedLabel}；月末余额 ${p.outstandingLabel}`}</title>
              </rect>
            );
          })}
        </g>
        <g textAnchor="middle" className="fill-slate-500 text-[10px]">
          {points.map((p, i) => <text key={p.month} x={r(pad.left + step * (i + 0.5))} y={height - 10}>{p.month.slice(2)}</text>)}
        </g>
        <polyline points={line} fill="none" strokeWidth={2} className="stroke-orange-500" />
      </svg>
      <table className="sr-only">
        <thead><tr><th>月份</th><th>放款</th><th>月末余额</th></tr></thead>
        <tbody>{points.map((p) => <tr key={p.month}><td>{p.month}</td><td>{p.disbursedLabel}</td><td>{p.outstandingLabel}</td></tr>)}</tbody>
      </table>
    </>
  );
}
