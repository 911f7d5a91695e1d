import "server-only";
import { defineQuery } from "../use-case";
import { z } from "zod";
import { LEDGER_ROLES, LedgerFilters, ledgerOptions, loadLedgerPage } from "./ledger-rows";

/**
 * The loan ledger report (贷款台账) on screen: one page of rows, the totals of every matching
 * loan, and the filter options. A page past the last shows the last.
 */
export const loanLedger = defineQuery({
  name: "report.ledger",
  roles: LEDGER_ROLES,
  input: LedgerFilters.extend({ page: z.coerce.number({ error: "页码无效" }).int("页码无效").min(1, "页码无效").max(100_000, "页码无效").optional().default(1) }),
  async run({ actor, input, tx }) {
    const { page, ...filters } = input;
    const [ledger, options] = await Promise.all([loadLedgerPage(tx, actor, filters, page), ledgerOptions(tx, actor)]);
    return { ...ledger, options, filters };
  },
});
