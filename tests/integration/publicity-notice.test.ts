import { existsSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { chineseDate, getPublicityNotice, noticeText } from "@/lib/server/applications/get-publicity-notice";
import { NOTICE_FONT_PATH, NoticeFontMissingError, publicityNoticePdf, renderPublicityNoticePdf } from "@/lib/server/applications/publicity-notice-pdf";
import { householdInput, makeActor, makeCounty, prisma, resetDb, type TestCounty, validId } from "./fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("the printable publicity notice and its PDF (real PostgreSQL)", () => {
  let c: TestCounty;
  let township: Actor;
  let roundId: string;
  const ids = [validId("410499", "19800101", "123"), validId("410499", "19810202", "234"), validId("410499", "19820303", "345")];

  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("410101");
    township = await makeActor("township_officer", c.townships[0].id);
    const round = await prisma.publicityRound.create({
      data: {
        countyId: c.county.id, townshipId: c.townships[0].id, openedById: township.userId,
        openedOn: new Date("2026-03-02T00:00:00Z"), endsOn: new Date("2026-03-09T00:00:00Z"),
        objectionContact: "乡镇服务站 0375-1234567", issuingUnit: "测试县410101001乡金融扶贫服务站",
      },
    });
    roundId = round.id;
    // Two applications in village 001, one in village 002; one of another round that must not show.
    const villages = [c.townships[0].villages[0], c.townships[0].villages[0], c.townships[0].villages[1]];
    for (let i = 0; i < 4; i++) {
      const village = i < 3 ? villages[i] : c.townships[0].villages[1];
      const h = await prisma.household.create({
        data: {
          ...householdInput({ headName: ["张三", "李四", "王五", "赵六"][i], idNumber: i < 3 ? ids[i] : validId("410499", "19830404", "456") }),
          membersCount: 4, status: "registeredPoor", labourCapacity: "full",
          villageId: village.id, townshipId: c.townships[0].id, countyId: c.county.id,
        },
      });
      await prisma.application.create({
        data: {
          kind: "household", status: i < 3 ? "inPublicity" : "townshipReviewed", countyId: c.county.id, townshipId: c.townships[0].id,
          villageId: village.id, householdId: h.id, amount: ["50000", "30000.5", "20000", "10000"][i], termMonths: [12, 24, 36, 12][i],
          purpose: ["breeding", "planting", "processing", "commerce"][i], projectDescription: "项目", repaymentSource: "收入",
          createdById: township.userId, publicityRoundId: i < 3 ? roundId : null,
        },
      });
    }
  });

  it("lists each village's applications with masked ID numbers, the period, where to object and the issuer", async () => {
    const county = await makeActor("county_officer", c.county.id);
    const notice = await getPublicityNotice(county, { id: roundId });
    expect(notice).toMatchObject({
      number: "GS00001", title: "扶贫小额信贷申请公示", openedOn: "2026-03-02", endsOn: "2026-03-09", issuedOn: "2026-03-02",
      objectionContact: "乡镇服务站 0375-1234567", issuingUnit: "测试县410101001乡金融扶贫服务站",
    });
    expect(notice.villages.map((v) => [v.village, v.rows.length, v.totalAmount])).toEqual([
      ["001乡001村", 2, "80000.50"],
      ["001乡002村", 1, "20000.00"],
    ]);
    expect(notice.villages[0].rows).toEqual([
      { number: "SQ000001", name: "张三", idNumber: `${ids[0].slice(0, 6)}********${ids[0].slice(-4)}`, amount: "50000.00", termMonths: 12, purpose: "养殖" },
      { number: "SQ000002", name: "李四", idNumber: `${ids[1].slice(0, 6)}********${ids[1].slice(-4)}`, amount: "30000.50", termMonths: 24, purpose: "种植" },
    ]);
    // Even county staff, who see full ID numbers elsewhere, get a masked public notice.
    for (const id of ids) expect(JSON.stringify(notice)).not.toContain(id);

    const text = noticeText(notice, notice.villages[0]);
    expect(text.period).toBe("公示期：2026年3月2日至2026年3月9日。");
    expect(text.objection).toContain("乡镇服务站 0375-1234567");
    expect(text.heading).toBe("测试县410101001乡001乡001村");
    expect(text.date).toBe("2026年3月2日");
    expect(chineseDate("2026-12-31")).toBe("2026年12月31日");
  });

  it("shows a village cadre only their own village, and the round to no one outside it", async () => {
    const cadre = await makeActor("village_cadre", c.townships[0].villages[1].id);
    const own = await getPublicityNotice(cadre, { id: roundId });
    expect(own.villages.map((v) => v.village)).toEqual(["001乡002村"]);

    const auditor = await makeActor("auditor", null);
    expect((await getPublicityNotice(auditor, { id: roundId })).villages).toHaveLength(2);
    expect((await getPublicityNotice(township, { id: roundId })).villages).toHaveLength(2);

    const otherTownship = await makeActor("township_officer", c.townships[1].id);
    expect((await rejection(getPublicityNotice(otherTownship, { id: roundId }))).code).toBe("NOT_FOUND");
    const otherCadre = await makeActor("village_cadre", c.townships[1].villages[0].id);
    expect((await rejection(getPublicityNotice(otherCadre, { id: roundId }))).code).toBe("NOT_FOUND");
    const other = await makeCounty("420202");
    const otherCounty = await makeActor("county_officer", other.county.id);
    expect((await rejection(getPublicityNotice(otherCounty, { id: roundId }))).code).toBe("NOT_FOUND");
    expect((await rejection(getPublicityNotice(otherCounty, { id: "nope" }))).code).toBe("NOT_FOUND");
    const bank = await makeActor("bank_officer", c.county.id);
    expect((await rejection(getPublicityNotice(bank, { id: roundId }))).code).toBe("FORBIDDEN");
    expect((await rejection(publicityNoticePdf(otherCadre, { id: roundId }))).code).toBe("NOT_FOUND");
  });

  // Needs Debian's fonts-noto-cjk (installed by .ci/run with chromium).
  it("renders the notice as a PDF, one A4 page per village", async () => {
    expect(existsSync(NOTICE_FONT_PATH), `install fonts-noto-cjk (${NOTICE_FONT_PATH})`).toBe(true);
    const result = await publicityNoticePdf(township, { id: roundId });
    expect(result.fileName).toBe("扶贫小额信贷申请公示-GS00001.pdf");
    expect(result.bytes.length).toBeGreaterThan(1000);
    const pdf = Buffer.from(result.bytes).toString("latin1");
    expect(pdf.startsWith("%PDF")).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect(pdf).toContain("/MediaBox [0 0 595.28 841.89]");
    expect(pdf).toContain("NotoSansCJKsc-Regular");
  });

  it("a long list continues on further pages", async () => {
    const notice = await getPublicityNotice(township, { id: roundId });
    const village = notice.villages[0];
    const long = { ...notice, villages: [{ ...village, rows: Array.from({ length: 60 }, (_, i) => ({ ...village.rows[0], number: `SQ${i}` })) }] };
    const pdf = (await renderPublicityNoticePdf(long)).toString("latin1");
    expect(pdf.match(/\/Type \/Page\b/g)!.length).toBeGreaterThanOrEqual(2);
  });

  it("without the CJK font, says so instead of printing boxes", async () => {
    const notice = await getPublicityNotice(township, { id: roundId });
    await expect(renderPublicityNoticePdf(notice, "/nonexistent/NotoSansCJK-Regular.ttc")).rejects.toBeInstanceOf(NoticeFontMissingError);
  });
});
