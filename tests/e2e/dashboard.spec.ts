import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { D } from "../../lib/domain/decimal";
import { one, signIn, sql } from "./helpers";

const VILLAGE = "410499103004"; // 石桥镇 马庄村
const DAY = "2026-02-03";

/** Two disbursed loans of 马庄村 households on DAY (one partly repaid), written as disbursement leaves them. */
async function makeLoans(tag: string) {
  const households = await sql<{ id: string; townshipId: string; villageId: string; countyId: string }>(
    `SELECT h.id, h."townshipId", h."villageId", h."countyId" FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId"
     WHERE v.code = $1 AND h.status = 'registeredPoor' AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."householdId" = h.id)
     ORDER BY h.id LIMIT 2`,
    [VILLAGE],
  );
  expect(households).toHaveLength(2);
  const bank = await one<{ id: string }>(`SELECT id FROM "Bank" WHERE name = '中国农业银行示范县支行'`);
  const amounts = [["30000", "30000"], ["12345.67", "8000.01"]];
  for (const [i, h] of households.entries()) {
    const app = await one<{ id: string }>(
      `INSERT INTO "Application" (id, kind, status, "countyId", "townshipId", "villageId", "householdId", amount, "termMonths", purpose, "projectDescription", "repaymentSource", "createdById", "updatedAt")
       VALUES (gen_random_uuid(), 'household', 'disbursed', $1, $2, $3, $4, $5, 12, 'breeding', '养牛', '出栏收入', 'e2e', now()) RETURNING id`,
      [h.countyId, h.townshipId, h.villageId, h.id, amounts[i][0]],
    );
    await sql(
      `INSERT INTO "Loan" (id, "applicationId", kind, "countyId", "townshipId", "villageId", "householdId", "bankId", "contractNumber", principal, rate, "termMonths", "disbursedOn", "maturityDate", "outstandingPrincipal", "updatedAt")
       VALUES (gen_random_uuid(), $1, 'household', $2, $3, $4, $5, $6, $7, $8, 0.0435, 12, $9::date, '2027-02-03', $10, now())`,
      [app.id, h.countyId, h.townshipId, h.villageId, h.id, bank.id, `${tag}-${i + 1}`, amounts[i][0], DAY, amounts[i][1]],
    );
  }
}

test("an auditor drills from the county to a village and exports the ledger, whose total matches the screen", async ({ page }) => {
  const tag = `DASH${Date.now() % 1_000_000}`;
  await makeLoans(tag);
  const village = await one<{ name: string; township: string }>(
    `SELECT v.name, t.name AS township FROM "OrgUnit" v JOIN "OrgUnit" t ON t.id = v."parentId" WHERE v.code = $1`,
    [VILLAGE],
  );

  await signIn(page, "shenji01");
  const menu = page.getByRole("navigation", { name: "主菜单" });
  await menu.getByRole("link", { name: "数据总览" }).click();
  await expect(page.getByTestId("dashboard-title")).toContainText("示范县");
  await expect(page.getByTestId("stat-fund")).toBeVisible();
  // The trend chart is drawn in the browser: twelve monthly bars, and its months for screen readers.
  await expect(page.getByRole("img", { name: "近 12 个月放款与余额趋势" }).locator("rect")).toHaveCount(12);
  await expect(page.getByRole("figure").getByRole("table")).toContainText("月末余额");
  await page.getByTestId("child-areas").getByRole("link", { name: village.township }).click();
  await expect(page.getByTestId("dashboard-title")).toContainText(village.township);
  await page.getByTestId("child-areas").getByRole("link", { name: village.name }).click();
  await expect(page.getByTestId("dashboard-title")).toContainText(village.name);
  const crumbs = page.getByRole("navigation", { name: "区域层级" });
  await expect(crumbs).toContainText(`示范县/${village.township}/${village.name}`);
  // The village holds at least the two new loans: 38,000.01 outstanding → ≥ 3.80 万元.
  const outstanding = new D((await page.getByTestId("stat-outstanding").innerText()).replace(/[^\d.]/g, ""));
  expect(outstanding.gte("3.80")).toBe(true);
  // Back up the breadcrumbs to the county.
  await crumbs.getByRole("link", { name: "示范县" }).click();
  await expect(page.getByTestId("dashboard-title")).toContainText("示范县");

  await menu.getByRole("link", { name: "贷款台账" }).click();
  await expect(page).toHaveURL(/\/reports\/ledger/);
  await page.getByLabel("放款日期自").fill(DAY);
  await page.getByLabel("至", { exact: true }).fill(DAY);
  await page.getByLabel("贷款状态").selectOption("all");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/from=2026-02-03/);
  const table = page.getByTestId("ledger-table");
  await expect(table.getByRole("link", { name: `${tag}-1` })).toBeVisible();
  await expect(table.getByRole("link", { name: `${tag}-2` })).toBeVisible();
  const screenCount = Number(await page.getByTestId("ledger-count").innerText());
  const screenPrincipal = (await page.getByTestId("ledger-principal").innerText()).replace(/,/g, "");
  const screenOutstanding = (await page.getByTestId("ledger-outstanding").innerText()).replace(/,/g, "");
  expect(screenCount).toBeGreaterThanOrEqual(2);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Excel" }).click();
  const file = await (await download).path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet("贷款台账")!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const col = (name: string) => header.indexOf(name) + 1;
  let principal = new D(0);
  let rest = new D(0);
  const contracts: string[] = [];
  for (let r = 2; r < sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    principal = principal.plus(String(row.getCell(col("贷款金额（元）")).value));
    rest = rest.plus(String(row.getCell(col("贷款余额（元）")).value));
    contracts.push(String(row.getCell(col("合同编号")).value));
    // An auditor never gets full ID numbers.
    expect(String(row.getCell(col("身份证号/统一社会信用代码")).value)).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
  }
  const total = sheet.getRow(sheet.rowCount);
  expect(total.getCell(1).value).toBe("合计");
  expect(contracts).toHaveLength(screenCount);
  expect(contracts).toEqual(expect.arrayContaining([`${tag}-1`, `${tag}-2`]));
  expect(new D(String(total.getCell(col("贷款金额（元）")).value)).toFixed(2)).toBe(new D(screenPrincipal).toFixed(2));
  expect(new D(String(total.getCell(col("贷款余额（元）")).value)).toFixed(2)).toBe(new D(screenOutstanding).toFixed(2));
  expect(principal.toFixed(2)).toBe(new D(screenPrincipal).toFixed(2));
  expect(rest.toFixed(2)).toBe(new D(screenOutstanding).toFixed(2));

  const audit = await one<{ n: string }>(
    `SELECT COUNT(*)::text AS n FROM "AuditEvent" e JOIN "User" u ON u.id = e."actorId" WHERE e.action = 'report.ledger.export' AND u.username = 'shenji01'`,
  );
  expect(Number(audit.n)).toBeGreaterThanOrEqual(1);
});
