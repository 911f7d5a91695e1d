import { describe, expect, it } from "vitest";
import { calcBreaker, calcLossSplit, calcSubsidy } from "@/lib/domain/policy-calculator";
import { profileTemplate } from "@/lib/domain/profile-templates";
import { LPR_FIXINGS, PBOC_BENCHMARK_RATES } from "@/lib/domain/reference/rates-data";

const p1 = profileTemplate("pingdingshan_scheme1").settings;
const tables = { benchmark: PBOC_BENCHMARK_RATES, lpr: LPR_FIXINGS };

describe("policy calculator", () => {
  it("splits a loss by the profile's ratios to the fen, summing exactly", () => {
    const r = calcLossSplit(p1, "household", "10000.01");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.loss).toBe("10000.01");
    expect(r.value.sum).toBe("10000.01");
    expect(r.value.shares.length).toBeGreaterThan(1);
    expect(r.value.shares.every((s) => /^\d+\.\d{2}$/.test(s.amount))).toBe(true);
  });

  it("reports incomplete ratios at the class and a bad amount at the loss", () => {
    const incomplete = calcLossSplit(p1, "nonagri_enterprise", "100");
    expect(incomplete).toMatchObject({ ok: false, field: "borrowerClass" });
    expect(calcLossSplit(p1, "household", "abc")).toMatchObject({ ok: false, field: "loss", message: "请填写有效的数字" });
    expect(calcLossSplit(p1, "household", "-5")).toMatchObject({ ok: false, field: "loss" });
  });

  it("computes a quarter's subsidy with the cap rate in force at disbursement (§15.6)", () => {
    // 2016-01-01, 36 months → 1–5-year benchmark 4.75%; contract 4.35% is lower.
    const r = calcSubsidy(p1, tables, {
      principal: "50000", contractRate: "0.0435", disbursedOn: "2017-03-21", termMonths: 36, from: "2017-03-21", to: "2017-06-21",
    });
    expect(r).toEqual({ ok: true, value: { days: 92, capRate: "0.0475", capEffective: "2015-10-24", rate: "0.0435", amount: "555.83", basis: 360 } });
  });

  it("puts subsidy errors at their fields", () => {
    const base = { principal: "50000", contractRate: "0.0435", disbursedOn: "2017-03-21", termMonths: 36, from: "2017-03-21", to: "2017-06-21" };
    expect(calcSubsidy(p1, tables, { ...base, to: "2017-03-01" })).toMatchObject({ ok: false, field: "to" });
    expect(calcSubsidy(p1, tables, { ...base, termMonths: 0 })).toMatchObject({ ok: false, field: "termMonths" });
    expect(calcSubsidy(p1, tables, { ...base, principal: "x" })).toMatchObject({ ok: false, field: "principal" });
    expect(calcSubsidy(p1, tables, { ...base, disbursedOn: "1990-01-01" })).toMatchObject({ ok: false, field: "disbursedOn" });
  });

  it("says whether an area trips with the profile's comparison", () => {
    const threshold = p1.breaker.village as string;
    const out = "1000000";
    const atThreshold = (Number.parseFloat(threshold) * 1_000_000).toFixed(0);
    const r = calcBreaker(p1, { level: "village", outstanding: out, nonPerforming: atThreshold });
    expect(r).toMatchObject({ ok: true, value: { threshold, comparison: p1.breaker.comparison, tripped: p1.breaker.comparison === "gte" } });
    expect(calcBreaker(p1, { level: "village", outstanding: "100", nonPerforming: "200" })).toMatchObject({ ok: false, field: "nonPerforming" });
    expect(calcBreaker(p1, { level: "township", outstanding: "x", nonPerforming: "0" })).toMatchObject({ ok: false, field: "outstanding" });
    const guizhou = profileTemplate("guizhou").settings;
    if (guizhou.breaker.village === null) {
      expect(calcBreaker(guizhou, { level: "village", outstanding: "100", nonPerforming: "100" })).toMatchObject({ ok: true, value: { tripped: false, threshold: null } });
    }
  });
});
