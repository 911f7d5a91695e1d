import { bankGradeBandsFromMinima, type BankGrade } from "./bank-evaluation";
import type { PolicyProfileSettings } from "./policy-profile";

export type BankEvaluationRules = {
  weights: { indicator: string; structural: string };
  gradeBands: { grade: BankGrade; min: string }[];
};

/** The weights and grade bands of §15.9 as the county's policy profile sets them, for evaluateBank. */
export function bankEvaluationRules(settings: Pick<PolicyProfileSettings, "evaluation">): BankEvaluationRules {
  const e = settings.evaluation;
  return {
    weights: { indicator: e.indicatorWeight, structural: e.structuralWeight },
    gradeBands: bankGradeBandsFromMinima({ good: e.gradeGoodMin, fair: e.gradeFairMin, average: e.gradeAverageMin }),
  };
}
