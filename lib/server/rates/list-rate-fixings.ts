import "server-only";
import { z } from "zod";
import { defineQuery } from "../use-case";

export const RATE_TERMS = {
  benchmark: ["upTo1y", "1to5y", "over5y"],
  lpr: ["1y", "5yPlus"],
} as const;

export const RATE_TERM_LABELS: Record<string, string> = {
  upTo1y: "一年以内（含一年）",
  "1to5y": "一至五年（含五年）",
  over5y: "五年以上",
  "1y": "1 年期",
  "5yPlus": "5 年期以上",
};

/** Benchmark rates and LPR fixings (national, the same for every county), newest first per series. */
export const listRateFixings = defineQuery({
  name: "rateFixing.list",
  roles: ["admin"],
  input: z.object({}).optional().default({}),
  async run({ tx }) {
    const rows = await tx.rateFixing.findMany({ orderBy: [{ kind: "asc" }, { effectiveFrom: "desc" }, { term: "asc" }] });
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      term: r.term,
      termLabel: RATE_TERM_LABELS[r.term] ?? r.term,
      effectiveFrom: r.effectiveFrom.toISOString().slice(0, 10),
      rate: r.rate.toString(),
    }));
  },
});
