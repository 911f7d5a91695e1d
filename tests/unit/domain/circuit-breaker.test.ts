import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  circuitBreaker,
  evaluateBreakerBulk,
  lenderBreaker,
  type BreakerArea,
  type BreakerRule,
} from "@/lib/domain/circuit-breaker";
import { D } from "@/lib/domain/decimal";
import { scaled } from "./arbitraries";
import { codeOf } from "./errors-helper";

const HENAN: BreakerRule = { township: "0.05", village: "0.07", comparison: "gt" };
const AS_GTE: BreakerRule = { ...HENAN, comparison: "gte" };

function township(id: string, outstanding: string, nonPerforming: string): BreakerArea {
  return { id, level: "township", outstanding, nonPerforming };
}
function village(id: string, parentId: string | undefined, outstanding: string, nonPerforming: string): BreakerArea {
  return { id, level: "village", parentId, outstanding, nonPerforming };
}

describe("circuitBreaker", () => {
  it("P-Risk 二(七): township exactly at 5% does not trip a 'greater than' rule", () => {
    expect(circuitBreaker({ rule: HENAN, areas: [township("t", "1000000", "50000")] })).toEqual([
      { id: "t", nplRatio: "0.0500", tripped: false, lendingHalted: false },
    ]);
  });

  it("P-Risk 二(七): township trips above 5%, judged on the exact ratio although it displays 0.0500", () => {
    expect(circuitBreaker({ rule: HENAN, areas: [township("t", "1000000", "50000.01")] })).toEqual([
      { id: "t", nplRatio: "0.0500", tripped: true, lendingHalted: true },
    ]);
  });

  it("P-Risk 二(七): village exactly at 7% stays open; 7000.01 of 100000 trips", () => {
    const result = circuitBreaker({
      rule: HENAN,
      areas: [village("a", undefined, "100000", "7000"), village("b", undefined, "100000", "7000.01")],
    });
    expect(result).toEqual([
      { id: "a", nplRatio: "0.0700", tripped: false, lendingHalted: false },
      { id: "b", nplRatio: "0.0700", tripped: true, lendingHalted: true },
    ]);
  });

  it("§15.1: with comparison 'gte' the threshold itself trips", () => {
    const result = circuitBreaker({
      rule: AS_GTE,
      areas: [township("t", "1000000", "50000"), village("v", undefined, "100000", "6999.99")],
    });
    expect(result.map((r) => r.tripped)).toEqual([true, false]);
  });

  it("§15.1: a tripped township halts every village in it; a tripped village halts only itself", () => {
    const result = circuitBreaker({
      rule: HENAN,
      areas: [
        township("t1", "2000000", "120000"), // 6% → tripped
        village("v11", "t1", "100000", "1000"), // 1%, halted by t1
        village("v12", "t1", "100000", "8000"), // 8%, tripped itself
        township("t2", "2000000", "20000"), // 1%
        village("v21", "t2", "100000", "9000"), // 9% → tripped
        village("v22", "t2", "100000", "0"),
      ],
    });
    expect(result).toEqual([
      { id: "t1", nplRatio: "0.0600", tripped: true, lendingHalted: true },
      { id: "v11", nplRatio: "0.0100", tripped: false, lendingHalted: true },
      { id: "v12", nplRatio: "0.0800", tripped: true, lendingHalted: true },
      { id: "t2", nplRatio: "0.0100", tripped: false, lendingHalted: false },
      { id: "v21", nplRatio: "0.0900", tripped: true, lendingHalted: true },
      { id: "v22", nplRatio: "0.0000", tripped: false, lendingHalted: false },
    ]);
  });

  it("§15.1: villages may be listed before their township; input order is kept", () => {
    const result = circuitBreaker({
      rule: HENAN,
      areas: [village("v", "t", "100", "1"), township("t", "100", "6")],
    });
    expect(result.map((r) => [r.id, r.lendingHalted])).toEqual([
      ["v", true],
      ["t", true],
    ]);
  });

  it("§15.1: zero outstanding gives ratio 0.0000 and never trips, even with a 0 threshold and 'gte'", () => {
    expect(
      circuitBreaker({
        rule: { township: "0", village: "0", comparison: "gte" },
        areas: [township("t", "0", "0"), village("v", "t", "0.00", "0.00")],
      }),
    ).toEqual([
      { id: "t", nplRatio: "0.0000", tripped: false, lendingHalted: false },
      { id: "v", nplRatio: "0.0000", tripped: false, lendingHalted: false },
    ]);
  });

  it("§15.1: a 0 threshold with 'gt' trips on the first fen of bad loans", () => {
    const rule: BreakerRule = { township: "0", village: "0", comparison: "gt" };
    expect(circuitBreaker({ rule, areas: [village("a", undefined, "100", "0")] })[0].tripped).toBe(false);
    expect(circuitBreaker({ rule, areas: [village("a", undefined, "100", "0.01")] })[0].tripped).toBe(true);
  });

  it("CONTRACT: displayed ratios are rounded half-up to four decimals", () => {
    const result = circuitBreaker({
      rule: HENAN,
      areas: [
        village("third", undefined, "3", "1"),
        village("twoThirds", undefined, "3", "2"),
        village("half-up", undefined, "20000", "1"), // 0.00005 → 0.0001
        village("below-half", undefined, "20000", "0.99"), // 0.0000495 → 0.0000
        village("all", undefined, "50000", "50000"),
      ],
    });
    expect(result.map((r) => r.nplRatio)).toEqual(["0.3333", "0.6667", "0.0001", "0.0000", "1.0000"]);
  });

  it("CONTRACT: balances with different numbers of decimals compare exactly", () => {
    expect(circuitBreaker({ rule: HENAN, areas: [village("v", undefined, "1000.5", "70.035")] })[0]).toEqual({
      id: "v",
      nplRatio: "0.0700",
      tripped: false,
      lendingHalted: false,
    });
    expect(circuitBreaker({ rule: HENAN, areas: [village("v", undefined, "1000.5", "70.0351")] })[0].tripped).toBe(true);
    // threshold with more decimals than the balances
    const fine: BreakerRule = { township: "0.05", village: "0.0701", comparison: "gt" };
    expect(circuitBreaker({ rule: fine, areas: [village("v", undefined, "100", "7.01")] })[0].tripped).toBe(false);
    expect(circuitBreaker({ rule: fine, areas: [village("v", undefined, "100", "7.02")] })[0].tripped).toBe(true);
  });

  it("§15.1: an empty list gives an empty result", () => {
    expect(circuitBreaker({ rule: HENAN, areas: [] })).toEqual([]);
  });

  it("CONTRACT: a parentId that names no township → UNKNOWN_PARENT", () => {
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [village("v", "nowhere", "1", "0")] }))).toBe("UNKNOWN_PARENT");
    expect(
      codeOf(() => circuitBreaker({ rule: HENAN, areas: [village("v1", undefined, "1", "0"), village("v2", "v1", "1", "0")] })),
    ).toBe("UNKNOWN_PARENT");
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [{ ...village("v", undefined, "1", "0"), parentId: 7 as never }] }))).toBe(
      "UNKNOWN_PARENT",
    );
  });

  it("§15.1: a township's parentId (its county) is not looked up", () => {
    expect(
      circuitBreaker({ rule: HENAN, areas: [{ ...township("t", "1", "0"), parentId: "county-1" }] })[0].tripped,
    ).toBe(false);
  });

  it("CONTRACT: invalid numbers, levels, duplicates and rules are refused", () => {
    const ok = township("t", "100", "1");
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [{ ...ok, outstanding: "abc" }] }))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [{ ...ok, nonPerforming: "1e2" }] }))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [{ ...ok, nonPerforming: "." }] }))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [{ ...ok, nonPerforming: 5 as never }] }))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [{ ...ok, outstanding: "-100" }] }))).toBe("NEGATIVE_AMOUNT");
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [{ ...ok, nonPerforming: "-1" }] }))).toBe("NEGATIVE_AMOUNT");
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [{ ...ok, nonPerforming: "100.01" }] }))).toBe("INVALID_BALANCE");
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [{ ...ok, outstanding: "0", nonPerforming: "1" }] }))).toBe(
      "INVALID_BALANCE",
    );
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [{ ...ok, level: "county" as never }] }))).toBe("INVALID_LEVEL");
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [{ ...ok, id: "" }] }))).toBe("INVALID_AREA");
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [null as never] }))).toBe("INVALID_AREA");
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: "x" as never }))).toBe("INVALID_AREA");
    expect(codeOf(() => circuitBreaker({ rule: HENAN, areas: [ok, ok] }))).toBe("DUPLICATE_AREA");
    expect(codeOf(() => circuitBreaker({ rule: { ...HENAN, comparison: "ge" as never }, areas: [ok] }))).toBe(
      "INVALID_COMPARISON",
    );
    expect(codeOf(() => circuitBreaker({ rule: { ...HENAN, village: "-0.01" }, areas: [ok] }))).toBe("INVALID_THRESHOLD");
    expect(codeOf(() => circuitBreaker({ rule: { ...HENAN, township: "5%" }, areas: [ok] }))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => circuitBreaker({ rule: null as never, areas: [ok] }))).toBe("INVALID_RULE");
    expect(codeOf(() => circuitBreaker(null as never))).toBe("INVALID_RULE");
  });

  it("CONTRACT: a threshold of exactly 1 trips only at 100% with 'gte'", () => {
    const rule: BreakerRule = { township: "1", village: "1.00", comparison: "gte" };
    expect(circuitBreaker({ rule, areas: [township("t", "5", "5")] })[0].tripped).toBe(true);
    expect(circuitBreaker({ rule, areas: [township("t", "5", "4.99")] })[0].tripped).toBe(false);
  });

  it("§15.1: a threshold above 1 switches the level off: even 100% bad loans do not trip it", () => {
    const rule: BreakerRule = { township: "2", village: "1.5", comparison: "gte" };
    expect(
      circuitBreaker({ rule, areas: [township("t", "5", "5"), village("v", "t", "5", "5")] }).map((r) => r.lendingHalted),
    ).toEqual([false, false]);
  });
});

