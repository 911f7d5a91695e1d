import type { Role } from "@/lib/domain/roles";
import { idCheckChar } from "@/lib/domain/identity";
import type { Actor } from "@/lib/server/actor";
import { actorFromUser } from "@/lib/server/actor-from-user";
import type { PolicyProfileSettings as PolicySettings } from "@/lib/domain/policy-profile";
import { profileTemplate } from "@/lib/domain/profile-templates";
import { HOLIDAY_YEARS } from "@/lib/domain/reference/holidays-data";
import { prisma } from "@/lib/server/db";

export { prisma };

/** Empties every table (the migrations table aside) between tests. */
export async function resetDb() {
  const tables = await prisma.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  // The audit trail refuses TRUNCATE unless the session declares maintenance (audit_chain migration).
  await prisma.$transaction([
    prisma.$executeRawUnsafe(`SET LOCAL microcredit.audit_maintenance = 'on'`),
    prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`),
  ]);
}

export type TestCounty = Awaited<ReturnType<typeof makeCounty>>;

/** A county `code6` with townships 001 and 002, each with villages 001 and 002. */
export async function makeCounty(code6: string, name = `测试县${code6}`) {
  const county = await prisma.orgUnit.create({ data: { code: `${code6}000000`, name, level: "county" } });
  await prisma.orgUnit.update({ where: { id: county.id }, data: { countyId: county.id } });
  const townships = [];
  for (const t of ["001", "002"]) {
    const township = await prisma.orgUnit.create({
      data: { code: `${code6}${t}000`, name: `${name}${t}乡`, level: "township", parentId: county.id, countyId: county.id },
    });
    const villages = [];
    for (const v of ["001", "002"]) {
      villages.push(
        await prisma.orgUnit.create({
          data: { code: `${code6}${t}${v}`, name: `${t}乡${v}村`, level: "village", parentId: township.id, countyId: county.id },
        }),
      );
    }
    townships.push({ ...township, villages });
  }
  return { county, townships };
}

let userSeq = 0;
/** A user of `role` at `orgUnitId` (null: a system-wide auditor), returned as an Actor. */
export async function makeActor(role: Role, orgUnitId: string | null): Promise<Actor> {
  const user = await prisma.user.create({
    data: { username: `u${++userSeq}-${role}`, displayName: `测试${role}`, role, orgUnitId, passwordHash: "x" },
    include: { orgUnit: true },
  });
  const actor = actorFromUser(user);
  if (!actor) throw new Error(`bad test actor ${role}@${orgUnitId}`);
  return actor;
}

/** A valid GB 11643 number: area code, birth date and a sequence; check digit computed. */
export function validId(area = "410499", birth = "19800101", seq = "123"): string {
  const first17 = `${area}${birth}${seq}`;
  return first17 + idCheckChar(first17);
}

export function householdInput(overrides: Record<string, unknown> = {}) {
  return {
    headName: "张三",
    idNumber: validId(),
    phone: "13800138000",
    address: "一组 5 号",
    status: "registeredPoor",
    membersCount: "4",
    labourCapacity: "full",
    notes: "",
    ...overrides,
  };
}

/** An active policy profile (Pingdingshan scheme 1, joint shares filled) for the county. */
export async function activateProfile(countyId: string, overrides: (s: PolicySettings) => void = () => {}) {
  const template = profileTemplate("pingdingshan_scheme1");
  for (const share of template.settings.sharing.ratios.nonagri_enterprise ?? []) if (share.ratio === null) share.ratio = "0.25";
  overrides(template.settings);
  return prisma.policyProfile.create({
    data: {
      countyId, name: "测试参数", template: template.id, version: 1, status: "active",
      effectiveFrom: new Date("2017-01-01T00:00:00Z"), settings: template.settings,
    },
  });
}

/** The shipped holiday calendars for the county. */
export async function seedCalendar(countyId: string) {
  const rows = HOLIDAY_YEARS.flatMap((y) => [
    ...y.holidays.map((d) => ({ countyId, date: new Date(`${d.date}T00:00:00Z`), kind: "holiday" as const, name: d.name })),
    ...y.workdays.map((d) => ({ countyId, date: new Date(`${d.date}T00:00:00Z`), kind: "workday" as const, name: d.name })),
  ]);
  await prisma.calendarDay.createMany({ data: rows });
}

/** Moves the server clock (lib/server/clock.ts) for the rest of the test. */
export function setNow(iso: string | null) {
  process.env.PORTAL_ALLOW_FAKE_CLOCK = "1";
  if (iso) process.env.PORTAL_FAKE_NOW = iso;
  else delete process.env.PORTAL_FAKE_NOW;
}
