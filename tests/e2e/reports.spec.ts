import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { D } from "../../lib/domain/decimal";
import { one, signIn, sql } from "./helpers";

const VILLAGE = "410499103004"; // 石桥镇 马庄村
const FROM = "2026-03-01";
const TO = "2026-03-31";

/** A disbursed loan of a 马庄村 household with two repayments in March 2026, as the bank's import writes them. */
async function makeRepayments(tag: string) {
  const h = await one<{ id: string; townshipId: string; villageId: string; countyId: string }>(
    `SELECT h.id, h."townshipId", h."villageId", h."countyId" FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId"
     WHERE v.code = $1 AND h.status = 'registeredPoor' AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."householdId" = h.id)
     ORDER BY h.id LIMIT 1`,
    [VILLAGE],
  );
  const bank = await one<{ id: string }>(`SELECT id FROM "Bank" WHERE name = '中国农业银行示范县支行'`);
  const app = await one<{ id: string }>(
    `INSERT INTO "Application" (id, kind, status, "countyId", "townshipId", "villageId", "householdId", amount, "termMonths", purpose, "projectDescription", "repaymentSource", "createdById", "updatedAt")
     VALUES (gen_random_uuid(), 'household', 'disbursed', $1, $2, $3, $4, 20000, 12, 'breeding', '养牛', '出栏收入', 'e2e', now()) RETURNING id`,
    [h.countyId, h.townshipId, h.villageId, h.id],
  );
  const loan = await one<{ id: string }>(
    `INSERT INTO "Loan" (id, "applicationId", kind, "countyId", "townshipId", "villageId", "householdId", "bankId", "contractNumber", principal, rate, "termMonths", "disbursedOn", "maturityDate", "outstandingPrincipal", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'household', $2, $3, $4, $5, $6, $7, 20000, 0.0435, 12, '2026-01-05', '2027-01-05', 18499.89, now()) RETURNING id`,
    [app.id, h.countyId, h.townshipId, h.villageId, h.id, bank.id, tag],
  );
  for (const [i, [on, p, int]] of [["2026-03-10", "1000.10", "72.51"], ["2026-03-20", "500.01", "36.27"]].entries()) {
    await sql(
      `INSERT INTO "Repayment" (id, "loanId", "bankId", reference, "paidOn", principal, interest, penalty) VALUES (gen_random_uuid(), $1, $2, $3, $4::date, $5, $6, 0)`,
      [loan.id, bank.id, `${tag}-R${i + 1}`, on, p, int],
    );
  }
}

test("an auditor filters the repayments report and exports it; the workbook's total equals the screen's", async ({ page }) => {
  const tag = `REP${Date.now() % 1_000_000}`;
  await makeRepayments(tag);
  await signIn(page, "shenji01");
  await page.getByRole("navigation", { name: "主菜单" }).getByRole("link", { name: "报表", exact: true }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByRole("link", { name: "审计日志" })).toBeVisible();
  await page.getByRole("link", { name: "还款明细" }).click();
  await page.getByLabel("日期自").fill(FROM);
  await page.getByLabel("至", { exact: true }).fill(TO);
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/from=2026-03-01/);
  const table = page.getByTestId("report-table");
  await expect(table.getByRole("link", { name: "2026-03-10" }).first()).toBeVisible();
  await expect(table.getByRole("cell", { name: `${tag}-R2` })).toBeVisible();
  const count = Number(await page.getByTestId("report-count").innerText());
  const screenTotal = new D((await page.getByTestId("report-total-amount").innerText()).replace(/,/g, ""));
  const screenPrincipal = new D((await page.getByTestId("report-total-principal").innerText()).replace(/,/g, ""));
  expect(count).toBeGreaterThanOrEqual(2);
  expect(screenPrincipal.gte("1500.11")).toBe(true);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Excel" }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await (await download).path());
  const sheet = workbook.getWorksheet("还款明细")!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const col = (name: string) => header.indexOf(name) + 1;
  let sum = new D(0);
  const refs: string[] = [];
  for (let r = 2; r < sheet.rowCount; r++) {
    sum = sum.plus(String(sheet.getRow(r).getCell(col("合计（元）")).value));
    refs.push(String(sheet.getRow(r).getCell(col("银行流水号")).value));
  }
  const total = sheet.getRow(sheet.rowCount);
  expect(total.getCell(1).value).toBe("合计");
  expect(refs).toHaveLength(count);
  expect(refs).toEqual(expect.arrayContaining([`${tag}-R1`, `${tag}-R2`]));
  expect(new D(String(total.getCell(col("合计（元）")).value)).toFixed(2)).toBe(screenTotal.toFixed(2));
  expect(sum.toFixed(2)).toBe(screenTotal.toFixed(2));
  const audit = await one<{ n: string }>(
    `SELECT COUNT(*)::text AS n FROM "AuditEvent" e JOIN "User" u ON u.id = e."actorId" WHERE e.action = 'report.repayments.export' AND u.username = 'shenji01'`,
  );
  expect(Number(audit.n)).toBeGreaterThanOrEqual(1);
});

test("a village cadre has no reports menu and cannot open or export the audit log", async ({ page }) => {
  await signIn(page, "cun01");
  await expect(page.getByRole("navigation", { name: "主菜单" }).getByRole("link", { name: "报表", exact: true })).toHaveCount(0);
  const response = await page.goto("/reports/audit-log");
  expect(response?.status()).toBe(404);
  const api = await page.request.get("/api/reports/audit-log");
  expect(api.status()).toBe(403);
});
