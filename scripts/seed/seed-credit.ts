import type { PrismaClient } from "@/generated/prisma/client";
import { defaultIndicatorSheet, gradeBandsFromMinima } from "@/lib/domain/credit";
import { PolicyProfileSettings } from "@/lib/domain/policy-profile";
import { DEMO_COUNTY } from "./demo-data";

/**
 * The demo county's credit indicator sheet, version 1: the default 三好三强 / 三有三无 /
 * quantitative sheet with the grade bands of its policy profile, in force since the profile's
 * date. Inserted only when the county has no sheet yet, so an admin's versions are never touched.
 */
export async function seedCreditSheet(db: PrismaClient) {
  const county = await db.orgUnit.findUnique({ where: { code: DEMO_COUNTY.code } });
  if (!county) return;
  if (await db.indicatorSheet.findFirst({ where: { countyId: county.id } })) return;
  const profile = await db.policyProfile.findFirst({ where: { countyId: county.id, status: "active" }, orderBy: { version: "desc" } });
  const settings = profile ? PolicyProfileSettings.safeParse(profile.settings) : null;
  const minima = settings?.success ? settings.data.credit.bands : { AAA: 90, AA: 80, A: 70, B: 60 };
  await db.indicatorSheet.create({
    data: {
      countyId: county.id,
      version: 1,
      effectiveFrom: profile?.effectiveFrom ?? new Date("2017-08-28T00:00:00Z"),
      sheet: { items: defaultIndicatorSheet.items, gradeBands: gradeBandsFromMinima(minima) } as object,
    },
  });
}
