import { defaultIndicatorSheet, DEFAULT_GRADE_BANDS } from "@/lib/domain/credit";
import { prisma } from "./fixtures";

/** The default sheet as version `version` of the county, in force from `from`. */
export async function makeSheet(countyId: string, version = 1, from = "2017-01-01", items = defaultIndicatorSheet.items) {
  return prisma.indicatorSheet.create({
    data: { countyId, version, effectiveFrom: new Date(`${from}T00:00:00Z`), sheet: { items, gradeBands: DEFAULT_GRADE_BANDS } as object },
  });
}

const QUALITATIVE_GOOD = {
  lawAbiding: "yes", familyHarmony: "yes", goodNeighbour: "yes", responsibility: "yes", creditAwareness: "yes", abilityToPerform: "yes",
  labourCapacity: "yes", wishToProsper: "yes", hasProject: "yes", noVice: "none", noArrears: "none", notIdle: "none",
};

/** Answers on the default sheet worth exactly 100 (AAA), 70 (A), 60 (B) or 40 (C) points. */
export const ANSWERS = {
  AAA: { ...QUALITATIVE_GOOD, labourers: "2", incomePerCapita: "10000", assets: "100000", overdueCount: "0" },
  A: { ...QUALITATIVE_GOOD, labourers: "2", incomePerCapita: "0", assets: "0", overdueCount: "2" },
  B: { ...QUALITATIVE_GOOD, labourers: "0", incomePerCapita: "0", assets: "0", overdueCount: "2" },
  C: { ...QUALITATIVE_GOOD, noVice: "some", noArrears: "some", notIdle: "some", labourCapacity: "no", labourers: "0", incomePerCapita: "0", assets: "0", overdueCount: "2" },
} as const;

let seq = 0;
/** A household in the village with the given current grade (null: never rated). */
export async function makeHousehold(village: { id: string; parentId: string | null; countyId: string | null }, grade: "AAA" | "AA" | "A" | "B" | "C" | null = null) {
  seq++;
  const first17 = `41010119900101${String(seq).padStart(3, "0")}`;
  const { idCheckChar } = await import("@/lib/domain/identity");
  return prisma.household.create({
    data: {
      headName: `农户${seq}`, idNumber: first17 + idCheckChar(first17), status: "registeredPoor", membersCount: 3, labourCapacity: "full",
      villageId: village.id, townshipId: village.parentId!, countyId: village.countyId!, creditGrade: grade,
      creditGradedOn: grade ? new Date("2026-01-01T00:00:00Z") : null,
    },
  });
}