describe("lenderBreaker", () => {
  it("G 二(二): a lender at exactly 3% trips the '≥ 3%' rule", () => {
    expect(lenderBreaker({ threshold: "0.03", comparison: "gte", outstanding: "1000000", nonPerforming: "30000" })).toEqual({
      nplRatio: "0.0300",
      tripped: true,
    });
  });

  it("G 二(二): just under 3% does not trip although it displays as 0.0300", () => {
    expect(
      lenderBreaker({ threshold: "0.03", comparison: "gte", outstanding: "1000000", nonPerforming: "29999.99" }),
    ).toEqual({ nplRatio: "0.0300", tripped: false });
  });

  it("§15.1: with 'gt' exactly 3% stays open; zero balance never trips", () => {
    expect(
      lenderBreaker({ threshold: "0.03", comparison: "gt", outstanding: "1000000", nonPerforming: "30000" }).tripped,
    ).toBe(false);
    expect(lenderBreaker({ threshold: "0", comparison: "gte", outstanding: "0", nonPerforming: "0" })).toEqual({
      nplRatio: "0.0000",
      tripped: false,
    });
  });

  it("G 二(二): invalid lender inputs are refused", () => {
    const ok = { threshold: "0.03", comparison: "gte" as const, outstanding: "100", nonPerforming: "1" };
    expect(codeOf(() => lenderBreaker({ ...ok, comparison: "x" as never }))).toBe("INVALID_COMPARISON");
    expect(codeOf(() => lenderBreaker({ ...ok, threshold: "-0.03" }))).toBe("INVALID_THRESHOLD");
    expect(codeOf(() => lenderBreaker({ ...ok, nonPerforming: "101" }))).toBe("INVALID_BALANCE");
    expect(codeOf(() => lenderBreaker({ ...ok, outstanding: "" }))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => lenderBreaker(null as never))).toBe("INVALID_RULE");
  });
});

