import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/domain/roles";
import { orgUnitScope, orgUnitScopeSql } from "@/lib/server/scope";
import { makeActor, makeCounty, prisma, resetDb, type TestCounty } from "./fixtures";

let c: TestCounty;
let other: TestCounty;

/** The ids of the units `where` selects, sorted. */
async function viaPrisma(where: object) {
  return (await prisma.orgUnit.findMany({ where, select: { id: true } })).map((u) => u.id).sort();
}

async function viaSql(scope: { text: string; values: string[] }) {
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT o.id FROM "OrgUnit" o WHERE ${scope.text} ORDER BY o.id`, ...scope.values);
  return rows.map((r) => r.id).sort();
}

describe("orgUnitScopeSql: the prepared statements' scope is orgUnitScope's", () => {
  beforeAll(async () => {
    await resetDb();
    c = await makeCounty("410501");
    other = await makeCounty("410502");
  });

  const cases: [Role, () => string | null][] = [
    ["village_cadre", () => c.townships[1].villages[0].id],
    ["township_officer", () => c.townships[1].id],
    ["county_officer", () => c.county.id],
    ["bank_officer", () => c.county.id],
    ["finance_officer", () => c.county.id],
    ["admin", () => c.county.id],
    ["auditor", () => c.county.id],
    ["auditor", () => null],
  ];

  it.each(cases)("%s: the same units, and none of another county unless system-wide", async (role, unit) => {
    const actor = await makeActor(role, unit());
    const expected = await viaPrisma(orgUnitScope(actor));
    expect(expected.length).toBeGreaterThan(0);
    expect(await viaSql(orgUnitScopeSql(actor, "o", 1))).toEqual(expected);
    const seesOther = expected.includes(other.county.id);
    expect(seesOther).toBe(unit() === null);
  });
});
