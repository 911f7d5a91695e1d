import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { importRatings } from "@/lib/server/credit/import-ratings";
import { ratingTemplate } from "@/lib/server/credit/rating-template";
import { saveRating } from "@/lib/server/credit/save-rating";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, setNow, type TestCounty } from "./fixtures";
import { ANSWERS, makeHousehold, makeSheet } from "./credit-helpers";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Fills the downloaded template: `fill(row cells by header)` for each data row; returns the file. */
async function filled(template: Uint8Array, fill: (cells: Record<string, string>, rowNumber: number) => Record<string, string> | null) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(template) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const headers: string[] = [];
  ws.getRow(1).eachCell((cell, col) => (headers[col] = String(cell.value)));
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Record<string, string> = {};
    headers.forEach((h, col) => h && (cells[h] = String(row.getCell(col).value ?? "")));
    const values = fill(cells, r);
    if (values) headers.forEach((h, col) => h && values[h] !== undefined && (row.getCell(col).value = values[h]));
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const LABELS: Record<string, string> = {
  遵纪守法好: "是", 家庭和睦好: "是", 邻里团结好: "是", 责任意识强: "是", 诚信意识强: "是", 履约能力强: "是",
  有劳动能力: "有", 有致富愿望: "有", 有致富项目: "有", "无赌博、吸毒、嫖娼等不良行为": "无", 无拖欠贷款及失信记录: "无", 无游手好闲: "无",
  "家庭劳动力人数（人）": "2", "家庭人均纯收入（元/年）": "0", "家庭资产（元）": "0", "近三年贷款逾期次数（次）": "2",
};

describe("bulk rating collection from the portal's workbook (real PostgreSQL)", () => {
  let c: TestCounty;
  let cadre: Actor;
  let hs: Awaited<ReturnType<typeof makeHousehold>>[];

  beforeEach(async () => {
    await resetDb();
    setNow("2026-03-02T02:00:00Z");
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    await makeSheet(c.county.id);
    const village = c.townships[0].villages[0];
    cadre = await makeActor("village_cadre", village.id);
    hs = [];
    for (let i = 0; i < 4; i++) hs.push(await makeHousehold(village));
    await makeHousehold(c.townships[0].villages[1]); // another village: not in the template
  });
  afterEach(() => setNow(null));

  it("offers a template of the village's households × the sheet's items", async () => {
    await saveRating(cadre, { householdId: hs[3].id, intent: "save", answers: ANSWERS.A }); // in progress: left out
    const file = await ratingTemplate(cadre, {});
    expect(file.fileName).toBe("001乡001村信用评级采集表.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, "农户编号", "户主姓名", "身份证号", ...Object.keys(LABELS)]);
    expect(ws.rowCount).toBe(4);
    expect(wb.getWorksheet("说明")?.getCell("A1").value).toContain("第 1 版");
  });

  it("one bad row: nothing is written and every problem is listed by row and column", async () => {
    const template = (await ratingTemplate(cadre, {})).bytes;
    const file = await filled(template, (cells, r) => {
      if (r === 2) return { ...LABELS };
      if (r === 3) return { ...LABELS, 遵纪守法好: "也许", "家庭资产（元）": "很多" };
      if (r === 4) return { ...LABELS, 有致富项目: "" };
      return null; // row 5 left empty: not rated
    });
    const error = await rejection(importRatings(cadre, { file }));
    expect(error.message).toBe("评级采集表有 3 处错误，未写入任何数据。");
    expect(error.fieldErrors?.file).toEqual([
      "第 3 行「遵纪守法好」：指标“遵纪守法好”没有“也许”这一选项",
      "第 3 行「家庭资产（元）」：“家庭资产”须填写不小于 0 的数字（最多两位小数）",
      "第 4 行「有致富项目」：请选择“有致富项目”",
    ]);
    expect(await prisma.creditRating.count()).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: { startsWith: "credit." } } })).toBe(0);
  });

  it("a good file creates one submitted rating per filled row, scored by the domain", async () => {
    const template = (await ratingTemplate(cadre, {})).bytes;
    const file = await filled(template, (_cells, r) => (r <= 3 ? { ...LABELS, ...(r === 3 ? { "家庭资产（元）": "100,000" } : {}) } : null));
    expect(await importRatings(cadre, { file })).toEqual({ imported: 2, skipped: 2 });
    const ratings = await prisma.creditRating.findMany({ orderBy: { score: "asc" } });
    expect(ratings.map((r) => [r.status, r.score.toFixed(2), r.grade])).toEqual([["submitted", "70.00", "A"], ["submitted", "80.00", "AA"]]);
    // The same file again: those households now have a rating in progress.
    const again = await rejection(importRatings(cadre, { file }));
    expect(again.fieldErrors?.file?.[0]).toContain("已有进行中的评级");
  });

  it("a row of another village or a changed household number is refused", async () => {
    const template = (await ratingTemplate(cadre, {})).bytes;
    const other = await prisma.household.findFirstOrThrow({ where: { villageId: c.townships[0].villages[1].id } });
    const file = await filled(template, (_cells, r) => (r === 2 ? { ...LABELS, 农户编号: other.id } : r === 3 ? { ...LABELS, 农户编号: hs[0].id } : null));
    const error = await rejection(importRatings(cadre, { file }));
    expect(error.fieldErrors?.file).toEqual(["第 2 行「农户编号」：本村没有该农户编号（请勿修改模板中的农户编号）"]);
    expect(await prisma.creditRating.count()).toBe(0);
  });
});