describe("evaluateBreakerBulk", () => {
  it("§15.1: fen balances give the same answer as the string facade", () => {
    const result = evaluateBreakerBulk(HENAN, [
      { id: "t", level: "township", outstandingFen: 100_000_000n, nonPerformingFen: 5_000_001n },
      { id: "v", level: "village", parentId: "t", outstandingFen: 10_000_000n, nonPerformingFen: 0n },
    ]);
    expect(result).toEqual([
      { id: "t", nplRatio: "0.0500", tripped: true, lendingHalted: true },
      { id: "v", nplRatio: "0.0000", tripped: false, lendingHalted: true },
    ]);
  });

  it("G 二(二): a level without a threshold (null) never trips on its own; the other level still does", () => {
    const guizhouLike = { township: null, village: "0.07", comparison: "gte" as const };
    expect(
      evaluateBreakerBulk(guizhouLike, [
        { id: "t", level: "township", outstandingFen: 100n, nonPerformingFen: 100n },
        { id: "v", level: "village", parentId: "t", outstandingFen: 100n, nonPerformingFen: 7n },
      ]),
    ).toEqual([
      { id: "t", nplRatio: "1.0000", tripped: false, lendingHalted: false },
      { id: "v", nplRatio: "0.0700", tripped: true, lendingHalted: true },
    ]);
  });

  it("§15.1: bulk input errors use the same codes", () => {
    expect(
      codeOf(() =>
        evaluateBreakerBulk(HENAN, [{ id: "t", level: "township", outstandingFen: "1" as never, nonPerformingFen: 0n }]),
      ),
    ).toBe("INVALID_DECIMAL");
    expect(
      codeOf(() => evaluateBreakerBulk(HENAN, [{ id: "t", level: "township", outstandingFen: 1n, nonPerformingFen: 2n }])),
    ).toBe("INVALID_BALANCE");
    expect(codeOf(() => evaluateBreakerBulk(HENAN, null as never))).toBe("INVALID_AREA");
    expect(
      codeOf(() =>
        evaluateBreakerBulk(HENAN, [{ id: "v", level: "village", parentId: "x", outstandingFen: 1n, nonPerformingFen: 0n }]),
      ),
    ).toBe("UNKNOWN_PARENT");
  });

  it("§15.1: balances too large for exact floating point give exact answers too", () => {
    // 10^17 fen: far beyond 2^53 once multiplied; 7% + 1 fen must still trip and 7% must not.
    const big = 10n ** 17n;
    const result = evaluateBreakerBulk(HENAN, [
      { id: "t", level: "township", outstandingFen: big, nonPerformingFen: (big * 5n) / 100n },
      { id: "v1", level: "village", parentId: "t", outstandingFen: big, nonPerformingFen: (big * 7n) / 100n },
      { id: "v2", level: "village", parentId: "t", outstandingFen: big, nonPerformingFen: (big * 7n) / 100n + 1n },
      // 0.00005 exactly rounds half up to 0.0001; a fen less rounds down.
      { id: "v3", level: "village", parentId: "t", outstandingFen: big, nonPerformingFen: big / 20_000n },
      { id: "v4", level: "village", parentId: "t", outstandingFen: big, nonPerformingFen: big / 20_000n - 1n },
    ]);
    expect(result).toEqual([
      { id: "t", nplRatio: "0.0500", tripped: false, lendingHalted: false },
      { id: "v1", nplRatio: "0.0700", tripped: false, lendingHalted: false },
      { id: "v2", nplRatio: "0.0700", tripped: true, lendingHalted: true },
      { id: "v3", nplRatio: "0.0001", tripped: false, lendingHalted: false },
      { id: "v4", nplRatio: "0.0000", tripped: false, lendingHalted: false },
    ]);
  });

  it("§15.1: scaling both balances of every area by the same factor changes nothing (small and huge balances agree)", () => {
    fc.assert(
      fc.property(treeArb, ruleArb, fc.bigInt({ min: 1n, max: 10n ** 9n }), (areas, rule, factor) => {
        const bulk = (k: bigint) =>
          evaluateBreakerBulk(
            rule,
            areas.map((a) => ({ id: a.id, level: a.level, parentId: a.parentId, outstandingFen: a.out * k, nonPerformingFen: a.npl * k })),
          );
        expect(bulk(factor)).toEqual(bulk(1n));
      }),
      { numRuns: 300 },
    );
  });

  it("§15.1: a threshold with more decimals than floating point can hold is still compared exactly", () => {
    const rule = { township: "0.0500000000000000000001", village: "0.07", comparison: "gt" as const };
    expect(
      evaluateBreakerBulk(rule, [
        { id: "t1", level: "township", outstandingFen: 100n, nonPerformingFen: 5n },
        { id: "t2", level: "township", outstandingFen: 0n, nonPerformingFen: 0n },
        { id: "t3", level: "township", outstandingFen: 100n, nonPerformingFen: 6n },
      ]),
    ).toEqual([
      { id: "t1", nplRatio: "0.0500", tripped: false, lendingHalted: false },
      { id: "t2", nplRatio: "0.0000", tripped: false, lendingHalted: false },
      { id: "t3", nplRatio: "0.0600", tripped: true, lendingHalted: true },
    ]);
  });

  it("§15.1: 40,000 villages in 1,000 townships are evaluated quickly and correctly", () => {
    const areas = [];
    for (let t = 0; t < 1000; t++) {
      // Every 10th township is at 5% + 1 fen of 1,000,000 → tripped.
      areas.push({
        id: `t${t}`,
        level: "township" as const,
        outstandingFen: 100_000_000n,
        nonPerformingFen: t % 10 === 0 ? 5_000_001n : 1_000_000n,
      });
      for (let v = 0; v < 40; v++) {
        // Every 7th village is exactly at 7% (open), every 13th just over.
        const npl = v % 13 === 0 ? 700_001n : v % 7 === 0 ? 700_000n : 100_000n;
        areas.push({ id: `t${t}v${v}`, level: "village" as const, parentId: `t${t}`, outstandingFen: 10_000_000n, nonPerformingFen: npl });
      }
    }
    const started = performance.now();
    const result = evaluateBreakerBulk(HENAN, areas);
    const elapsed = performance.now() - started;
    expect(result).toHaveLength(41_000);
    expect(elapsed).toBeLessThan(1500);
    const byId = new Map(result.map((r) => [r.id, r]));
    expect(byId.get("t0")).toEqual({ id: "t0", nplRatio: "0.0500", tripped: true, lendingHalted: true });
    expect(byId.get("t1")?.tripped).toBe(false);
    expect(byId.get("t1v7")).toEqual({ id: "t1v7", nplRatio: "0.0700", tripped: false, lendingHalted: false });
    expect(byId.get("t1v13")).toEqual({ id: "t1v13", nplRatio: "0.0700", tripped: true, lendingHalted: true });
    expect(byId.get("t0v1")?.lendingHalted).toBe(true);
    expect(result.filter((r) => r.tripped)).toHaveLength(100 + 1000 * 4); // v0, v13, v26, v39
    expect(result.filter((r) => r.lendingHalted)).toHaveLength(100 * 41 + 900 * 4);
  });
});

