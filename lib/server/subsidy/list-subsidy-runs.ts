import "server-only";
import { z } from "zod";
import { defineQuery } from "../use-case";
import { iso, quarterLabel, RUN_STATUS_LABELS, runNumber, runScope } from "./subsidy-records";

/** The claims the actor may see, newest quarter first, with the county's banks for the run form. */
export const listSubsidyRuns = defineQuery({
  name: "subsidy.list",
  roles: ["county_officer", "finance_officer", "bank_officer", "auditor"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx }) {
    const scope = runScope(actor);
    const runs = await tx.subsidyRun.findMany({ where: scope, orderBy: [{ year: "desc" }, { quarter: "desc" }, { serial: "asc" }], take: 200 });
    const banks = await tx.bank.findMany({
      where: { ...(scope.countyId ? { countyId: scope.countyId as string } : {}), ...(actor.role === "bank_officer" ? { id: actor.bankId ?? "" } : {}) },
      select: { id: true, name: true, active: true },
      orderBy: { name: "asc" },
    });
    const bankName = new Map(banks.map((b) => [b.id, b.name]));
    return {
      banks: banks.filter((b) => b.active).map((b) => ({ id: b.id, name: b.name })),
      runs: runs.map((r) => ({
        id: r.id,
        number: runNumber(r),
        bank: bankName.get(r.bankId) ?? "",
        year: r.year,
        quarter: r.quarter,
        quarterLabel: quarterLabel(r.year, r.quarter),
        period: `${iso(r.periodFrom)} 至 ${iso(r.periodTo)}`,
        status: r.status,
        statusLabel: RUN_STATUS_LABELS[r.status],
        total: r.total.toFixed(2),
      })),
    };
  },
});
