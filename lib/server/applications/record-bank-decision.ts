import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { defineMutation } from "../use-case";
import { applyBankDecision } from "./apply-bank-decision";
import { bankDecisionFields } from "./bank-decision-input";
import { loadApplicationInScope } from "./load-application";

/** A bank officer (or county staff on the bank's behalf) records the decision on one application. */
export const recordBankDecision = defineMutation({
  name: "application.bankDecide",
  roles: ["bank_officer", "county_officer"],
  input: z.intersection(z.object({ id: z.string() }), bankDecisionFields),
  async run({ actor, input, tx, audit, now }) {
    const app = await loadApplicationInScope(tx, actor, input.id);
    const { id, ...decision } = input;
    const result = await applyBankDecision({ tx, actor, audit, application: app, decision, today: shanghaiToday(now) });
    return { id, ...result };
  },
});
