import ExcelJS from "exceljs";
import { expect, type Page, test } from "@playwright/test";
import { one, signIn, signOut, sql } from "./helpers";

/** The server's today (Asia/Shanghai), which the fake clock of other specs may have moved. */
async function serverToday(page: Page): Promise<Date> {
  const response = await page.request.get("/api/test/clock");
  const { now } = (await response.json()) as { now: string };
  return new Date(new Date(now).getTime() + 8 * 3600_000);
}

function isoDay(d: Date, plusDays = 0): string {
  return new Date(d.getTime() + plusDays * 86_400_000).toISOString().slice(0, 10);
}

test("an admin creates a township officer, who signs in with the one-time password and must change it first", async ({ page }) => {
  const username = `xiang${Date.now() % 100_000}`;
  await signIn(page, "admin01");
  await page.getByRole("link", { name: "用户管理" }).first().click();
  await page.getByRole("link", { name: "新建用户" }).click();
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("姓名").fill("柳站长");
  await page.getByLabel("角色").selectOption({ label: "乡镇金融扶贫服务站" });
  await page.getByLabel("所属机构").selectOption({ label: "柳河乡（乡镇）" });
  await page.getByRole("button", { name: "创建用户" }).click();
  const otp = (await page.getByTestId("one-time-password").textContent())?.trim() ?? "";
  expect(otp).toMatch(/^[A-Za-z0-9]{12}$/);
  await expect(page.getByRole("status").filter({ hasText: `已创建用户 ${username}` })).toBeVisible();

  // A village is the wrong level for a township officer: refused beside the field.
  await page.getByLabel("用户名").fill(`${username}b`);
  await page.getByLabel("姓名").fill("错级别");
  await page.getByLabel("角色").selectOption({ label: "乡镇金融扶贫服务站" });
  await page.getByLabel("所属机构").selectOption({ label: "柳河乡 柳河村（村）" });
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByTestId("error-orgUnitId")).toHaveText("该角色须隶属于乡镇");

  await signOut(page);

  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(otp);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/change-password/);
  await expect(page.getByTestId("must-change-password")).toBeVisible();

  // Nothing else is reachable before the password is changed.
  await page.goto("/households");
  await expect(page).toHaveURL(/\/change-password/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/change-password/);

  await page.getByLabel("当前密码", { exact: true }).fill(otp);
  await page.getByLabel("新密码", { exact: true }).fill("abcdefghijk");
  await page.getByLabel("再次输入新密码", { exact: true }).fill("abcdefghijk");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByTestId("error-newPassword")).toHaveText("密码须同时包含字母和数字");

  await page.getByLabel("当前密码", { exact: true }).fill(otp);
  await page.getByLabel("新密码", { exact: true }).fill("Liuhe2026station");
  await page.getByLabel("再次输入新密码", { exact: true }).fill("Liuhe2026station");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByTestId("home-role")).toHaveText("乡镇金融扶贫服务站");
  await expect(page.getByTestId("home-unit")).toHaveText("柳河乡");

  const row = await one<{ id: string; mustChangePassword: boolean }>(`SELECT id, "mustChangePassword" FROM "User" WHERE username = $1`, [username]);
  expect(row.mustChangePassword).toBe(false);
  const audits = await sql<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE "entityId" = $1 ORDER BY id`, [row.id]);
  expect(audits.map((a) => a.action)).toEqual(["user.create", "auth.signIn", "user.changePassword", "auth.signIn"]);
});

test("an admin adopts the Guizhou template, is refused activation until the blanks are filled, then activates it from a date", async ({ page }) => {
  await signIn(page, "admin01");
  const effective = isoDay(await serverToday(page), 3 * 365);
  await page.goto("/admin/policy-profiles");
  await page.getByLabel("政策模板").selectOption({ label: "贵州省（黔府办函〔2018〕119号）" });
  await page.getByRole("button", { name: "新建草稿" }).click();
  await expect(page.getByRole("heading", { name: /第 \d+ 版：贵州省/ })).toBeVisible();
  await expect(page.getByTestId("profile-state")).toHaveText("草稿");
  await expect(page.getByTestId("pending-problems")).toContainText("激活前还需处理 5 项");
  // Each setting carries its label and its source.
  await expect(page.getByTestId("source-breaker.lender")).toHaveText("依据：§9, §14; G 二(二)");
  await expect(page.getByLabel("放贷机构熔断阈值（不良贷款率）")).toHaveValue("0.03");

  await page.getByLabel("生效日期").fill(effective);
  await page.getByRole("button", { name: "保存并激活" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("未激活");
  await expect(page.getByTestId("error-guaranteeFees.householdSubsidyRate")).toContainText("请填写");
  await expect(page.getByTestId("error-guaranteeFees.enterpriseSubsidyRate")).toContainText("请填写");
  await expect(page.getByTestId("error-sharing.ratios.household")).toContainText("合计须为 100%");
  await expect(page.getByTestId("error-sharing.ratios.agri_enterprise")).toContainText("合计须为 100%");
  await expect(page.getByTestId("error-sharing.ratios.nonagri_enterprise")).toContainText("合计须为 100%");

  await page.getByLabel("农户贷款担保费补助率（年，补助担保机构）").fill("0");
  await page.getByLabel("企业贷款担保费补助率（年，补助担保机构）").fill("0");
  for (const label of ["贫困户贷款损失分担比例", "农业类带贫企业贷款损失分担比例", "非农业类带贫企业贷款损失分担比例（共同分担部分按再担保协议）"]) {
    await page.getByLabel(`${label} 第 1 行 分担方`).selectOption({ label: "县级风险补偿金" });
    await page.getByLabel(`${label} 第 1 行 比例`).fill("0.6");
    await page.getByLabel(`${label} 第 2 行 分担方`).selectOption({ label: "合作银行" });
    await page.getByLabel(`${label} 第 2 行 比例`).fill(label.startsWith("贫困户") ? "0.3" : "0.4");
  }
  await page.getByLabel("生效日期").fill(effective);
  await page.getByRole("button", { name: "保存并激活" }).click();
  // 0.6 + 0.3 is not 100%: still refused, at that table only.
  await expect(page.getByTestId("error-sharing.ratios.household")).toContainText("贫困户贷款");
  await expect(page.getByTestId("error-guaranteeFees.householdSubsidyRate")).toBeEmpty();

  await page.getByLabel("贫困户贷款损失分担比例 第 2 行 比例").fill("0.4");
  await page.getByLabel("生效日期").fill(effective);
  await page.getByRole("button", { name: "保存并激活" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已激活" })).toHaveText(`已激活，自 ${effective} 起生效。`);
  await expect(page.getByTestId("profile-state")).toHaveText("待生效");
  await expect(page.getByTestId("value-breaker.lender")).toHaveText("0.03");
  await expect(page.getByTestId("value-breaker.comparison")).toHaveText("达到即熔断（≥）");
  await expect(page.getByLabel("放贷机构熔断阈值（不良贷款率）")).toHaveCount(0);

  const profile = await one<{ version: number; status: string; effectiveFrom: string }>(
    `SELECT p.version, p.status::text AS status, to_char(p."effectiveFrom", 'YYYY-MM-DD') AS "effectiveFrom"
       FROM "PolicyProfile" p JOIN "OrgUnit" c ON c.id = p."countyId"
      WHERE c.code = '410499000000' AND p.template = 'guizhou' ORDER BY p.version DESC LIMIT 1`,
  );
  expect(profile).toEqual({ version: profile.version, status: "active", effectiveFrom: effective });

  // The list shows the version in force today and the scheduled one; the diff puts them side by side.
  await page.goto("/admin/policy-profiles");
  const list = page.getByTestId("profile-list");
  await expect(list.getByRole("row", { name: new RegExp(`第 ${profile.version} 版.*待生效.*${effective}`) })).toBeVisible();
  await expect(list.getByRole("row", { name: /第 1 版.*现行/ })).toBeVisible();
  await page.goto(`/admin/policy-profiles/diff?a=1&b=${profile.version}`);
  await expect(page.getByTestId("profile-diff").getByRole("row", { name: /放贷机构熔断阈值/ })).toContainText("0.03");

  // The county's breaker page follows the profile in force on each day: Henan's strict ">" rule
  // until the day before the effective date, Guizhou's "≥ 3%" lender rule from that date.
  await signOut(page);
  await signIn(page, "xian01");
  const setClock = async (iso: string | null) => expect((await page.request.post("/api/test/clock", { data: { now: iso } })).ok()).toBe(true);
  try {
    await setClock(`${isoDay(new Date(`${effective}T00:00:00Z`), -1)}T02:00:00Z`);
    await page.goto("/risk/breaker");
    await expect(page.getByText(/乡镇超过 5\.00%、村超过 7\.00% 即暂停/)).toBeVisible();
    await setClock(`${effective}T02:00:00Z`);
    await page.goto("/risk/breaker");
    await expect(page.getByText(/放贷机构达到或超过 3\.00% 即暂停/)).toBeVisible();
  } finally {
    await setClock(null);
  }
});

test("an organisation workbook with one bad row writes nothing and reports the row", async ({ page }) => {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("机构");
  sheet.addRow(["代码", "名称", "上级代码"]);
  sheet.addRow(["410499104000", "新建乡", "410499000000"]);
  sheet.addRow(["410499105001", "无乡村", "410499104000"]);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const count = async () => Number((await one<{ n: string }>(`SELECT count(*) AS n FROM "OrgUnit"`)).n);
  const before = await count();

  await signIn(page, "admin01");
  await page.goto("/admin/org-units");
  await expect(page.getByTestId("org-tree")).toContainText("410499101001");
  const form = page.getByTestId("org-import");
  await form.getByLabel("工作簿文件（.xlsx）").setInputFiles({ name: "机构.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
  await form.getByRole("button", { name: "导入" }).click();
  await expect(form.getByRole("alert")).toContainText("未写入任何数据");
  const report = form.getByTestId("import-report");
  await expect(report.getByRole("row", { name: /第 3 行.*上级代码/ })).toContainText("410499105000");
  expect(await count()).toBe(before);

  const template = await page.request.get("/api/admin/org-units/template");
  expect(template.status()).toBe(200);
  expect(template.headers()["content-type"]).toContain("spreadsheetml");
});

test("pages of the administration are not found for other roles", async ({ page }) => {
  await signIn(page, "xian01");
  await expect(page.getByRole("link", { name: "用户管理" })).toHaveCount(0);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(404);
  const template = await page.request.get("/api/admin/org-units/template");
  expect(template.status()).toBe(403);
});

test("the administration pages fit a phone screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, "admin01");
  const profile = await one<{ id: string }>(
    `SELECT p.id FROM "PolicyProfile" p JOIN "OrgUnit" c ON c.id = p."countyId" WHERE c.code = '410499000000' ORDER BY p.version LIMIT 1`,
  );
  for (const path of ["/admin/users", "/admin/users/new", "/admin/org-units", "/admin/banks", "/admin/policy-profiles", `/admin/policy-profiles/${profile.id}`, "/admin/calendar?year=2026", "/admin/rates", "/change-password"]) {
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
