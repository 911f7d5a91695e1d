import { hash } from "@node-rs/argon2";
import { expect, test } from "@playwright/test";
import { one, signIn, signOut, sql } from "./helpers";

const homes = [
  { username: "cun01", role: "村级金融扶贫服务部", unit: "东关村" },
  { username: "xiang01", role: "乡镇金融扶贫服务站", unit: "城关镇" },
  { username: "xian01", role: "县级金融扶贫服务中心", unit: "示范县" },
  { username: "yinhang01", role: "合作银行", unit: "示范县" },
  { username: "caizheng01", role: "财政局", unit: "示范县" },
  { username: "shenji01", role: "审计", unit: "示范县" },
  { username: "admin01", role: "系统管理员", unit: "示范县" },
];

for (const h of homes) {
  test(`${h.username} signs in and sees the home page of a ${h.role}`, async ({ page }) => {
    await signIn(page, h.username);
    await expect(page.getByTestId("home-role")).toHaveText(h.role);
    await expect(page.getByTestId("home-unit")).toHaveText(h.unit);
    await expect(page.getByRole("heading", { name: "我的职责" })).toBeVisible();
    await signOut(page);
  });
}

test("a page of the portal without a session sends the visitor to sign in", async ({ page }) => {
  await page.goto("/households");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fhouseholds/);
  await expect(page.getByRole("button", { name: "登录" })).toBeVisible();
});

test("a wrong password does not tell whether the user exists", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("用户名").fill("xian01");
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误。");
  await page.getByLabel("用户名").fill("no-such-user");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误。");
});

test("five wrong passwords lock the account; the right one is then refused too", async ({ page }) => {
  const county = await one<{ id: string }>(`SELECT id FROM "OrgUnit" WHERE code = '410499000000'`);
  await sql(
    `INSERT INTO "User" (id, username, "displayName", role, "orgUnitId", "passwordHash", "updatedAt")
     VALUES (gen_random_uuid(), 'locktest', '锁定测试', 'county_officer', $1, $2, now())`,
    [county.id, await hash("Right-pass-2026")],
  );
  await page.goto("/login");
  await page.getByLabel("用户名").fill("locktest");
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel("密码").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByTestId("login-error")).toHaveText(i < 5 ? "用户名或密码错误。" : /已被锁定 15 分钟/);
  }
  await page.getByLabel("密码").fill("Right-pass-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("login-error")).toHaveText(/已被锁定 15 分钟/);
  await expect(page).toHaveURL(/\/login/);
});

test("sign-out is a plain form: it works in a page whose script has not loaded", async ({ page, browser, baseURL }) => {
  await signIn(page, "xian01");
  const noScript = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const plain = await noScript.newPage();
    await plain.goto("/");
    await expect(plain.getByTestId("whoami")).toContainText("县级");
    await plain.getByRole("button", { name: "退出登录" }).click();
    await expect(plain).toHaveURL(/\/login/);
    // The session is gone: the portal sends the visitor to sign in again.
    await plain.goto("/dashboard");
    await expect(plain).toHaveURL(/\/login/);
  } finally {
    await noScript.close();
  }
});
