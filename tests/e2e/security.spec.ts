import { hash } from "@node-rs/argon2";
import { expect, test } from "@playwright/test";
import { one, signIn, sql } from "./helpers";

test("pages carry a nonce CSP that forbids framing, and run without a single CSP violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto("/login");
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  // Every script Next.js rendered carries this response's nonce; a second load gets another one.
  const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(new Set(scripts)).toEqual(new Set([nonce]));
  const again = (await page.request.get("/login")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);

  await signIn(page, "xian01");
  for (const path of ["/dashboard", "/applications", "/risk/breaker", "/subsidy"]) {
    await page.goto(path);
    await expect(page.getByTestId("whoami")).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test("a state-changing API request from another site is refused before anything else runs", async ({ page }) => {
  await signIn(page, "shenji01");
  const cross = await page.request.post("/api/reports/ledger", { headers: { Origin: "https://evil.example" }, form: { x: "1" } });
  expect(cross.status()).toBe(403);
  expect(await cross.text()).toBe("跨站请求已被拒绝。");
  const noOrigin = await page.request.post("/api/reports/ledger", { form: { x: "1" } });
  expect(noOrigin.status()).toBe(403);
  // The same request from the portal's own pages passes the check (and meets the route's own
  // answer: it only serves GET).
  const own = await page.request.post("/api/reports/ledger", { headers: { Origin: new URL(page.url()).origin }, form: { x: "1" } });
  expect(own.status()).not.toBe(403);
  // Reads are not affected.
  expect((await page.request.get("/api/reports/ledger")).status()).toBe(200);
});

test("changing the password ends the user's other sessions", async ({ browser }) => {
  const county = await one<{ id: string }>(`SELECT id FROM "OrgUnit" WHERE code = '410499000000'`);
  await sql(
    `INSERT INTO "User" (id, username, "displayName", role, "orgUnitId", "passwordHash", "updatedAt")
     VALUES (gen_random_uuid(), 'revoketest', '会话测试', 'auditor', $1, $2, now())`,
    [county.id, await hash("Old-pass-2026!")],
  );
  const office = await (await browser.newContext()).newPage();
  const phone = await (await browser.newContext()).newPage();
  await signIn(office, "revoketest", "Old-pass-2026!");
  await signIn(phone, "revoketest", "Old-pass-2026!");

  await phone.goto("/change-password");
  await phone.getByLabel("当前密码").fill("Old-pass-2026!");
  await phone.getByLabel("新密码", { exact: true }).fill("New-pass-2026!x");
  await phone.getByLabel("再次输入新密码").fill("New-pass-2026!x");
  await phone.getByRole("button", { name: "修改密码" }).click();
  // The changing session is signed in again and goes on to the portal.
  await expect(phone).not.toHaveURL(/change-password/);
  await expect(phone.getByTestId("whoami")).toBeVisible();

  await office.goto("/dashboard");
  await expect(office).toHaveURL(/\/login/);
  await signIn(office, "revoketest", "New-pass-2026!x");
  await office.context().close();
  await phone.context().close();
});
