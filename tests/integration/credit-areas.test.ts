import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CreditGrade } from "@/lib/domain/credit";
import { computeCreditAreas } from "@/lib/server/credit/credit-areas";
import { creditOverview } from "@/lib/server/credit/credit-overview";
import { openRatingPublicity } from "@/lib/server/credit/open-rating-publicity";
import { reviewRating } from "@/lib/server/credit/review-rating";
import { saveRating } from "@/lib/server/credit/save-rating";
import { settleDueRatingPublicity } from "@/lib/server/credit/settle-rating-publicity";
import { activeProfile } from "@/lib/server/policy/active-profile";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, seedCalendar, setNow, type TestCounty } from "./fixtures";
import { ANSWERS, makeHousehold, makeSheet } from "./credit-helpers";

let idSeq = 0;
/** Households of a village with the given grades (null: not rated), in one insert. */
async function households(village: { id: string; parentId: string | null; countyId: string | null }, grades: (CreditGrade | null)[]) {
  await prisma.household.createMany({
    data: grades.map((grade) => ({
      headName: `户${++idSeq}`, idNumber: `4101012000${String(idSeq).padStart(8, "0")}`, status: "registeredPoor" as const, membersCount: 2,
      labourCapacity: "full" as const, villageId: village.id, townshipId: village.parentId!, countyId: village.countyId!, creditGrade: grade,
    })),
  });
}
const many = (n: number, g: CreditGrade | null) => Array<CreditGrade | null>(n).fill(g);

