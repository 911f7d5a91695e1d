import { expect, test } from "@playwright/test";
import { freshIdNumber, idNumberHash, one, signIn } from "./helpers";

test("a village cadre adds a household: a bad ID shows beside the field, the fixed one lands in the list", async ({ page }) => {
  await signIn(page, "cun01");
  await page.getByRole("link", { name: "农户信息" }).first().click();
  await page.getByRole("link", { name: "登记农户" }).click();

  const good = freshIdNumber();
  const bad = good.slice(0, 17) + (good.endsWith("0") ? "1" : "0");
  await page.getByLabel("户主姓名").fill("测试户主");
  await page.getByLabel("身份证号").fill(bad);
  await page.getByLabel("手机号").fill("13912345678");
  await page.getByLabel("户类型").selectOption({ label: "建档立卡贫困户" });
  await page.getByLabel("家庭人口（人）").fill("4");
  await page.getByLabel("劳动能力").selectOption({ label: "有劳动能力" });
  await page.getByRole("button", { name: "保存" }).click();

  await expect(page.getByTestId("error-idNumber")).toHaveText("身份证号无效：校验码或出生日期不正确");
  await expect(page.getByLabel("身份证号")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("户主姓名")).toHaveValue("测试户主");

  await page.getByLabel("身份证号").fill(good);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toHaveText("已保存。");
  await expect(page.getByRole("heading", { name: "农户：测试户主" })).toBeVisible();
  // On the household's own page the cadre who registered it sees the full number.
  await expect(page.getByText(good)).toBeVisible();
  await expect(page.getByText("13912345678")).toBeVisible();
  // Stored encrypted: not as typed, but found by its keyed hash.
  const stored = await one<{ plain: string; hashed: string }>(
    `SELECT count(*) FILTER (WHERE "idNumber" = $1 OR phone = '13912345678')::text AS plain, count(*) FILTER (WHERE "idNumberHash" = $2)::text AS hashed FROM "Household"`,
    [good, idNumberHash(good)],
  );
  expect(stored).toEqual({ plain: "0", hashed: "1" });

  // In the list the number is masked.
  await page.goto(`/households?q=${encodeURIComponent("测试户主")}`);
  const row = page.getByRole("row", { name: /测试户主/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText(`${good.slice(0, 6)}********${good.slice(-4)}`);

  // Searched by the full number (an exact match: the number is stored encrypted), the household
  // opens, and the number never appears in a URL.
  await page.getByLabel("搜索", { exact: true }).fill(good);
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(page.getByRole("heading", { name: "农户：测试户主" })).toBeVisible();
  expect(page.url()).not.toContain(good);
  await page.goto("/households");
  await page.getByLabel("搜索", { exact: true }).fill(freshIdNumber());
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(page.getByText("您的辖区内没有该身份证号的农户。")).toBeVisible();
});

test("a village cadre cannot open a household of another village by its URL", async ({ page }) => {
  const foreign = await one<{ id: string; headName: string }>(
    `SELECT h.id, h."headName" FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId" WHERE v.code = '410499101002' LIMIT 1`,
  );
  await signIn(page, "cun01");
  const response = await page.goto(`/households/${foreign.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "未找到页面或记录" })).toBeVisible();
  await expect(page.getByText(foreign.headName)).toHaveCount(0);
  const edit = await page.goto(`/households/${foreign.id}/edit`);
  expect(edit?.status()).toBe(404);
});

test("the household list fits a phone screen and shows only my village", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, "cun01");
  await page.goto("/households");
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  const villages = await page.locator("tbody tr td:nth-child(3)").allTextContents();
  expect(new Set(villages)).toEqual(new Set(["东关村"]));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
