import { expect, type Page, test } from "@playwright/test";
import { P_EVAL_SCORECARD } from "../../lib/domain/bank-evaluation";
import { signIn, sql } from "./helpers";

const BANK = "中国农业银行示范县支行";
const YEAR = "2025";

async function openBank(page: Page) {
  await page.goto(`/evaluation?year=${YEAR}`);
  await page.getByTestId("evaluation-comparison").locator(`tr[data-bank="${BANK}"]`).getByRole("link").click();
  await expect(page.getByRole("heading", { name: `${BANK} · ${YEAR} 年度考评` })).toBeVisible();
}

test("a bank evaluation is entered and graded, approved by another county officer, then locked", async ({ page, browser }) => {
  await sql(`DELETE FROM "BankEvaluation" WHERE year = $1`, [Number(YEAR)]);
  await signIn(page, "xian01");
  await page.getByRole("link", { name: "银行考评" }).first().click();
  await expect(page.getByTestId("evaluation-comparison")).toBeVisible();
  await openBank(page);

  for (const c of P_EVAL_SCORECARD) {
    for (const it of c.items) await page.locator(`[name="items.${it.number}"]`).fill(it.number === 29 ? "5" : it.maxPoints);
  }
  // Item 29 is a bonus: above 0 it needs a written reason, shown at its field as one types.
  await expect(page.getByTestId("error-item29Reason")).toContainText("理由");
  await page.locator('[name="item29Reason"]').fill("协助清收不良贷款成效显著");
  for (const [i, s] of ["90", "80", "70"].entries()) await page.locator(`[name="structural.${i}"]`).fill(s);
  // 十: (5 + 10) / 20 × 10 = 7.5 → indicator 97.50; total 0.9 × 97.5 + 0.1 × 80 = 95.75 → 好
  await expect(page.getByTestId("eval-indicator")).toHaveText("97.50");
  await expect(page.getByTestId("eval-total")).toHaveText("95.75");
  await expect(page.getByTestId("eval-grade")).toHaveText("好");
  await page.getByRole("button", { name: "保存考评" }).click();
  await expect(page.getByTestId("evaluation-status")).toContainText("待审定");
  await expect(page.getByText("须由录入人以外的另一名县级经办人审定")).toBeVisible();
  await expect(page.getByTestId("eval-grade")).toHaveText("好");

  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const checker = await other.newPage();
  await signIn(checker, "xian02");
  await openBank(checker);
  await expect(checker.getByTestId("eval-total")).toHaveText("95.75");
  await checker.getByRole("button", { name: "审定考评" }).click();
  await expect(checker.getByTestId("evaluation-status")).toContainText("已审定");
  await other.close();

  await page.reload();
  await expect(page.getByTestId("evaluation-status")).toContainText("已锁定");
  await expect(page.locator('[name="items.1"]')).toBeDisabled();
  await expect(page.getByRole("button", { name: "保存考评" })).toHaveCount(0);
  await page.getByRole("link", { name: "返回考评对比" }).click();
  const row = page.getByTestId("evaluation-comparison").locator(`tr[data-bank="${BANK}"]`);
  await expect(row).toContainText("95.75");
  await expect(row).toContainText("好");
  await expect(row).toContainText("已审定");
  const [stored] = await sql<{ total: string; grade: string; status: string }>(
    `SELECT total::text, grade, status::text FROM "BankEvaluation" WHERE year = $1`, [Number(YEAR)],
  );
  expect(stored).toEqual({ total: "95.75", grade: "好", status: "approved" });
});
