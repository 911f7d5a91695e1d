import { hash } from "@node-rs/argon2";
import type { PrismaClient } from "@/generated/prisma/client";
import { DEMO_BANKS, DEMO_COUNTY, DEMO_PASSWORD, DEMO_TOWNSHIPS, DEMO_USERS, HOUSEHOLDS_PER_VILLAGE } from "./demo-data";
import { chineseName, idNumber, mobile } from "./demo-people";
import { rng } from "./random";
import { encryptHouseholdData } from "../../lib/server/pii-prisma";

const STATUS_MIX = [
  ...Array(9).fill("registeredPoor"),
  ...Array(6).fill("exitedPoverty"),
  ...Array(2).fill("monitored"),
  "marginal",
  "misregistered",
  "none",
] as const;

const GRADE_MIX = ["AAA", "AA", "AA", "AA", "A", "A", "A", "A", "B", "B", "C", null] as const;

/** Creates the demo county once; returns false when it already exists (idempotent). */
export async function seedDemoCounty(db: PrismaClient): Promise<boolean> {
  if (await db.orgUnit.findUnique({ where: { code: DEMO_COUNTY.code } })) return false;
  const r = rng(20261123);
  await db.$transaction(
    async (tx) => {
      const county = await tx.orgUnit.create({ data: { code: DEMO_COUNTY.code, name: DEMO_COUNTY.name, level: "county" } });
      await tx.orgUnit.update({ where: { id: county.id }, data: { countyId: county.id } });
      const banks = [];
      for (const bank of DEMO_BANKS) banks.push(await tx.bank.create({ data: { ...bank, countyId: county.id } }));

      const unitIds = new Map<string, string>([[county.code, county.id]]);
      const households = [];
      let sequence = 0;
      for (const t of DEMO_TOWNSHIPS) {
        const township = await tx.orgUnit.create({
          data: { code: t.code, name: t.name, level: "township", parentId: county.id, countyId: county.id },
        });
        unitIds.set(t.code, township.id);
        for (const [i, villageName] of t.villages.entries()) {
          const code = `${t.code.slice(0, 9)}${String(i + 1).padStart(3, "0")}`;
          const village = await tx.orgUnit.create({
            data: { code, name: villageName, level: "village", parentId: township.id, countyId: county.id },
          });
          unitIds.set(code, village.id);
          for (let h = 0; h < HOUSEHOLDS_PER_VILLAGE; h++) {
            const gender = r.next() < 0.8 ? "M" : "F";
            const grade = r.pick(GRADE_MIX);
            households.push({
              countyId: county.id,
              townshipId: township.id,
              villageId: village.id,
              headName: chineseName(r, gender),
              idNumber: idNumber(r, DEMO_COUNTY.code.slice(0, 6), gender, sequence++),
              phone: r.next() < 0.85 ? mobile(r) : null,
              address: `${DEMO_COUNTY.name}${t.name}${villageName}${r.int(1, 12)}组${r.int(1, 60)}号`,
              status: r.pick(STATUS_MIX),
              membersCount: r.int(1, 7),
              labourCapacity: r.pick(["full", "full", "full", "partial", "none"] as const),
              // As if the 2026 rating round had been held: most households rated, a few not yet.
              creditGrade: grade,
              creditGradedOn: grade ? new Date("2026-06-30T00:00:00Z") : null,
            });
          }
        }
      }
      // This client has no Household extension (lib/server/db.ts): encrypt as it would.
      await tx.household.createMany({ data: households.map((h) => encryptHouseholdData(h)), skipDuplicates: true });

      const passwordHash = await hash(DEMO_PASSWORD);
      for (const u of DEMO_USERS) {
        await tx.user.create({
          data: {
            username: u.username,
            displayName: u.displayName,
            role: u.role,
            passwordHash,
            orgUnitId: unitIds.get(u.unit)!,
            bankId: "bank" in u ? banks[u.bank].id : null,
            phone: mobile(r),
          },
        });
      }
      await tx.auditEvent.create({
        data: { action: "seed.demoCounty", entity: "OrgUnit", entityId: county.id, countyId: county.id, after: { households: households.length } },
      });
    },
    { timeout: 60_000 },
  );
  return true;
}

export function demoLogins(): string {
  const lines = DEMO_USERS.map((u) => `  ${u.username.padEnd(11)} ${DEMO_PASSWORD}   ${u.displayName}（${u.role}）`);
  return ["演示账号（用户名 / 密码）：", ...lines].join("\n");
}
