import "server-only";
import { z } from "zod";
import { defineQuery } from "../use-case";
import { countyUnit } from "./org-unit-records";

/** The admin's county with its townships and villages, each with its household count. */
export const listOrgUnits = defineQuery({
  name: "orgUnit.list",
  roles: ["admin"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx }) {
    const county = await countyUnit(tx, actor);
    const units = await tx.orgUnit.findMany({
      where: { countyId: county.id, level: { in: ["township", "village"] } },
      orderBy: { code: "asc" },
    });
    const [byVillage, byTownship] = await Promise.all([
      tx.household.groupBy({ by: ["villageId"], where: { countyId: county.id }, _count: { _all: true } }),
      tx.household.groupBy({ by: ["townshipId"], where: { countyId: county.id }, _count: { _all: true } }),
    ]);
    const households = new Map<string, number>([
      ...byVillage.map((g) => [g.villageId, g._count._all] as const),
      ...byTownship.map((g) => [g.townshipId, g._count._all] as const),
    ]);
    const view = (u: (typeof units)[number]) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      level: u.level,
      active: u.active,
      households: households.get(u.id) ?? 0,
    });
    const townships = units
      .filter((u) => u.level === "township")
      .map((t) => ({ ...view(t), villages: units.filter((v) => v.parentId === t.id).map(view) }));
    return { county: { id: county.id, code: county.code, name: county.name }, townships };
  },
});
