import { describe, expect, it } from "vitest";
import { cached, cachedCount, OVERVIEW_CACHE_SIZE } from "@/lib/server/dashboard/overview-cache";

let n = 0;
/** A key no other test uses (the cache is one per process). */
const fresh = () => `unit-test-${++n}`;

describe("overview cache", () => {
  it("computes once per key and version; another version computes again", async () => {
    const key = fresh();
    let runs = 0;
    const compute = async () => ({ run: ++runs });
    const first = await cached(key, "v1", compute);
    expect(await cached(key, "v1", compute)).toBe(first);
    expect(runs).toBe(1);
    const second = await cached(key, "v2", compute);
    expect(second).toEqual({ run: 2 });
    // The entry now belongs to v2: going back to v1 computes again rather than trusting old figures.
    expect(await cached(key, "v1", compute)).toEqual({ run: 3 });
  });

  it("callers asking at once share one computation", async () => {
    const key = fresh();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const compute = async () => {
      runs++;
      await gate;
      return { run: runs };
    };
    const a = cached(key, "v", compute);
    const b = cached(key, "v", compute);
    release();
    expect(await a).toBe(await b);
    expect(runs).toBe(1);
  });

  it("a failed computation is not kept: every waiting caller sees the error, the next one computes", async () => {
    const key = fresh();
    let runs = 0;
    const failing = async () => {
      runs++;
      throw new Error("database away");
    };
    const a = cached(key, "v", failing);
    const b = cached(key, "v", failing);
    await expect(a).rejects.toThrow("database away");
    await expect(b).rejects.toThrow("database away");
    expect(runs).toBe(1);
    expect(await cached(key, "v", async () => ({ ok: true }))).toEqual({ ok: true });
  });

  it("the value is frozen: a caller cannot change what the next caller gets", async () => {
    const value = await cached(fresh(), "v", async () => ({ figures: { registered: 3 }, rows: [{ id: "a" }] }));
    expect(() => {
      (value.figures as { registered: number }).registered = 4;
    }).toThrow(TypeError);
    expect(Object.isFrozen(value.rows[0])).toBe(true);
  });

  it("holds at most OVERVIEW_CACHE_SIZE entries and evicts the least recently used", async () => {
    const keep = fresh();
    let keptRuns = 0;
    const kept = await cached(keep, "v", async () => ({ kept: ++keptRuns }));
    for (let i = 0; i < OVERVIEW_CACHE_SIZE + 10; i++) {
      // Touching `keep` now and then makes it recently used: it survives the flood.
      if (i % 50 === 0) expect(await cached(keep, "v", async () => ({ kept: ++keptRuns }))).toBe(kept);
      await cached(fresh(), "v", async () => ({ i }));
    }
    expect(cachedCount()).toBe(OVERVIEW_CACHE_SIZE);
    expect(await cached(keep, "v", async () => ({ kept: ++keptRuns }))).toBe(kept);
    expect(keptRuns).toBe(1);
    // The oldest of the flood is gone: asking for it computes again.
    let evictedRuns = 0;
    await cached(`unit-test-${n - OVERVIEW_CACHE_SIZE - 5}`, "v", async () => ({ evicted: ++evictedRuns }));
    expect(evictedRuns).toBe(1);
  });
});
