import "server-only";
import { z } from "zod";
import { defineMutation } from "../use-case";
import { loadRunInScope, moveRun } from "./subsidy-records";

/** The finance bureau reviews and approves a certified claim for payment (issue 7, step 3). */
export const approveSubsidyRun = defineMutation({
  name: "subsidy.approve",
  roles: ["finance_officer"],
  input: z.object({ id: z.string() }),
  async run({ actor, input, tx, audit, now }) {
    const run = await loadRunInScope(tx, actor, input.id);
    await moveRun(tx, run, "certified", "approved", { approvedById: actor.userId, approvedAt: now });
    await audit({
      action: "subsidy.approve", entity: "SubsidyRun", entityId: run.id, countyId: run.countyId,
      before: { status: run.status }, after: { status: "approved", total: run.total },
    });
    return { id: run.id };
  },
});
