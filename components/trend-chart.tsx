"use client";

export type TrendPoint = { month: string; disbursed: string; outstanding: string; disbursedLabel: string; outstandingLabel: string };

/**
 * A 12-month bar (disbursed) and line (outstanding) chart as inline SVG: no chart library, nothing
 * loaded from elsewhere. Heights are proportions of the largest value; the amounts come as strings
 * and are only turned into numbers for drawing, never for figures shown.
 */
export function TrendChart({ points }: { points: readonly TrendPoint[] }) {
  const width = 720;
  const height = 220;
  const pad = { left: 8, right: 8, top: 12, bottom: 28 };
  const plotH = height - pad.top - pad.bottom;
  const step = (width - pad.left - pad.right) / Math.max(points.length, 1);
  const maxOf = (k: "disbursed" | "outstanding") => Math.max(...points.map((p) => Number(p[k])), 0);
  const maxD = maxOf("disbursed") || 1;
  const maxO = maxOf("outstanding") || 1;
  const y = (v: string, max: number) => pad.top + plotH - (Math.max(Number(v), 0) / max) * plotH;
  const line = points.map((p, i) => `${(pad.left + step * (i + 0.5)).toFixed(1)},${y(p.outstanding, maxO).toFixed(1)}`).join(" ");
  return (
    <figure className="rounded-lg bg-white p-4 shadow-sm">
      <figcaption className="mb-2 flex flex-wrap gap-4 text-sm">
        <span className="font-medium">近 12 个月趋势</span>
        <span><span className="mr-1 inline-block h-3 w-3 bg-blue-400 align-middle" />当月放款</span>
        <span><span className="mr-1 inline-block h-0.5 w-4 bg-orange-500 align-middle" />月末余额（按放款与还款推算）</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label="近 12 个月放款与余额趋势">
        {points.map((p, i) => {
          const x = pad.left + step * i + step * 0.2;
          const top = y(p.disbursed, maxD);
          return (
            <g key={p.month}>
              <rect x={x} y={top} width={step * 0.6} height={pad.top + plotH - top} className="fill-blue-400">
                <title>{`${p.month} 放款 ${p.disbursedLabel}；月末余额 ${p.outstandingLabel}`}</title>
              </rect>
              <text x={pad.left + step * (i + 0.5)} y={height - 10} textAnchor="middle" className="fill-slate-500 text-[10px]">{p.month.slice(2)}</text>
            </g>
          );
        })}
        <polyline points={line} fill="none" strokeWidth={2} className="stroke-orange-500" />
      </svg>
      <table className="sr-only">
        <thead><tr><th>月份</th><th>放款</th><th>月末余额</th></tr></thead>
        <tbody>{points.map((p) => <tr key={p.month}><td>{p.month}</td><td>{p.disbursedLabel}</td><td>{p.outstandingLabel}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
