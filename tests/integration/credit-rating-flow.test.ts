import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { createIndicatorSheet } from "@/lib/server/credit/create-indicator-sheet";
import { getRating } from "@/lib/server/credit/get-rating";
import { getRatingPublicityNotice } from "@/lib/server/credit/get-rating-publicity-notice";
import { openRatingPublicity } from "@/lib/server/credit/open-rating-publicity";
import { recordRatingObjection } from "@/lib/server/credit/record-rating-objection";
import { resolveRatingObjection } from "@/lib/server/credit/resolve-rating-objection";
import { reviewRating } from "@/lib/server/credit/review-rating";
import { saveRating } from "@/lib/server/credit/save-rating";
import { settleDueRatingPublicity } from "@/lib/server/credit/settle-rating-publicity";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, seedCalendar, setNow, type TestCounty } from "./fixtures";
import { ANSWERS, makeHousehold, makeSheet } from "./credit-helpers";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("credit rating: collection, review, publicity, objections (real PostgreSQL)", () => {
  let c: TestCounty;
  let cadre: Actor, township: Actor, county: Actor, admin: Actor;
  let village: TestCounty["townships"][number]["villages"][number];

  beforeEach(async () => {
    await resetDb();
    setNow("2026-03-02T02:00:00Z"); // Monday 2 March 2026
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    await seedCalendar(c.county.id);
    village = c.townships[0].villages[0];
    cadre = await makeActor("village_cadre", village.id);
    township = await makeActor("township_officer", c.townships[0].id);
    county = await makeActor("county_officer", c.county.id);
    admin = await makeActor("admin", c.county.id);
    await makeSheet(c.county.id);
  });

  afterEach(() => setNow(null));

  async function rateAndApprove(householdId: string, answers: Record<string, string> = ANSWERS.A) {
    const { id } = await saveRating(cadre, { householdId, intent: "submit", answers });
    await reviewRating(township, { id, decision: "approve" });
    return id;
  }

  it("a cadre rates, the township approves, publicity passes the day after its last day: final, grade on the household", async () => {
    const h = await makeHousehold(village);
    const saved = await saveRating(cadre, { householdId: h.id, intent: "submit", answers: ANSWERS.A });
    expect(saved).toMatchObject({ score: "70.00", grade: "A", status: "submitted" });
    await reviewRating(township, { id: saved.id, decision: "approve" });
    const round = await openRatingPublicity(township, { villageId: village.id });
    expect(round.endsOn).toBe("2026-03-09");
    const notice = await getRatingPublicityNotice(cadre, { id: round.id });
    expect(notice.rows).toEqual([expect.objectContaining({ name: h.headName, score: "70.00", grade: "A" })]);
    expect(notice.rows[0].idNumber).toContain("*");

    setNow("2026-03-09T15:00:00Z"); // 23:00 on the last day in Shanghai
    expect(await settleDueRatingPublicity(c.county.id)).toBe(0);
    setNow("2026-03-09T16:00:00Z");
    expect(await settleDueRatingPublicity(c.county.id)).toBe(1);
    const rating = await prisma.creditRating.findUniqueOrThrow({ where: { id: saved.id } });
    expect(rating.status).toBe("final");
    const household = await prisma.household.findUniqueOrThrow({ where: { id: h.id } });
    expect(household.creditGrade).toBe("A");
    expect(household.creditGradedOn?.toISOString().slice(0, 10)).toBe("2026-03-10");
    expect((await prisma.ratingPublicityRound.findUniqueOrThrow({ where: { id: round.id } })).status).toBe("closed");

    // A second rating replaces the first: the old one is superseded, history kept.
    setNow("2026-04-01T02:00:00Z");
    const second = await rateAndApprove(h.id, ANSWERS.AAA);
    await openRatingPublicity(cadre, { villageId: village.id });
    setNow("2026-04-20T02:00:00Z");
    await settleDueRatingPublicity(c.county.id);
    const all = await prisma.creditRating.findMany({ where: { householdId: h.id }, orderBy: { serial: "asc" } });
    expect(all.map((r) => [r.id, r.status])).toEqual([[saved.id, "superseded"], [second, "final"]]);
    expect((await prisma.household.findUniqueOrThrow({ where: { id: h.id } })).creditGrade).toBe("AAA");
    const detail = await getRating(township, { id: second });
    expect(detail.history.map((e) => e.action)).toEqual(["credit.submitRating", "credit.approveRating", "credit.startRatingPublicity", "credit.finaliseRating"]);
  });

  it("missing and wrong answers are reported at each item and nothing is written", async () => {
    const h = await makeHousehold(village);
    const { labourers: _l, ...rest } = ANSWERS.A;
    void _l;
    const error = await rejection(saveRating(cadre, { householdId: h.id, intent: "submit", answers: { ...rest, lawAbiding: "maybe", assets: "-5" } }));
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["answers.assets", "answers.labourers", "answers.lawAbiding"]);
    expect(error.fieldErrors?.["answers.labourers"]?.[0]).toContain("家庭劳动力人数");
    expect(await prisma.creditRating.count()).toBe(0);
  });

  it("a household has one rating in progress at a time; another village's cadre cannot rate it", async () => {
    const h = await makeHousehold(village);
    await saveRating(cadre, { householdId: h.id, intent: "submit", answers: ANSWERS.A });
    expect((await rejection(saveRating(cadre, { householdId: h.id, intent: "submit", answers: ANSWERS.A }))).code).toBe("CONFLICT");
    const stranger = await makeActor("village_cadre", c.townships[0].villages[1].id);
    expect((await rejection(saveRating(stranger, { householdId: h.id, intent: "submit", answers: ANSWERS.A }))).code).toBe("NOT_FOUND");
  });

  it("a return needs a reason; the returned rating is redone and submitted again", async () => {
    const h = await makeHousehold(village);
    const { id } = await saveRating(cadre, { householdId: h.id, intent: "submit", answers: ANSWERS.B });
    expect((await rejection(reviewRating(township, { id, decision: "return" }))).fieldErrors?.reason).toBeDefined();
    await reviewRating(township, { id, decision: "return", reason: "劳动力人数与户籍不符" });
    const again = await saveRating(cadre, { householdId: h.id, ratingId: id, intent: "submit", answers: ANSWERS.A });
    expect(again).toMatchObject({ id, grade: "A", status: "submitted" });
  });

  it("an upheld objection sends the rating back to the cadre; a dismissed one lets it pass", async () => {
    const h1 = await makeHousehold(village);
    const h2 = await makeHousehold(village);
    const r1 = await rateAndApprove(h1.id, ANSWERS.AAA);
    const r2 = await rateAndApprove(h2.id, ANSWERS.A);
    await openRatingPublicity(township, { villageId: village.id });
    const o1 = await recordRatingObjection(cadre, { ratingId: r1, objector: "王某", content: "该户有赌博行为" });
    const o2 = await recordRatingObjection(township, { ratingId: r2, objector: "李某", content: "收入偏高" });
    setNow("2026-03-10T02:00:00Z");
    expect(await settleDueRatingPublicity(c.county.id)).toBe(0);

    expect((await rejection(resolveRatingObjection(cadre, { objectionId: o1.id, outcome: "upheld", resolution: "属实" }))).code).toBe("FORBIDDEN");
    await resolveRatingObjection(township, { objectionId: o1.id, outcome: "upheld", resolution: "经核实属实，重新评定" });
    await resolveRatingObjection(county, { objectionId: o2.id, outcome: "dismissed", resolution: "经核实收入属实" });
    expect((await prisma.creditRating.findUniqueOrThrow({ where: { id: r1 } })).status).toBe("returned");
    expect(await settleDueRatingPublicity(c.county.id)).toBe(1);
    expect((await prisma.creditRating.findUniqueOrThrow({ where: { id: r2 } })).status).toBe("final");
    expect((await prisma.household.findUniqueOrThrow({ where: { id: h1.id } })).creditGrade).toBeNull();

    // Re-rating: the cadre redoes it, and it goes through review and publicity again.
    const redo = await saveRating(cadre, { householdId: h1.id, ratingId: r1, intent: "submit", answers: ANSWERS.C });
    expect(redo.grade).toBe("C");
    await reviewRating(township, { id: r1, decision: "approve" });
    await openRatingPublicity(township, { villageId: village.id });
    setNow("2026-03-20T02:00:00Z");
    expect(await settleDueRatingPublicity(c.county.id)).toBe(1);
    expect((await prisma.household.findUniqueOrThrow({ where: { id: h1.id } })).creditGrade).toBe("C");
  });

  it("a new sheet version takes effect from its date and never rewrites earlier ratings", async () => {
    const h = await makeHousehold(village);
    const first = await rateAndApprove(h.id, ANSWERS.A);
    const before = await prisma.creditRating.findUniqueOrThrow({ where: { id: first } });

    const form: Record<string, string> = { effectiveFrom: "2026-03-05", "bands.AAA": "95", "bands.AA": "85", "bands.A": "75", "bands.B": "60" };
    form["items.0.label"] = "遵纪守法";
    form["items.0.group"] = "三好三强";
    form["items.0.kind"] = "qualitative";
    form["items.0.maxPoints"] = "50";
    form["items.0.choices"] = "是=50；否=0";
    form["items.1.label"] = "家庭劳动力";
    form["items.1.group"] = "量化指标";
    form["items.1.kind"] = "quantitative";
    form["items.1.maxPoints"] = "50";
    form["items.1.choices"] = "0=0；1=30；2=50";
    form["items.1.unit"] = "人";
    expect((await rejection(createIndicatorSheet(admin, { ...form, effectiveFrom: "2026-03-01" }))).fieldErrors?.effectiveFrom).toBeDefined();
    const bad = await rejection(createIndicatorSheet(admin, { ...form, "items.1.choices": "0=0；1=60" }));
    expect(bad.fieldErrors?.["items.1.choices"]?.[0]).toContain("分值须在 0 到满分 50 之间");
    expect((await rejection(createIndicatorSheet(cadre, form))).code).toBe("FORBIDDEN");
    const v2 = await createIndicatorSheet(admin, form);
    expect(v2).toMatchObject({ version: 2, maxScore: "100" });

    // Before 5 March, version 1 is still in force.
    const h2 = await makeHousehold(village);
    expect((await saveRating(cadre, { householdId: h2.id, intent: "save", answers: ANSWERS.A })).grade).toBe("A");
    setNow("2026-03-05T02:00:00Z");
    const h3 = await makeHousehold(village);
    const onV2 = await saveRating(cadre, { householdId: h3.id, intent: "submit", answers: { custom1: "是", custom2: "1" } });
    // 80 points: AA under the default bands, A under version 2's (AA from 85).
    expect(onV2).toMatchObject({ score: "80.00", grade: "A" });
    expect((await rejection(saveRating(cadre, { householdId: (await makeHousehold(village)).id, intent: "submit", answers: ANSWERS.A }))).code).toBe("VALIDATION");

    const after = await prisma.creditRating.findUniqueOrThrow({ where: { id: first } });
    expect([after.sheetId, after.score.toFixed(2), after.grade, after.answers]).toEqual([before.sheetId, "70.00", "A", before.answers]);
    expect((await getRating(township, { id: first })).sheetVersion).toBe(1);
  });
});

