import type { PrismaClient } from "@/generated/prisma/client";
import { HOLIDAY_YEARS } from "@/lib/domain/reference/holidays-data";
import { LPR_FIXINGS, PBOC_BENCHMARK_RATES } from "@/lib/domain/reference/rates-data";
import { seedCreditSheet } from "./seed-credit";
import { seedPolicyProfiles } from "./seed-profiles";

function day(date: string) {
  return new Date(`${date}T00:00:00Z`);
}

/** Benchmark and LPR fixings as published (RATES.md); existing rows are left as they are. */
async function seedRates(db: PrismaClient) {
  const rows = [
    ...PBOC_BENCHMARK_RATES.flatMap((r) => [
      { kind: "benchmark" as const, term: "upTo1y", effectiveFrom: day(r.effective), rate: r.upTo1Year },
      { kind: "benchmark" as const, term: "1to5y", effectiveFrom: day(r.effective), rate: r.oneTo5Years },
      { kind: "benchmark" as const, term: "over5y", effectiveFrom: day(r.effective), rate: r.over5Years },
    ]),
    ...LPR_FIXINGS.flatMap((r) => [
      { kind: "lpr" as const, term: "1y", effectiveFrom: day(r.effective), rate: r.oneYear },
      { kind: "lpr" as const, term: "5yPlus", effectiveFrom: day(r.effective), rate: r.fiveYearPlus },
    ]),
  ];
  await db.rateFixing.createMany({ data: rows, skipDuplicates: true });
}

/** The shipped holiday calendars for every county that does not have that day yet. */
async function seedHolidays(db: PrismaClient) {
  const counties = await db.orgUnit.findMany({ where: { level: "county" }, select: { id: true } });
  const days = HOLIDAY_YEARS.flatMap((y) => [
    ...y.holidays.map((d) => ({ date: day(d.date), kind: "holiday" as const, name: d.name })),
    ...y.workdays.map((d) => ({ date: day(d.date), kind: "workday" as const, name: `${d.name}调休上班` })),
  ]);
  for (const county of counties) {
    await db.calendarDay.createMany({ data: days.map((d) => ({ ...d, countyId: county.id })), skipDuplicates: true });
  }
}

/**
 * Reference data every county needs: the holiday calendar, rate fixings and the county's
 * policy profile. Inserts only what is missing, so it never overwrites an admin's edits.
 */
export async function seedReferenceData(db: PrismaClient) {
  await seedRates(db);
  await seedHolidays(db);
  await seedPolicyProfiles(db);
  await seedCreditSheet(db);
}
