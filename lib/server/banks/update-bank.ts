import "server-only";
import { z } from "zod";
import { assertUnchanged, lockRow } from "../concurrency";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { bankFields, bankState, countyTownships, findBankInCounty, onBankNameTaken } from "./bank-records";

const input = bankFields.extend({
  id: z.string({ error: "记录编号无效" }),
  fingerprint: z.string({ error: "请刷新页面后重试" }),
});

/**
 * Edits a partner bank (name, branch, contact, phone, active flag, townships served). The edit
 * applies only to the state the admin saw; a change in between is a conflict.
 */
export const updateBank = defineMutation({
  name: "bank.update",
  roles: ["admin"],
  input,
  onUniqueViolation: onBankNameTaken,
  async run({ actor, input: { id, fingerprint, townshipIds, ...fields }, tx, audit }) {
    await findBankInCounty(tx, actor, id);
    await lockRow(tx, "Bank", id);
    const before = await tx.bank.findUniqueOrThrow({ where: { id } });
    const beforeTownships = (await tx.bankTownship.findMany({ where: { bankId: id } })).map((t) => t.townshipId);
    assertUnchanged(fingerprint, bankState(before, beforeTownships), "合作银行");
    const townships = await countyTownships(tx, before.countyId, townshipIds);
    if (!fields.active && before.active) {
      const users = await tx.user.count({ where: { bankId: id, active: true } });
      if (users > 0) throw AppError.field("active", `该银行还有 ${users} 个在用账户，请先停用这些账户`);
    }
    const after = await tx.bank.update({ where: { id }, data: fields });
    await tx.bankTownship.deleteMany({ where: { bankId: id } });
    if (townships.length) await tx.bankTownship.createMany({ data: townships.map((townshipId) => ({ bankId: id, townshipId })) });
    await audit({
      action: "bank.update",
      entity: "Bank",
      entityId: id,
      countyId: before.countyId,
      before: bankState(before, beforeTownships),
      after: bankState(after, townships),
    });
    return { id };
  },
});
