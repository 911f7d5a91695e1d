import "server-only";
import { D } from "@/lib/domain/decimal";
import type { HouseholdLoanCap } from "@/lib/domain/eligibility";
import type { Tx } from "../db";
import type { ActiveProfile } from "../policy/active-profile";
import { villageHalt } from "../risk/area-breaker";

/** Applications that will become a loan unless someone stops them: they count toward the cap. */
export const IN_FLIGHT_STATUSES = [
  "submitted", "townshipReviewed", "inPublicity", "objection", "publicityPassed", "countyApproved", "batched", "bankApproved",
] as const;

export type HouseholdFacts = {
  householdId: string;
  headName: string;
  householdStatus: "registeredPoor" | "exitedPoverty" | "monitored" | "marginal" | "misregistered" | "none";
  creditGrade: "AAA" | "AA" | "A" | "B" | "C" | null;
  blacklisted: boolean;
  areaHalted: boolean;
  /** Outstanding household microcredit plus applications still in flight, in yuan. */
  outstanding: string;
};

/**
 * What eligibility needs to know about the households of one village (POLICY §2–3, §15.1):
 * status, grade, blacklist, whether the area is halted, and what is already borrowed or asked for.
 */
export async function villageHouseholdFacts(
  tx: Tx,
  o: { countyId: string; villageId: string; today: string; profile: ActiveProfile; householdIds?: string[]; excludeApplicationId?: string },
): Promise<HouseholdFacts[]> {
  const households = await tx.household.findMany({
    where: { villageId: o.villageId, ...(o.householdIds ? { id: { in: o.householdIds } } : {}) },
    select: { id: true, headName: true, status: true, creditGrade: true },
    orderBy: { headName: "asc" },
  });
  const ids = households.map((h) => h.id);
  const [loans, applications, blacklist, halt] = await Promise.all([
    tx.loan.groupBy({
      by: ["householdId"],
      where: { householdId: { in: ids }, kind: "household", status: { notIn: ["repaid", "writtenOffCaseKept"] } },
      _sum: { outstandingPrincipal: true },
    }),
    tx.application.groupBy({
      by: ["householdId"],
      where: { householdId: { in: ids }, status: { in: [...IN_FLIGHT_STATUSES] }, ...(o.excludeApplicationId ? { id: { not: o.excludeApplicationId } } : {}) },
      _sum: { amount: true },
    }),
    // An entry awaiting approval of its removal is still in force.
    tx.blacklistEntry.findMany({ where: { householdId: { in: ids }, status: { in: ["active", "removalPending"] } }, select: { householdId: true } }),
    villageHalt(tx, o.countyId, o.villageId, o.today, o.profile),
  ]);
  const owed = new Map<string, InstanceType<typeof D>>();
  for (const row of [...loans.map((l) => ({ id: l.householdId, v: l._sum.outstandingPrincipal })), ...applications.map((a) => ({ id: a.householdId, v: a._sum.amount }))]) {
    if (!row.id || row.v === null) continue;
    owed.set(row.id, (owed.get(row.id) ?? new D(0)).plus(row.v.toString()));
  }
  const blacklisted = new Set(blacklist.map((b) => b.householdId));
  return households.map((h) => ({
    householdId: h.id,
    headName: h.headName,
    householdStatus: h.status,
    creditGrade: h.creditGrade,
    blacklisted: blacklisted.has(h.id),
    areaHalted: halt.halted,
    outstanding: (owed.get(h.id) ?? new D(0)).toFixed(2),
  }));
}

/** The household loan cap of a profile in the shape the eligibility check takes. */
export function householdCap(profile: ActiveProfile): HouseholdLoanCap {
  const cap = profile.settings.householdLoanCap;
  if (cap.amount === null || cap.termMonths === null || cap.minGrade === null) {
    throw new Error("active profile without a household loan cap");
  }
  return { amount: cap.amount, termMonths: cap.termMonths, minGrade: cap.minGrade, eligibleStatuses: cap.eligibleStatuses };
}