/** Random township/village trees with outstanding ≥ non-performing, balances in fen. */
const treeArb = fc
  .array(
    fc.record({
      township: fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 1000n })),
      villages: fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 10n }), fc.bigInt({ min: 0n, max: 1000n })), {
        maxLength: 6,
      }),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((towns) => {
    const areas: { id: string; level: "township" | "village"; parentId?: string; out: bigint; npl: bigint }[] = [];
    towns.forEach((t, i) => {
      // npl = out × permille / 1000 keeps npl ≤ out.
      areas.push({ id: `t${i}`, level: "township", out: t.township[0], npl: (t.township[0] * t.township[1]) / 1000n });
      t.villages.forEach(([out, permille], j) =>
        areas.push({ id: `t${i}v${j}`, level: "village", parentId: `t${i}`, out, npl: (out * permille) / 1000n }),
      );
    });
    return areas;
  });

const ruleArb = fc.record({
  township: fc.bigInt({ min: 0n, max: 10000n }).map((v) => scaled(v, 4)),
  village: fc.bigInt({ min: 0n, max: 10000n }).map((v) => scaled(v, 4)),
  comparison: fc.constantFrom("gt" as const, "gte" as const),
});

function asStrings(areas: { id: string; level: "township" | "village"; parentId?: string; out: bigint; npl: bigint }[]) {
  return areas.map((a) => ({ id: a.id, level: a.level, parentId: a.parentId, outstanding: scaled(a.out, 2), nonPerforming: scaled(a.npl, 2) }));
}

