import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("the policy calculator splits a loss, computes a subsidy and checks the breaker, errors at their fields", async ({ page }) => {
  await signIn(page, "xian01");
  await page.getByRole("link", { name: "政策计算器" }).first().click();
  await expect(page.getByRole("heading", { name: "政策计算器" })).toBeVisible();
  await expect(page.getByLabel("政策参数")).toContainText("本县现行参数");

  await page.getByLabel("损失金额（元）").fill("10000.01");
  await expect(page.getByTestId("calc-loss-sum")).toHaveText("10,000.01");
  await page.getByLabel("损失金额（元）").fill("abc");
  await expect(page.getByTestId("error-loss")).toContainText("有效的数字");

  await page.getByLabel("贷款本金（元）").fill("50000");
  await page.getByLabel("合同年利率（%）").fill("4.35");
  await page.getByLabel("放款日").fill("2017-03-21");
  await page.getByLabel("计息起始日").fill("2017-06-21");
  await page.getByLabel("计息截止日（不含）").fill("2017-03-21");
  await expect(page.getByTestId("error-to")).not.toBeEmpty();
  await page.getByLabel("计息截止日（不含）").fill("2017-09-21");
  await expect(page.getByTestId("calc-subsidy-result")).toContainText("92 天");

  await page.getByLabel("户贷余额（元）").fill("1000000");
  await page.getByLabel("不良贷款余额（元）").fill("2000000");
  await expect(page.getByTestId("error-nonPerforming")).toContainText("不能大于");
  await page.getByLabel("不良贷款余额（元）").fill("0");
  await expect(page.getByTestId("calc-breaker-result")).toContainText("不会触发熔断");
});
