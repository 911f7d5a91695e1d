import "server-only";
import { z } from "zod";
import { fingerprint } from "../concurrency";
import { defineQuery } from "../use-case";
import { bankState, findBankInCounty } from "./bank-records";

/** One partner bank of the admin's county, for the edit form (with its fingerprint). */
export const getBank = defineQuery({
  name: "bank.get",
  roles: ["admin"],
  input: z.object({ id: z.string() }),
  async run({ actor, input: { id }, tx }) {
    const bank = await findBankInCounty(tx, actor, id);
    const townships = await tx.bankTownship.findMany({ where: { bankId: id }, select: { townshipId: true } });
    const state = bankState(bank, townships.map((t) => t.townshipId));
    return { id: bank.id, ...state, fingerprint: fingerprint(state) };
  },
});
