import "server-only";
import { z } from "zod";
import { defineQuery } from "../use-case";
import { countyOf } from "./bank-records";

/** The admin's county's partner banks with the townships each serves and its user count. */
export const listBanks = defineQuery({
  name: "bank.list",
  roles: ["admin"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx }) {
    const countyId = countyOf(actor);
    const banks = await tx.bank.findMany({
      where: { countyId },
      include: { townships: true, _count: { select: { users: true } } },
      orderBy: [{ active: "desc" }, { name: "asc" }],
    });
    const townships = await tx.orgUnit.findMany({
      where: { id: { in: banks.flatMap((b) => b.townships.map((t) => t.townshipId)) } },
      select: { id: true, name: true, code: true },
    });
    const name = new Map(townships.map((t) => [t.id, t]));
    return banks.map((b) => ({
      id: b.id,
      name: b.name,
      branch: b.branch,
      contact: b.contact,
      phone: b.phone,
      active: b.active,
      users: b._count.users,
      townships: b.townships
        .map((t) => name.get(t.townshipId))
        .filter((t): t is NonNullable<typeof t> => !!t)
        .sort((x, y) => x.code.localeCompare(y.code))
        .map((t) => t.name),
    }));
  },
});
