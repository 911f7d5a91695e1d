import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { defineQuery } from "../use-case";
import { householdCap, villageHouseholdFacts } from "./household-facts";
import { loadApplicationInScope } from "./load-application";

/** What the village cadre's application form needs: the village's households with their eligibility facts. */
export const applicationFormData = defineQuery({
  name: "application.formData",
  roles: ["village_cadre"],
  input: z.object({ id: z.string().optional() }),
  async run({ actor, input: { id }, tx, now }) {
    const village = await tx.orgUnit.findFirst({ where: { id: actor.villageId ?? "", level: "village" } });
    if (!village?.countyId) throw new AppError("FORBIDDEN", "您的账户未关联有效的村。");
    const today = shanghaiToday(now);
    const profile = await activeProfile(tx, village.countyId, today);
    const existing = id ? await loadApplicationInScope(tx, actor, id) : null;
    if (existing && existing.status !== "draft" && existing.status !== "returned") {
      throw new AppError("CONFLICT", "该申请已提交，不能再修改。");
    }
    const households = await villageHouseholdFacts(tx, { countyId: village.countyId, villageId: village.id, today, profile, excludeApplicationId: existing?.id });
    return {
      villageName: village.name,
      households,
      cap: householdCap(profile),
      initial: (existing
        ? {
            id: existing.id,
            version: String(existing.version),
            householdId: existing.householdId ?? "",
            amount: existing.amount.toFixed(2),
            termMonths: String(existing.termMonths),
            purpose: existing.purpose,
            projectDescription: existing.projectDescription,
            repaymentSource: existing.repaymentSource,
            cooperationPartner: existing.cooperationPartner ?? "",
          }
        : {}) as Record<string, string>,
    };
  },
});
