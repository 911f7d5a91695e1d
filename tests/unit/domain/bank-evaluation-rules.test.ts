import { describe, expect, it } from "vitest";
import { evaluateBank, P_EVAL_SCORECARD } from "@/lib/domain/bank-evaluation";
import { bankEvaluationRules } from "@/lib/domain/bank-evaluation-rules";
import { profileTemplate } from "@/lib/domain/profile-templates";

const maxima = Object.fromEntries(P_EVAL_SCORECARD.flatMap((c) => c.items.map((it) => [it.number, it.maxPoints])));

describe("bankEvaluationRules", () => {
  it("reads the §15.9 defaults from a template's profile", () => {
    expect(bankEvaluationRules(profileTemplate("pingdingshan_scheme1").settings)).toEqual({
      weights: { indicator: "0.9", structural: "0.1" },
      gradeBands: [{ grade: "好", min: "85" }, { grade: "较好", min: "70" }, { grade: "一般", min: "50" }, { grade: "差", min: "0" }],
    });
  });

  it("applies a county's own weights and grade lines through evaluateBank", () => {
    const rules = bankEvaluationRules({
      evaluation: { indicatorWeight: "0.8", structuralWeight: "0.2", gradeGoodMin: 95, gradeFairMin: 80, gradeAverageMin: 60 },
    });
    // 0.8 × 100 + 0.2 × 70 = 94.00: 好 by default, 较好 with these lines.
    const r = evaluateBank({ items: maxima, structural: ["70", "70", "70"], item29Reason: "理由", ...rules });
    expect(r).toMatchObject({ indicator: "100.00", total: "94.00", grade: "较好" });
  });

  it("refuses grade lines out of order at the setting", () => {
    expect(() =>
      bankEvaluationRules({ evaluation: { indicatorWeight: "0.9", structuralWeight: "0.1", gradeGoodMin: 70, gradeFairMin: 85, gradeAverageMin: 50 } }),
    ).toThrow(/好 > 较好 > 一般/);
  });
});
