import ExcelJS from "exceljs";
import { expect, type Page, test } from "@playwright/test";
import { one, signIn, signOut, sql } from "./helpers";

const VILLAGE = "410499103004"; // 石桥镇 马庄村
const BANK = "中国农业银行示范县支行"; // yinhang01's bank


/** "1,234.56" → 123456 fen, exactly (no floats). */
function fen(text: string): bigint {
  const m = /^(-?)([\d,]+)\.(\d{2})$/.exec(text.trim().replace(/^−/, "-"));
  if (!m) throw new Error(`not an amount: ${text}`);
  const value = BigInt(m[2].replace(/,/g, "")) * 100n + BigInt(m[3]);
  return m[1] ? -value : value;
}

/**
 * A 20,000 元 loan of a 马庄村 household at the demo bank disbursed on 2026-07-01, written directly
 * as issue 4's disbursement leaves it; its first interest falls due on the Q3 settlement day.
 */
async function makeLoan(contract: string, disbursedOn = "2026-07-01", quarter = 3) {
  const h = await one<{ id: string; townshipId: string; villageId: string; countyId: string }>(
    `SELECT h.id, h."townshipId", h."villageId", h."countyId" FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId"
     WHERE v.code = $1 AND h.status = 'registeredPoor' AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."householdId" = h.id)
       AND NOT EXISTS (SELECT 1 FROM "BlacklistEntry" b WHERE b."householdId" = h.id)
     ORDER BY h."headName" DESC, h.id LIMIT 1`,
    [VILLAGE],
  );
  const bank = await one<{ id: string }>(`SELECT id FROM "Bank" WHERE name = $1`, [BANK]);
  const app = await one<{ id: string }>(
    `INSERT INTO "Application" (id, kind, status, "countyId", "townshipId", "villageId", "householdId", amount, "termMonths", purpose, "projectDescription", "repaymentSource", "createdById", "updatedAt")
     VALUES (gen_random_uuid(), 'household', 'disbursed', $1, $2, $3, $4, 20000, 12, 'breeding', '养牛', '出栏收入', 'e2e', now()) RETURNING id`,
    [h.countyId, h.townshipId, h.villageId, h.id],
  );
  const loan = await one<{ id: string }>(
    `INSERT INTO "Loan" (id, "applicationId", kind, "countyId", "townshipId", "villageId", "householdId", "bankId", "contractNumber", principal, rate, "termMonths", "disbursedOn", "maturityDate", "outstandingPrincipal", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'household', $2, $3, $4, $5, $6, $7, 20000, 0.0435, 12, $8::date, '2027-07-01', 20000, now()) RETURNING id`,
    [app.id, h.countyId, h.townshipId, h.villageId, h.id, bank.id, contract, disbursedOn],
  );
  await sql(
    `INSERT INTO "ScheduleItem" (id, "loanId", seq, "dueDate", "principalDue", "interestDue") VALUES
     (gen_random_uuid(), $1, 1, '2026-09-20', 0, 195.75), (gen_random_uuid(), $1, 2, '2027-07-01', 20000, 0)`,
    [loan.id],
  );
  // A run of 2026 Q3 for this bank left by an earlier attempt would be returned, not recomputed.
  await sql(`DELETE FROM "SubsidyRun" WHERE "bankId" = $1 AND year = 2026 AND quarter = $2`, [bank.id, quarter]);
  return { bankId: bank.id, householdId: h.id };
}

