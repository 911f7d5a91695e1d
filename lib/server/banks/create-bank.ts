import "server-only";
import { defineMutation } from "../use-case";
import { bankFields, countyOf, countyTownships, onBankNameTaken } from "./bank-records";

/** Adds a partner bank to the admin's county with the townships it serves (包干). */
export const createBank = defineMutation({
  name: "bank.create",
  roles: ["admin"],
  input: bankFields,
  onUniqueViolation: onBankNameTaken,
  async run({ actor, input: { townshipIds, ...fields }, tx, audit }) {
    const countyId = countyOf(actor);
    const townships = await countyTownships(tx, countyId, townshipIds);
    const bank = await tx.bank.create({ data: { ...fields, countyId } });
    if (townships.length) await tx.bankTownship.createMany({ data: townships.map((townshipId) => ({ bankId: bank.id, townshipId })) });
    await audit({ action: "bank.create", entity: "Bank", entityId: bank.id, countyId, after: { ...bank, townshipIds: townships } });
    return { id: bank.id };
  },
});