describe("settling rating publicity from several pages at once", () => {
  it("finalises each rating once, with no conflict for anyone", async () => {
    await resetDb();
    setNow("2026-03-02T02:00:00Z");
    const c = await makeCounty("410102");
    await activateProfile(c.county.id);
    await seedCalendar(c.county.id);
    await makeSheet(c.county.id);
    const village = c.townships[0].villages[0];
    const cadre = await makeActor("village_cadre", village.id);
    const township = await makeActor("township_officer", c.townships[0].id);
    for (let i = 0; i < 3; i++) {
      const h = await makeHousehold(village);
      const { id } = await saveRating(cadre, { householdId: h.id, intent: "submit", answers: ANSWERS.AAA });
      await reviewRating(township, { id, decision: "approve" });
    }
    await openRatingPublicity(township, { villageId: village.id });
    setNow("2026-03-10T02:00:00Z");
    const results = await Promise.all(Array.from({ length: 5 }, () => settleDueRatingPublicity(c.county.id)));
    expect(results.reduce((a, b) => a + b, 0)).toBe(3);
    expect(await prisma.auditEvent.count({ where: { action: "credit.finaliseRating" } })).toBe(3);
    expect(await prisma.creditAreaStatus.count({ where: { orgUnitId: village.id } })).toBe(1);
    setNow(null);
  });
});
