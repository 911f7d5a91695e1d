import "server-only";
import { z } from "zod";
import { requiredText } from "../validation";
import { defineMutation } from "../use-case";
import { loadLoanInScope } from "./loan-records";

export const ANOMALY_KIND_LABELS = { fraud: "骗贷或虚假材料", changedUse: "改变贷款用途", familyEvent: "家庭重大变故", businessProblem: "经营出现问题" } as const;

/**
 * An anomaly on a loan (P-Risk 二(二)(三)): reported once, seen at once by the county centre,
 * the township, the village and the lending bank (the anomaly list of each).
 */
export const reportAnomaly = defineMutation({
  name: "loan.reportAnomaly",
  roles: ["village_cadre", "township_officer", "county_officer", "bank_officer"],
  input: z.object({
    loanId: z.string(),
    kind: z.enum(Object.keys(ANOMALY_KIND_LABELS) as [keyof typeof ANOMALY_KIND_LABELS], { error: "请选择异常类型" }),
    description: requiredText(1000, "情况说明"),
  }),
  async run({ actor, input, tx, audit }) {
    const loan = await loadLoanInScope(tx, actor, input.loanId);
    const report = await tx.anomalyReport.create({
      data: {
        countyId: loan.countyId, townshipId: loan.townshipId, villageId: loan.villageId, loanId: loan.id, householdId: loan.householdId,
        kind: input.kind, description: input.description, reportedById: actor.userId,
      },
    });
    await audit({ action: "loan.reportAnomaly", entity: "AnomalyReport", entityId: report.id, countyId: loan.countyId, after: input });
    return { id: report.id };
  },
});
