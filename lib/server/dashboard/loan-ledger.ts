import "server-only";
import { defineQuery } from "../use-case";
import { LEDGER_ROLES, LedgerFilters, ledgerOptions, loadLedger } from "./ledger-rows";

/** The loan ledger report (贷款台账) on screen: the rows, their totals and the filter options. */
export const loanLedger = defineQuery({
  name: "report.ledger",
  roles: LEDGER_ROLES,
  input: LedgerFilters,
  async run({ actor, input, tx }) {
    const [ledger, options] = await Promise.all([loadLedger(tx, actor, input), ledgerOptions(tx, actor)]);
    return { ...ledger, options, filters: input };
  },
});
