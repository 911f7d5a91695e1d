import { expect, type Page, test } from "@playwright/test";
import { one, plainIdNumber, signIn, signOut, sql } from "./helpers";

const DONGGUAN = "410499101001"; // 城关镇 东关村, cun01's village

async function setClock(page: Page, iso: string | null) {
  const response = await page.request.post("/api/test/clock", { data: { now: iso } });
  expect(response.ok()).toBe(true);
}


function dayAfter(date: string) {
  const d = new Date(`${date}T02:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

/** Full marks on the default sheet (100 points, AAA), or a 60-point B. */
const GOOD: Record<string, string> = {
  lawAbiding: "yes", familyHarmony: "yes", goodNeighbour: "yes", responsibility: "yes", creditAwareness: "yes", abilityToPerform: "yes",
  labourCapacity: "yes", wishToProsper: "yes", hasProject: "yes", noVice: "none", noArrears: "none", notIdle: "none",
  labourers: "2", incomePerCapita: "12000", assets: "150000", overdueCount: "0",
};
const WEAK: Record<string, string> = { ...GOOD, labourers: "0", incomePerCapita: "0", assets: "0", overdueCount: "3" };

async function fillRating(page: Page, answers: Record<string, string>) {
  for (const [key, value] of Object.entries(answers)) {
    const field = page.locator(`[name="answers.${key}"]`);
    if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption(value);
    else await field.fill(value);
  }
}

/** The cadre rates a household from the village list and submits it; returns the rating's id. */
async function rateAsCadre(page: Page, household: { headName: string }, answers: Record<string, string>, expected: string) {
  await page.goto("/credit");
  await page.getByRole("link", { name: `评级 ${household.headName}` }).first().click();
  await expect(page.getByRole("heading", { name: `信用评级：${household.headName}` })).toBeVisible();
  await fillRating(page, answers);
  await expect(page.getByTestId("rating-score")).toContainText(expected);
  await page.getByRole("button", { name: "提交乡镇审核" }).click();
  await expect(page.getByText("已提交乡镇审核。")).toBeVisible();
  return page.url().split("/credit/ratings/")[1].split("?")[0];
}

/** The township approves the rating and opens the village's rating publicity; returns its last day. */
async function approveAndPublicise(page: Page, ratingId: string) {
  await signIn(page, "xiang01");
  await page.goto(`/credit/ratings/${ratingId}`);
  await page.getByRole("button", { name: "审核通过" }).click();
  await expect(page.getByText("乡镇已审核，待公示").first()).toBeVisible();
  await page.goto("/credit");
  await page.getByRole("button", { name: "开始公示（东关村）" }).click();
  await expect(page.getByText("已开始公示。")).toBeVisible();
  return one<{ id: string; endsOn: string }>(
    `SELECT r.id, to_char(r."endsOn", 'YYYY-MM-DD') AS "endsOn" FROM "RatingPublicityRound" r JOIN "CreditRating" c ON c."publicityRoundId" = r.id WHERE c.id = $1`,
    [ratingId],
  );
}

test.afterEach(async ({ page }) => {
  await setClock(page, null);
});

test("a cadre rates, the township approves, publicity passes: the grade unblocks the application and the village becomes a credit village", async ({ page }) => {
  const household = await one<{ id: string; headName: string }>(
    `SELECT h.id, h."headName" FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId"
     WHERE v.code = $1 AND h."creditGrade" IS NULL AND h.status = 'registeredPoor'
       AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."householdId" = h.id)
       AND NOT EXISTS (SELECT 1 FROM "CreditRating" r WHERE r."householdId" = h.id)
       AND NOT EXISTS (SELECT 1 FROM "Household" o WHERE o."villageId" = h."villageId" AND o."headName" = h."headName" AND o.id <> h.id)
     ORDER BY h."headName" LIMIT 1`,
    [DONGGUAN],
  );
  // The rest of the village: 34 of 49 rated households are credit households (69.4%): not yet a credit village.
  const original = await sql<{ id: string; grade: string | null }>(
    `SELECT h.id, h."creditGrade"::text AS grade FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId" WHERE v.code = $1 AND h.id <> $2`,
    [DONGGUAN, household.id],
  );
  await sql(
    `WITH others AS (SELECT h.id, row_number() OVER (ORDER BY h.id) AS n FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId" WHERE v.code = $1 AND h.id <> $2)
     UPDATE "Household" h SET "creditGrade" = (CASE WHEN o.n <= 34 THEN 'A' WHEN o.n <= 49 THEN 'B' ELSE NULL END)::"CreditGrade"
     FROM others o WHERE o.id = h.id`,
    [DONGGUAN, household.id],
  );

  await signIn(page, "xiang01");
  await page.goto("/credit/overview");
  await expect(page.getByTestId("village-东关村")).toContainText("未达标");
  await expect(page.getByTestId("village-东关村")).toContainText("69.39%");
  await signOut(page);

  await signIn(page, "cun01");
  await page.goto("/applications/new");
  await page.getByLabel("申请农户").selectOption(household.id);
  await expect(page.getByTestId("eligibility")).toContainText("尚未评定信用等级");

  await page.setViewportSize({ width: 390, height: 844 });
  const ratingId = await (async () => {
    await page.goto(`/credit/households/${household.id}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    return rateAsCadre(page, household, GOOD, "评分 100.00 分，信用等级 AAA 级");
  })();
  await expect(page.getByTestId("rating-result")).toHaveText("100.00 分，AAA 级");
  await signOut(page);

  const round = await approveAndPublicise(page, ratingId);
  await page.goto(`/credit/publicity/${round.id}/notice`);
  await expect(page.getByTestId("rating-notice")).toContainText(household.headName);
  await expect(page.getByTestId("rating-notice")).toContainText("AAA");
  await signOut(page);

  // The publicity period ends: the day after its last day the rating becomes final on access.
  await setClock(page, dayAfter(round.endsOn));
  await signIn(page, "cun01");
  await page.goto(`/households/${household.id}`);
  await expect(page.getByText("AAA 级")).toBeVisible();
  expect((await one<{ status: string }>(`SELECT status::text FROM "CreditRating" WHERE id = $1`, [ratingId])).status).toBe("final");
  await page.goto("/applications/new");
  await page.getByLabel("申请农户").selectOption(household.id);
  await expect(page.getByTestId("eligibility")).toContainText("符合贷款条件");
  await page.goto("/credit");
  await expect(page.getByTestId("own-credit-area")).toContainText("东关村：信用村（信用户 35/50，70.00%");
  await signOut(page);

  // 35 of 50 rated households: exactly 70%, a credit village from today.
  await signIn(page, "xian01");
  await page.goto("/credit/overview");
  const row = page.getByTestId("village-东关村");
  await expect(row).toContainText("信用村");
  await expect(row).toContainText("70.00%");
  await expect(row).toContainText(`${dayAfter(round.endsOn).slice(0, 10)} 起`);
  const history = await one<{ isCredit: boolean; until: string | null }>(
    `SELECT s."isCredit", s."until" FROM "CreditAreaStatus" s JOIN "OrgUnit" v ON v.id = s."orgUnitId" WHERE v.code = $1 AND s."until" IS NULL`,
    [DONGGUAN],
  );
  expect(history.isCredit).toBe(true);
  // The credit pages fit a phone screen.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/credit", "/credit/overview", "/credit/blacklist", `/credit/ratings/${ratingId}`, `/credit/publicity/${round.id}/notice`]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  // Other specs pick households of this village by grade: give the others their grades back.
  for (const h of original) await sql(`UPDATE "Household" SET "creditGrade" = $2::"CreditGrade" WHERE id = $1`, [h.id, h.grade]);
});

test("an upheld objection during publicity sends the rating back to the cadre, who rates again", async ({ page }) => {
  const household = await one<{ id: string; headName: string }>(
    `SELECT h.id, h."headName" FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId"
     WHERE v.code = $1 AND NOT EXISTS (SELECT 1 FROM "CreditRating" r WHERE r."householdId" = h.id)
       AND NOT EXISTS (SELECT 1 FROM "Household" o WHERE o."villageId" = h."villageId" AND o."headName" = h."headName" AND o.id <> h.id)
     ORDER BY h."headName" DESC LIMIT 1`,
    [DONGGUAN],
  );
  await signIn(page, "cun01");
  const ratingId = await rateAsCadre(page, household, GOOD, "AAA");
  await signOut(page);
  await approveAndPublicise(page, ratingId);

  await page.goto(`/credit/ratings/${ratingId}`);
  await page.getByLabel("异议人").fill("王某");
  await page.getByLabel("异议内容").fill("该户近三年有两笔贷款逾期");
  await page.getByRole("button", { name: "登记异议" }).click();
  await expect(page.getByText("已登记异议。")).toBeVisible();
  await expect(page.getByText("公示异议处理中").first()).toBeVisible();
  await page.getByRole("button", { name: "异议成立，重新评定" }).click();
  await expect(page.getByTestId("error-reason")).toContainText("请填写处理理由");
  await page.getByLabel("处理理由").fill("经核实确有逾期记录，重新评定");
  await page.getByRole("button", { name: "异议成立，重新评定" }).click();
  await expect(page.getByText("已退回，待重新评定").first()).toBeVisible();
  await signOut(page);

  await signIn(page, "cun01");
  await page.goto(`/credit/households/${household.id}`);
  await expect(page.getByText("退回理由：公示异议成立：经核实确有逾期记录，重新评定")).toBeVisible();
  await expect(page.locator('[name="answers.overdueCount"]')).toHaveValue("0");
  await fillRating(page, WEAK);
  await expect(page.getByTestId("rating-score")).toContainText("评分 60.00 分，信用等级 B 级");
  await page.getByRole("button", { name: "提交乡镇审核" }).click();
  await expect(page.getByText("已提交乡镇审核。")).toBeVisible();
  expect(page.url()).toContain(ratingId);
  const rating = await one<{ status: string; grade: string }>(`SELECT status::text, grade::text FROM "CreditRating" WHERE id = $1`, [ratingId]);
  expect(rating).toEqual({ status: "submitted", grade: "B" });
  await expect(page.getByTestId("rating-history")).toContainText("异议成立，退回重新评定");
});

test("blacklist: one county officer proposes, another approves; the application form then refuses the household", async ({ page }) => {
  const household = await one<{ id: string; headName: string; idNumber: string }>(
    `SELECT h.id, h."headName", h."idNumber" FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId"
     WHERE v.code = $1 AND h.status = 'registeredPoor' AND h."creditGrade" IN ('AAA', 'AA', 'A')
       AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."householdId" = h.id)
       AND NOT EXISTS (SELECT 1 FROM "BlacklistEntry" b WHERE b."householdId" = h.id)
     ORDER BY h."headName" DESC, h.id LIMIT 1`, // from the end of the list: other specs take households from its start
    [DONGGUAN],
  );
  await signIn(page, "xian01");
  await page.goto("/credit/blacklist");
  await page.getByRole("button", { name: "提出列入" }).click();
  await expect(page.getByTestId("error-entryReason")).toHaveText("请填写列入理由");
  await page.getByLabel("身份证号或统一社会信用代码").fill(plainIdNumber(household.idNumber));
  await page.getByLabel("列入理由").fill("恶意拖欠贷款，经催收拒不归还");
  await page.getByLabel("证据材料（文书名称、文号等）").fill("（2026）豫0401民初123号民事判决书");
  await page.getByRole("button", { name: "提出列入" }).click();
  await expect(page.getByText("已提出，待另一名县级工作人员复核后生效。")).toBeVisible();
  await expect(page.getByTestId("blacklist")).toContainText("待复核列入");
  await expect(page.getByRole("button", { name: "同意列入" })).toHaveCount(0); // the maker cannot check
  await signOut(page);

  await signIn(page, "xian02");
  await page.goto("/credit/blacklist");
  await page.getByRole("button", { name: "同意列入" }).click();
  await expect(page.getByTestId("blacklist")).toContainText("已列入（生效）");
  await signOut(page);

  await signIn(page, "cun01");
  await page.goto("/applications/new");
  await page.getByLabel("申请农户").selectOption(household.id);
  await expect(page.getByTestId("eligibility")).toContainText("失信黑名单");
  // Leave the demo village as other specs expect it.
  await sql(`UPDATE "BlacklistEntry" SET status = 'removed' WHERE "householdId" = $1`, [household.id]);
});

test("bulk collection: the village's template comes back with a bad row and nothing is written", async ({ page }) => {
  await signIn(page, "cun01");
  await page.goto("/credit");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载本村评级采集表（模板）" }).click();
  const path = await (await download).path();
  const ExcelJS = (await import("exceljs")).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (headers[col] = String(cell.value)));
  const fill = (r: number, override: Record<string, string>) => {
    const good: Record<string, string> = {
      遵纪守法好: "是", 家庭和睦好: "是", 邻里团结好: "是", 责任意识强: "是", 诚信意识强: "是", 履约能力强: "是", 有劳动能力: "有", 有致富愿望: "有", 有致富项目: "一般",
      "无赌博、吸毒、嫖娼等不良行为": "无", 无拖欠贷款及失信记录: "无", 无游手好闲: "无", "家庭劳动力人数（人）": "2", "家庭人均纯收入（元/年）": "8000",
      "家庭资产（元）": "60000", "近三年贷款逾期次数（次）": "0",
    };
    const values = { ...good, ...override };
    headers.forEach((h, col) => h && values[h] !== undefined && (sheet.getRow(r).getCell(col).value = values[h]));
  };
  fill(2, {});
  fill(3, { 遵纪守法好: "还行" });
  const before = await one<{ n: string }>(`SELECT count(*)::text AS n FROM "CreditRating"`);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  await page.locator("#rating-file").setInputFiles({ name: "评级采集表.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: bytes });
  await page.getByRole("button", { name: "上传并导入" }).click();
  const report = page.getByTestId("rating-import-report");
  await expect(report).toContainText("评级采集表有 1 处错误，未写入任何数据。");
  await expect(report).toContainText("第 3 行「遵纪守法好」：指标“遵纪守法好”没有“还行”这一选项");
  expect((await one<{ n: string }>(`SELECT count(*)::text AS n FROM "CreditRating"`)).n).toBe(before.n);

  fill(3, { 遵纪守法好: "基本做到" });
  await page.locator("#rating-file").setInputFiles({ name: "评级采集表.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(await workbook.xlsx.writeBuffer()) });
  await page.getByRole("button", { name: "上传并导入" }).click();
  await expect(report).toContainText("已导入 2 户的评级，已提交乡镇审核");
  expect(Number((await one<{ n: string }>(`SELECT count(*)::text AS n FROM "CreditRating"`)).n)).toBe(Number(before.n) + 2);
});

test("an administrator adds a sheet version from a later date; a wrong entry is shown at its field", async ({ page }) => {
  await signIn(page, "admin01");
  await page.getByRole("link", { name: "评级指标" }).first().click();
  await expect(page.getByTestId("sheet-versions")).toContainText("现行");
  await page.locator('[name="items.0.choices"]').fill("是=8；否=0");
  await page.getByRole("button", { name: "保存为新版本" }).click();
  await expect(page.getByTestId("error-items.0.choices")).toContainText("分值须在 0 到满分 5 之间");
  await page.locator('[name="items.0.maxPoints"]').fill("8");
  await page.locator('[name="items.15.remove"]').check();
  const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
  await page.getByLabel("生效日期").fill(tomorrow);
  await page.getByRole("button", { name: "保存为新版本" }).click();
  await expect(page.getByText("已保存新版本指标表。")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("sheet-versions")).toContainText("待生效");
  const v2 = await one<{ items: number }>(`SELECT jsonb_array_length(sheet->'items') AS items FROM "IndicatorSheet" WHERE version = 2`);
  expect(v2.items).toBe(15);
});
