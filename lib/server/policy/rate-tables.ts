import "server-only";
import { LPR_FIXINGS, PBOC_BENCHMARK_RATES, type BenchmarkRateRow, type LprRow } from "@/lib/domain/reference/rates-data";
import type { Tx } from "../db";

export type RateTables = { benchmark: BenchmarkRateRow[]; lpr: LprRow[] };

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** One RateFixing row: its kind, term, rate as decimal text and effective day (YYYY-MM-DD). */
export type RateFixingRow = { kind: string; term: string; rate: string; effectiveFrom: string };

/** The rows as the subsidy run reads them on its own connection, in effective order (rates written as Prisma writes them: no trailing zeros). */
export const RATE_FIXINGS_SQL = `SELECT kind::text, term, trim_scale(rate)::text, "effectiveFrom"::text FROM "RateFixing" ORDER BY "effectiveFrom"`;

/**
 * The rate table the administrator keeps (RateFixing) in the shape the domain's rate lookups
 * take: each term carried forward to its next change; a series falls back to the shipped
 * reference rows (RATES.md) when it is incomplete. `rows` in effective order.
 */
export function rateTablesOf(rows: readonly RateFixingRow[]): RateTables {
  const series = (kind: "benchmark" | "lpr", terms: Record<string, string>) => {
    const byDate = new Map<string, Record<string, string>>();
    for (const r of rows.filter((x) => x.kind === kind)) {
      const key = terms[r.term];
      if (!key) continue;
      byDate.set(r.effectiveFrom, { ...(byDate.get(r.effectiveFrom) ?? {}), [key]: r.rate });
    }
    const out: Record<string, string>[] = [];
    let last: Record<string, string> = {};
    for (const date of [...byDate.keys()].sort()) {
      last = { ...last, ...byDate.get(date), effective: date };
      out.push(last);
    }
    return out.filter((r) => Object.values(terms).every((k) => r[k] !== undefined));
  };
  const benchmark = series("benchmark", { upTo1y: "upTo1Year", "1to5y": "oneTo5Years", over5y: "over5Years" }) as unknown as BenchmarkRateRow[];
  const lpr = series("lpr", { "1y": "oneYear", "5yPlus": "fiveYearPlus" }) as unknown as LprRow[];
  return { benchmark: benchmark.length > 0 ? benchmark : [...PBOC_BENCHMARK_RATES], lpr: lpr.length > 0 ? lpr : [...LPR_FIXINGS] };
}

/** The rate tables in force, read through the transaction. */
export async function rateTables(tx: Tx): Promise<RateTables> {
  const rows = await tx.rateFixing.findMany({ orderBy: { effectiveFrom: "asc" } });
  return rateTablesOf(rows.map((r) => ({ kind: r.kind, term: r.term, rate: r.rate.toString(), effectiveFrom: iso(r.effectiveFrom) })));
}