describe("circuitBreaker properties", () => {
  it("§15.1: raising an area's non-performing balance never un-trips it nor un-halts its villages", () => {
    fc.assert(
      fc.property(treeArb, ruleArb, fc.nat(), fc.bigInt({ min: 0n, max: 10n ** 12n }), (areas, rule, pick, extra) => {
        const before = circuitBreaker({ rule, areas: asStrings(areas) });
        const i = pick % areas.length;
        const raised = areas.map((a, k) => (k === i ? { ...a, npl: a.npl + extra > a.out ? a.out : a.npl + extra } : a));
        const after = circuitBreaker({ rule, areas: asStrings(raised) });
        before.forEach((b, k) => {
          if (b.tripped) expect(after[k].tripped).toBe(true);
          if (b.lendingHalted) expect(after[k].lendingHalted).toBe(true);
        });
      }),
      { numRuns: 400 },
    );
  });

  it("§15.1: agrees with a Decimal reference (npl ⋈ threshold × outstanding) and with the bulk evaluator", () => {
    fc.assert(
      fc.property(treeArb, ruleArb, (areas, rule) => {
        const result = circuitBreaker({ rule, areas: asStrings(areas) });
        const bulk = evaluateBreakerBulk(
          rule,
          areas.map((a) => ({ id: a.id, level: a.level, parentId: a.parentId, outstandingFen: a.out, nonPerformingFen: a.npl })),
        );
        expect(bulk).toEqual(result);
        const trippedTowns = new Set<string>();
        areas.forEach((a, k) => {
          const out = new D(scaled(a.out, 2));
          const npl = new D(scaled(a.npl, 2));
          const limit = out.times(a.level === "township" ? rule.township : rule.village);
          const expected = !out.isZero() && (rule.comparison === "gt" ? npl.greaterThan(limit) : npl.greaterThanOrEqualTo(limit));
          expect(result[k].tripped).toBe(expected);
          if (a.level === "township" && expected) trippedTowns.add(a.id);
          const ratio = out.isZero() ? "0.0000" : npl.dividedBy(out).toDecimalPlaces(4, D.ROUND_HALF_UP).toFixed(4);
          expect(result[k].nplRatio).toBe(ratio);
        });
        areas.forEach((a, k) => {
          expect(result[k].lendingHalted).toBe(result[k].tripped || (a.parentId !== undefined && trippedTowns.has(a.parentId)));
        });
      }),
      { numRuns: 400 },
    );
  });
});
