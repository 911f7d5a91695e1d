import "server-only";
import { z } from "zod";
import { LPR_FIXINGS, PBOC_BENCHMARK_RATES, type BenchmarkRateRow, type LprRow } from "@/lib/domain/reference/rates-data";
import { shanghaiToday } from "../clock";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { defineQuery } from "../use-case";

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The rate table the administrator keeps (RateFixing), each term carried forward to its next
 * change, a series falling back to the shipped rows when incomplete — as the quarter's subsidy
 * run reads it (lib/server/subsidy/compute-quarter.ts keeps its own copy private).
 */
async function rateTables(tx: Tx): Promise<{ benchmark: BenchmarkRateRow[]; lpr: LprRow[] }> {
  const rows = await tx.rateFixing.findMany({ orderBy: { effectiveFrom: "asc" } });
  const series = (kind: "benchmark" | "lpr", terms: Record<string, string>) => {
    const byDate = new Map<string, Record<string, string>>();
    for (const r of rows.filter((x) => x.kind === kind)) {
      const key = terms[r.term];
      if (!key) continue;
      const date = iso(r.effectiveFrom);
      byDate.set(date, { ...(byDate.get(date) ?? {}), [key]: r.rate.toString() });
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

/**
 * What the policy calculator needs (read-only): the county's profile in force today, if any, and
 * the rate tables; the built-in templates come from lib/domain.
 */
export const calculatorContext = defineQuery({
  name: "calculator.context",
  roles: ["county_officer", "finance_officer", "auditor"],
  input: z.object({}),
  async run({ actor, tx, now }) {
    const today = shanghaiToday(now);
    const profile = actor.countyId
      ? await activeProfile(tx, actor.countyId, today).catch((e: unknown) => {
          if (e instanceof AppError) return null;
          throw e;
        })
      : null;
    const row = profile ? await tx.policyProfile.findUnique({ where: { id: profile.id }, select: { name: true } }) : null;
    return {
      today,
      active: profile ? { name: row?.name ?? "本县政策参数", version: profile.version, settings: profile.settings } : null,
      tables: await rateTables(tx),
    };
  },
});
