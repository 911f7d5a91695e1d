import "server-only";
import { creditTownshipStatus, creditVillageStatus, DEFAULT_CREDIT_TOWNSHIP_THRESHOLD, DEFAULT_CREDIT_VILLAGE_THRESHOLD } from "@/lib/domain/credit-area";
import type { CreditGrade } from "@/lib/domain/credit";
import type { AuditInput } from "../audit";
import type { Tx } from "../db";
import type { ActiveProfile } from "../policy/active-profile";

export type AreaStatus = {
  id: string;
  code: string;
  name: string;
  level: "township" | "village";
  parentId: string | null;
  /** Rated households of a village, villages of a township. */
  members: number;
  /** Credit households (A or better) of a village, credit villages of a township. */
  credited: number;
  ratio: string;
  isCredit: boolean;
};

export function thresholds(profile: ActiveProfile | null) {
  return {
    village: profile?.settings.credit.creditVillageThreshold ?? DEFAULT_CREDIT_VILLAGE_THRESHOLD,
    township: profile?.settings.credit.creditTownshipThreshold ?? DEFAULT_CREDIT_TOWNSHIP_THRESHOLD,
  };
}

/**
 * Credit villages and townships of a county from the households' current grades (POLICY §5,
 * §15.7): a village by its rated households, a township by its active villages. `townshipIds`
 * narrows the computation to those townships.
 */
export async function computeCreditAreas(tx: Tx, countyId: string, profile: ActiveProfile | null, townshipIds?: string[]): Promise<AreaStatus[]> {
  const t = thresholds(profile);
  const townships = await tx.orgUnit.findMany({
    where: { countyId, level: "township", active: true, ...(townshipIds ? { id: { in: townshipIds } } : {}) },
    orderBy: { code: "asc" },
  });
  const villages = await tx.orgUnit.findMany({
    where: { level: "village", active: true, parentId: { in: townships.map((x) => x.id) } },
    orderBy: { code: "asc" },
  });
  const counts = await tx.household.groupBy({
    by: ["villageId", "creditGrade"],
    where: { villageId: { in: villages.map((v) => v.id) }, creditGrade: { not: null } },
    _count: { _all: true },
  });
  const gradesOf = new Map<string, CreditGrade[]>();
  for (const c of counts) {
    const list = gradesOf.get(c.villageId) ?? [];
    for (let i = 0; i < c._count._all; i++) list.push(c.creditGrade as CreditGrade);
    gradesOf.set(c.villageId, list);
  }
  const out: AreaStatus[] = [];
  const villageFlags = new Map<string, boolean[]>();
  for (const v of villages) {
    const s = creditVillageStatus({ grades: gradesOf.get(v.id) ?? [], threshold: t.village });
    out.push({ id: v.id, code: v.code, name: v.name, level: "village", parentId: v.parentId, members: s.rated, credited: s.credited, ratio: s.ratio, isCredit: s.isCreditVillage });
    const flags = villageFlags.get(v.parentId ?? "") ?? [];
    flags.push(s.isCreditVillage);
    villageFlags.set(v.parentId ?? "", flags);
  }
  for (const tw of townships) {
    const s = creditTownshipStatus({ villages: villageFlags.get(tw.id) ?? [], threshold: t.township });
    out.push({ id: tw.id, code: tw.code, name: tw.name, level: "township", parentId: tw.parentId, members: s.villages, credited: s.creditVillages, ratio: s.ratio, isCredit: s.isCreditTownship });
  }
  return out;
}

/**
 * Brings the credit-area history up to date for the townships given (and their villages): a
 * status that changed closes the open history row on `today` and opens a new one from `today`;
 * an unchanged status only refreshes the open row's counts. Called whenever a rating becomes final.
 */
export async function refreshCreditAreaHistory(o: {
  tx: Tx;
  countyId: string;
  townshipIds: string[];
  today: string;
  profile: ActiveProfile | null;
  audit: (entry: AuditInput) => Promise<void>;
}): Promise<{ gained: string[]; lost: string[] }> {
  const { tx, today } = o;
  const day = new Date(`${today}T00:00:00Z`);
  const statuses = await computeCreditAreas(tx, o.countyId, o.profile, o.townshipIds);
  const open = await tx.creditAreaStatus.findMany({ where: { orgUnitId: { in: statuses.map((s) => s.id) }, until: null } });
  const openOf = new Map(open.map((r) => [r.orgUnitId, r]));
  const gained: string[] = [];
  const lost: string[] = [];
  for (const s of statuses) {
    const row = openOf.get(s.id);
    const counts = { ratio: s.ratio, members: s.members, credited: s.credited };
    if (row && row.isCredit === s.isCredit) {
      await tx.creditAreaStatus.update({ where: { id: row.id }, data: counts });
      continue;
    }
    if (row) await tx.creditAreaStatus.update({ where: { id: row.id }, data: { until: day } });
    await tx.creditAreaStatus.create({ data: { countyId: o.countyId, orgUnitId: s.id, level: s.level, isCredit: s.isCredit, since: day, ...counts } });
    if (s.isCredit) gained.push(s.name);
    else if (row) lost.push(s.name);
    if (row || s.isCredit) {
      await o.audit({ action: s.isCredit ? "credit.areaGained" : "credit.areaLost", entity: "OrgUnit", entityId: s.id, countyId: o.countyId,
        before: row ? { isCredit: row.isCredit } : undefined, after: { isCredit: s.isCredit, ...counts, since: today } });
    }
  }
  return { gained, lost };
}
