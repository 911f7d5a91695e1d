import { performance } from "node:perf_hooks";

/**
 * Times `work` `runs` times after `warmup` untimed runs; returns the sorted durations in ms.
 * `between` runs untimed after each run (e.g. to remove what the run wrote).
 */
export async function timeRuns(o: {
  runs: number;
  warmup?: number;
  work: (i: number) => Promise<unknown>;
  between?: () => Promise<unknown>;
}): Promise<number[]> {
  for (let i = 0; i < (o.warmup ?? 1); i++) {
    await o.work(-1 - i);
    await o.between?.();
  }
  const out: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    const t = performance.now();
    await o.work(i);
    out.push(performance.now() - t);
    await o.between?.();
  }
  return out.sort((a, b) => a - b);
}

export function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Prints `BENCH <name> <median> <unit> target <op><value> PASS|FAIL` (the one format every figure uses). */
export function benchLine(name: string, value: number, unit: "ms" | "s" | "mb" | "ratio", op: "<=" | ">=", target: number, digits = 0): boolean {
  const pass = op === "<=" ? value <= target : value >= target;
  console.log(`BENCH ${name} ${value.toFixed(digits)} ${unit} target ${op}${target} ${pass ? "PASS" : "FAIL"}`);
  return pass;
}

/** Lets lib/server modules (which import "server-only") load outside Next.js. */
export function allowServerOnly() {
  const serverOnly = require.resolve("server-only");
  require.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;
}