/** The bank's statement: every loan of the claim at the portal's amount, except `contract` at `amount`. */
async function statement(runId: string, contract: string, amount: string): Promise<Buffer> {
  const rows = await sql<{ contractNumber: string; amount: string }>(
    `SELECT l."contractNumber", SUM(s.amount)::text AS amount FROM "SubsidyLine" s JOIN "Loan" l ON l.id = s."loanId"
     WHERE s."runId" = $1 AND s.kind IN ('interest', 'enterprise') GROUP BY l."contractNumber" ORDER BY l."contractNumber"`,
    [runId],
  );
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("贴息对账单");
  sheet.addRow(["合同编号", "借款人", "贴息金额（元）"]);
  for (const r of rows) sheet.addRow([r.contractNumber, "", r.contractNumber === contract ? amount : r.amount]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("a quarter's claim: run, bank statement with one differing line, resolve, certify (maker-checker), approve, pay; the printed total is the sum of the lines", async ({ page }, testInfo) => {
  const contract = `E2E-TX-${Date.now()}`;
  await makeLoan(contract);

  // The county centre computes 2026 Q3 ([2026-06-20, 2026-09-20)) for the bank.
  await signIn(page, "xian01");
  await page.getByRole("link", { name: "贴息", exact: true }).first().click();
  await expect(page).toHaveURL(/\/subsidy$/);
  await page.getByLabel("合作银行").selectOption({ label: BANK });
  await page.getByLabel("年度").fill("2026");
  await page.getByLabel("结息季度").selectOption("3");
  await page.getByRole("button", { name: "计算本季度贴息" }).click();
  await expect(page).toHaveURL(/\/subsidy\/[0-9a-f-]{36}$/);
  const runId = page.url().split("/").pop()!;
  // [07-01, 09-20) = 31 + 31 + 19 = 81 days; 20000 × 81 × 0.0435 / 360 = 70470 / 360 = 195.75.
  const row = page.getByTestId("subsidy-lines").getByRole("row").filter({ hasText: contract }).filter({ hasText: "农户贷款贴息" });
  await expect(row).toContainText("195.75");
  await expect(row).toContainText("81");
  await signOut(page);

  // The bank uploads its statement: its amount for the new loan is 0.10 元 higher.
  await signIn(page, "yinhang01");
  await page.goto(`/subsidy/${runId}`);
  await page.getByLabel("对账单文件（.xlsx）").setInputFiles({
    name: "statement.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: await statement(runId, contract, "195.85"),
  });
  await page.getByRole("button", { name: "上传并对账" }).click();
  await expect(page.getByTestId("statement-report")).toContainText("金额不一致 1 笔");
  await signOut(page);

  // The county resolves the difference; the claim is reconciled.
  await signIn(page, "xian01");
  await page.goto(`/subsidy/${runId}`);
  const differing = page.locator('tr[data-statement-status="differs"]');
  await expect(differing).toContainText(contract);
  await differing.getByLabel("处理说明（以平台计算为准的理由）").fill("银行多计 0.10 元（按 81.04 天试算），以平台计算为准");
  await differing.getByRole("button", { name: "确认处理" }).click();
  await expect(page.locator("[data-run-status]")).toHaveAttribute("data-run-status", "reconciled");
  // Maker-checker: xian01 computed the claim and cannot certify it.
  await page.getByRole("button", { name: "审核认定" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "另一名县级工作人员" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("subsidy-claim.png"), fullPage: true });
  await signOut(page);

  await signIn(page, "xian02");
  await page.goto(`/subsidy/${runId}`);
  await page.getByRole("button", { name: "审核认定" }).click();
  await expect(page.locator("[data-run-status]")).toHaveAttribute("data-run-status", "certified");
  await signOut(page);

  // The finance bureau approves and records the payment.
  await signIn(page, "caizheng01");
  await page.goto(`/subsidy/${runId}`);
  await page.getByRole("button", { name: "财政审批通过" }).click();
  await expect(page.locator("[data-run-status]")).toHaveAttribute("data-run-status", "approved");
  await page.getByLabel("凭证号").fill("记-2026-1123");
  await page.getByRole("button", { name: "确认已拨付" }).click();
  await expect(page.locator("[data-run-status]")).toHaveAttribute("data-run-status", "paid");

  // The printed list: its total, in figures and 大写, is exactly the sum of its lines.
  await page.getByRole("link", { name: "拨付清单（打印）" }).click();
  await expect(page.getByRole("heading", { name: /贴息资金拨付清单/ })).toBeVisible();
  const amounts = await page.getByTestId("print-line-amount").allTextContents();
  expect(amounts.length).toBeGreaterThan(0);
  const sum = amounts.reduce((acc, a) => acc + fen(a), 0n);
  expect(fen(await page.getByTestId("print-lines-total").textContent() ?? "")).toBe(sum);
  expect(fen(await page.getByTestId("print-total").textContent() ?? "")).toBe(sum);
  await expect(page.getByTestId("print-total-words")).toHaveText(/元/);
  await page.screenshot({ path: testInfo.outputPath("subsidy-payment-list.png"), fullPage: true });
  const stored = await one<{ total: string; status: string; voucherNumber: string }>(
    `SELECT total::text AS total, status::text AS status, "voucherNumber" FROM "SubsidyRun" WHERE id = $1`, [runId],
  );
  expect([fen(stored.total), stored.status, stored.voucherNumber]).toEqual([sum, "paid", "记-2026-1123"]);

  // The finance dashboard counts the claim as paid, under its quarter and its bank.
  const printedTotal = (await page.getByTestId("print-total").textContent())!.trim();
  await page.goto("/subsidy/dashboard");
  await expect(page.getByRole("heading", { name: "贴息资金看板" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "2026 年第 3 季度" })).toContainText(printedTotal);
  await expect(page.getByRole("row").filter({ hasText: BANK })).toBeVisible();
});

test("fraud: the county marks a line, another officer approves on the dashboard; the borrower is blacklisted and the clawback awaits the next claim", async ({ page }) => {
  const contract = `E2E-FR-${Date.now()}`;
  const { householdId } = await makeLoan(contract, "2026-04-01", 2);
  await signIn(page, "xian01");
  await page.goto("/subsidy");
  await page.getByLabel("合作银行").selectOption({ label: BANK });
  await page.getByLabel("年度").fill("2026");
  await page.getByLabel("结息季度").selectOption("2");
  await page.getByRole("button", { name: "计算本季度贴息" }).click();
  await expect(page).toHaveURL(/\/subsidy\/[0-9a-f-]{36}$/);
  // [04-01, 06-20) = 80 days: 20000 × 80 × 0.0435 / 360 = 69600 / 360 = 193.333… → 193.33.
  const option = page.getByLabel("贴息明细").locator("option").filter({ hasText: contract }).filter({ hasText: "农户贷款贴息" });
  await expect(option).toContainText("193.33");
  await page.getByLabel("贴息明细").selectOption({ label: (await option.textContent())! });
  await page.getByLabel("认定的事实与依据").fill("冒用他人身份申请贷款并领取贴息");
  await page.getByRole("button", { name: "登记骗取贴息" }).click();
  await expect(page.getByRole("status").filter({ hasText: "待另一名县级工作人员复核" })).toBeVisible();
  await signOut(page);

  await signIn(page, "xian02");
  await page.goto("/subsidy/dashboard");
  const finding = page.getByRole("form", { name: new RegExp(contract) });
  await expect(finding).toContainText("193.33");
  await finding.getByRole("button", { name: "认定并生效" }).click();
  await expect(page.getByRole("form", { name: new RegExp(contract) })).toHaveCount(0);
  const clawback = await one<{ status: string; amount: string }>(
    `SELECT c.status::text AS status, c.amount::text AS amount FROM "Clawback" c JOIN "Loan" l ON l.id = c."loanId" WHERE l."contractNumber" = $1`, [contract],
  );
  expect(clawback).toEqual({ status: "active", amount: "193.33" });
  const entry = await one<{ status: string }>(`SELECT status::text AS status FROM "BlacklistEntry" WHERE "householdId" = $1`, [householdId]);
  expect(entry.status).toBe("active");
});
