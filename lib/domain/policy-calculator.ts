import { D, dec, formatMoney } from "./decimal";
import { DomainError } from "./errors";
import { circuitBreaker, type AreaLevel } from "./circuit-breaker";
import type { PolicyProfileSettings } from "./policy-profile";
import { subsidyCapRateDetail } from "./rates";
import type { BenchmarkRateRow, LprRow } from "./reference/rates-data";
import type { BorrowerClass } from "./reference/sharing-schemes";
import { splitLoss } from "./risk-sharing";
import { interestSubsidy } from "./subsidy";

/**
 * The policy calculator's three questions, answered by the same domain functions the portal's
 * workflows use, with any DomainError turned into a message at the calculator's own field.
 */
export type CalcOutcome<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

function attempt<T>(run: () => T, fieldMap: Record<string, string>, fallback: string): CalcOutcome<T> {
  try {
    return { ok: true, value: run() };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const field = (e.field && (fieldMap[e.field] ?? Object.entries(fieldMap).find(([k]) => e.field?.startsWith(`${k}.`))?.[1])) || fallback;
    return { ok: false, field, message: e.code === "INVALID_DECIMAL" ? "请填写有效的数字" : e.message };
  }
}

export type LossSplitResult = { loss: string; shares: { party: string; ratio: string; amount: string }[]; sum: string };

/** What a loss of `loss` yuan splits into under the profile's ratios for the borrower class. */
export function calcLossSplit(settings: Pick<PolicyProfileSettings, "sharing">, borrowerClass: BorrowerClass, loss: string): CalcOutcome<LossSplitResult> {
  return attempt(
    () => {
      const ratios = settings.sharing.ratios[borrowerClass];
      if (!ratios || ratios.length === 0 || ratios.some((r) => r.ratio === null)) {
        throw new DomainError("RATIOS_INCOMPLETE", "该政策参数中此类借款主体的损失分担比例未填写完整", "borrowerClass");
      }
      const shareRatios = ratios.map((r) => ({ party: r.party, ratio: r.ratio as string }));
      const amount = formatMoney(dec(loss, "loss"));
      const shares = splitLoss(amount, shareRatios).map((s, i) => ({ party: s.party, ratio: shareRatios[i].ratio, amount: s.amount }));
      const sum = formatMoney(shares.reduce((acc, s) => acc.plus(s.amount), new D(0)));
      return { loss: amount, shares, sum };
    },
    { loss: "loss", amount: "loss", borrowerClass: "borrowerClass", joint: "borrowerClass", ratios: "borrowerClass" },
    "loss",
  );
}

export type SubsidyCalcInput = {
  principal: string;
  /** Annual contract rate as a fraction, e.g. "0.0435". */
  contractRate: string;
  disbursedOn: string;
  /** Whole months, parsed by the form (NaN when it is not a whole number). */
  termMonths: number;
  from: string;
  to: string;
};
export type SubsidyCalcResult = { days: number; capRate: string; capEffective: string; rate: string; amount: string; basis: number };

/** A household loan's interest subsidy for one period (§15.6): cap rate by term and disbursement date. */
export function calcSubsidy(
  settings: Pick<PolicyProfileSettings, "interest">,
  tables: { benchmark: readonly BenchmarkRateRow[]; lpr: readonly LprRow[] },
  i: SubsidyCalcInput,
): CalcOutcome<SubsidyCalcResult> {
  return attempt(
    () => {
      const termMonths = i.termMonths;
      const regime = settings.interest.householdRateRegime ?? "benchmark";
      const cap = regime === "lpr"
        ? subsidyCapRateDetail({ regime, termMonths, disbursedOn: i.disbursedOn, table: tables.lpr })
        : subsidyCapRateDetail({ regime, termMonths, disbursedOn: i.disbursedOn, table: tables.benchmark });
      const basis = settings.interest.dayCountBasis;
      const r = interestSubsidy({ principal: i.principal, contractRate: i.contractRate, capRate: cap.rate, from: i.from, to: i.to, dayCountBasis: basis });
      return { ...r, capRate: cap.rate, capEffective: cap.effective, basis };
    },
    {
      principal: "principal", contractRate: "contractRate", termMonths: "termMonths", date: "disbursedOn", disbursedOn: "disbursedOn",
      "period.from": "from", "period.to": "to", period: "from", from: "from", to: "to", regime: "disbursedOn",
    },
    "principal",
  );
}

export type BreakerCalcResult = { nplRatio: string; threshold: string | null; comparison: "gt" | "gte"; tripped: boolean };

/** Whether a township or village with these balances would trip the profile's breaker (§9, §15.1). */
export function calcBreaker(
  settings: Pick<PolicyProfileSettings, "breaker">,
  i: { level: AreaLevel; outstanding: string; nonPerforming: string },
): CalcOutcome<BreakerCalcResult> {
  return attempt(
    () => {
      const b = settings.breaker;
      const threshold = i.level === "township" ? b.township : b.village;
      // A level without a threshold never trips: no ratio exceeds 2 (as the live breaker does).
      const rule = { township: b.township ?? "2", village: b.village ?? "2", comparison: b.comparison };
      const [r] = circuitBreaker({ rule, areas: [{ id: "测算", level: i.level, outstanding: i.outstanding, nonPerforming: i.nonPerforming }] });
      return { nplRatio: r.nplRatio, threshold, comparison: b.comparison, tripped: r.tripped };
    },
    { "areas[0].outstanding": "outstanding", "areas[0].nonPerforming": "nonPerforming", "areas[0].level": "level", "区域 测算": "nonPerforming", rule: "level" },
    "outstanding",
  );
}