describe("credit villages and townships on real rows", () => {
  let c: TestCounty;

  beforeEach(async () => {
    await resetDb();
    setNow("2026-03-02T02:00:00Z");
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    await seedCalendar(c.county.id);
  });
  afterEach(() => setNow(null));

  const status = async (id: string) => {
    const profile = await activeProfile(prisma, c.county.id, "2026-03-02");
    return (await computeCreditAreas(prisma, c.county.id, profile)).find((a) => a.id === id)!;
  };

  it("exactly 70% of rated households is a credit village, just under is not; unrated households do not count", async () => {
    const [v1, v2] = c.townships[0].villages;
    await households(v1, [...many(7, "A"), ...many(3, "B"), ...many(5, null)]); // 7 of 10 rated
    await households(v2, [...many(67, "AA"), ...many(29, "C")]); // 67 of 96 = 69.79%
    expect(await status(v1.id)).toMatchObject({ members: 10, credited: 7, ratio: "0.7000", isCredit: true });
    expect(await status(v2.id)).toMatchObject({ members: 96, credited: 67, ratio: "0.6979", isCredit: false });
  });

  it("a village with no rated household (or none at all) is not a credit village", async () => {
    const [v1, v2] = c.townships[1].villages;
    await households(v1, many(4, null));
    expect(await status(v1.id)).toMatchObject({ members: 0, credited: 0, isCredit: false });
    expect(await status(v2.id)).toMatchObject({ members: 0, isCredit: false });
    expect(await status(c.townships[1].id)).toMatchObject({ members: 2, credited: 0, isCredit: false });
  });

  it("a township is a credit township at exactly 65% of its villages, not at 60%", async () => {
    const t = c.townships[0];
    // 20 villages: the 2 of the fixture and 18 more; each village one household, A (credit) or B.
    for (let i = 3; i <= 20; i++) {
      await prisma.orgUnit.create({ data: { code: `410101001${String(i).padStart(3, "0")}`, name: `村${i}`, level: "village", parentId: t.id, countyId: c.county.id } });
    }
    const villages = await prisma.orgUnit.findMany({ where: { parentId: t.id }, orderBy: { code: "asc" } });
    for (const [i, v] of villages.entries()) await households(v, [i < 13 ? "A" : "B"]);
    expect(await status(t.id)).toMatchObject({ members: 20, credited: 13, ratio: "0.6500", isCredit: true });
    await prisma.household.updateMany({ where: { villageId: villages[0].id }, data: { creditGrade: "C" } });
    expect(await status(t.id)).toMatchObject({ members: 20, credited: 12, isCredit: false });
    // An inactive village no longer counts.
    await prisma.orgUnit.update({ where: { id: villages[19].id }, data: { active: false } });
    expect(await status(t.id)).toMatchObject({ members: 19, credited: 12, isCredit: false });
  });

  it("history rows record when a village and its township gained and lost the status as ratings become final", async () => {
    await makeSheet(c.county.id);
    const t = c.townships[0];
    const [v1, v2] = t.villages;
    const cadre = await makeActor("village_cadre", v1.id);
    const township = await makeActor("township_officer", t.id);
    await households(v1, [...many(6, "A"), ...many(3, "B")]); // 6 of 9: 66.7%
    await households(v2, [...many(7, "AAA"), ...many(3, "C")]); // 70%
    const newcomer = await makeHousehold(v1);
    const later = await makeHousehold(v1);

    const finalise = async (householdId: string, answers: Record<string, string>) => {
      const { id } = await saveRating(cadre, { householdId, intent: "submit", answers });
      await reviewRating(township, { id, decision: "approve" });
      await openRatingPublicity(township, { villageId: v1.id });
    };
    await finalise(newcomer.id, ANSWERS.A);
    setNow("2026-03-10T02:00:00Z");
    expect(await settleDueRatingPublicity(c.county.id)).toBe(1);
    const rows1 = await prisma.creditAreaStatus.findMany({ where: { orgUnitId: v1.id } });
    expect(rows1.map((r) => [r.isCredit, r.since.toISOString().slice(0, 10), r.until, r.members, r.credited, r.ratio.toFixed(4)]))
      .toEqual([[true, "2026-03-10", null, 10, 7, "0.7000"]]);
    // Both villages are credit villages now: the township gained the status too (100% ≥ 65%).
    const tRows = await prisma.creditAreaStatus.findMany({ where: { orgUnitId: t.id } });
    expect(tRows.map((r) => [r.isCredit, r.since.toISOString().slice(0, 10), r.until])).toEqual([[true, "2026-03-10", null]]);

    // A C rating makes it 7 of 11: the village loses the status, and so does the township (50%).
    await finalise(later.id, ANSWERS.C);
    setNow("2026-03-20T02:00:00Z");
    expect(await settleDueRatingPublicity(c.county.id)).toBe(1);
    const rows2 = await prisma.creditAreaStatus.findMany({ where: { orgUnitId: v1.id }, orderBy: { since: "asc" } });
    expect(rows2.map((r) => [r.isCredit, r.since.toISOString().slice(0, 10), r.until?.toISOString().slice(0, 10) ?? null]))
      .toEqual([[true, "2026-03-10", "2026-03-20"], [false, "2026-03-20", null]]);
    const tRows2 = await prisma.creditAreaStatus.findMany({ where: { orgUnitId: t.id }, orderBy: { since: "asc" } });
    expect(tRows2.map((r) => r.isCredit)).toEqual([true, false]);

    const county = await makeActor("county_officer", c.county.id);
    const overview = await creditOverview(county, {});
    const t1 = overview.townships.find((x) => x.id === t.id)!;
    expect(t1).toMatchObject({ isCredit: false, since: "2026-03-20", members: 2, credited: 1 });
    expect(t1.villages.find((v) => v.id === v1.id)).toMatchObject({ isCredit: false, since: "2026-03-20", history: [expect.objectContaining({ isCredit: true, until: "2026-03-20" }), expect.objectContaining({ isCredit: false, until: null })] });
    expect(t1.villages.find((v) => v.id === v2.id)).toMatchObject({ isCredit: true, since: "2026-03-10" });
    expect(overview.thresholds).toEqual({ village: "0.70", township: "0.65" });
    const townshipView = await creditOverview(township, {});
    expect(townshipView.townships.map((x) => x.id)).toEqual([t.id]);
  });
});
