import { expect, test } from "@playwright/test";
import { unifiedSocialCreditCheckChar } from "../../lib/domain/enterprise-eligibility";
import { one, signIn, sql } from "./helpers";

const SCAN = { name: "四方协议.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% signed four-party agreement\n") };
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** A valid 统一社会信用代码 no demo record has: 93 (cooperative), the county's area code, a time-based tail. */
function freshCreditCode(): string {
  let n = Date.now();
  let tail = "";
  for (let i = 0; i < 7; i++) {
    tail = CHARSET[n % 31] + tail;
    n = Math.floor(n / 31);
  }
  const first17 = `93410499MA${tail}`;
  return first17 + unifiedSocialCreditCheckChar(first17);
}

test("a township officer registers a cooperative, enters an application driving two households and submits it", async ({ page }) => {
  const code = freshCreditCode();
  const name = `东关种养专业合作社${code.slice(-4)}`;
  const households = await sql<{ id: string; headName: string }>(
    `SELECT h.id, h."headName" FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId" JOIN "OrgUnit" t ON t.id = v."parentId"
     WHERE t.code = '410499101000' AND h.status IN ('registeredPoor', 'monitored', 'exitedPoverty')
     ORDER BY h."headName", h.id LIMIT 2`,
  );
  expect(households).toHaveLength(2);

  await signIn(page, "xiang01");
  await page.getByRole("link", { name: "带贫主体", exact: true }).first().click();
  await page.getByRole("link", { name: "登记带贫主体" }).click();

  // A code with a wrong check character is refused beside the field; what was typed stays.
  await page.getByLabel("主体名称").fill(name);
  await page.getByLabel("统一社会信用代码").fill(code.slice(0, 17) + (code.endsWith("0") ? "1" : "0"));
  await page.getByLabel("法定代表人").fill("王五");
  await page.getByLabel("主体类型").selectOption({ label: "农民专业合作社" });
  await page.getByLabel("所属行业").selectOption({ label: "农业产业" });
  await page.getByLabel("开始经营日期").fill("2020-05-01");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("error-creditCode")).toHaveText("统一社会信用代码校验位不正确，请核对");
  await expect(page.getByLabel("统一社会信用代码")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("主体类型")).toHaveValue("cooperative");
  await expect(page.getByLabel("主体名称")).toHaveValue(name);

  await page.getByLabel("统一社会信用代码").fill(code);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toHaveText("已保存。");
  await expect(page.getByRole("heading", { name: `带贫主体：${name}` })).toBeVisible();
  await expect(page.getByText(code)).toBeVisible();

  // The application, started from the cooperative's page.
  await page.getByRole("link", { name: "新建贷款申请", exact: true }).click();
  await expect(page.getByLabel("带贫主体", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
  await page.getByLabel("申请金额（元）").fill("300000");
  await page.getByLabel("贷款期限（月）").fill("12");
  await page.getByLabel("申请年利率").fill("0.05");
  await page.getByLabel("贷款用途").selectOption("breeding");
  await page.getByLabel("项目说明").fill("扩建肉牛养殖场，吸纳贫困户务工并入股分红");
  await page.getByLabel("还款来源").fill("肉牛出栏销售收入");
  for (const h of households) await page.locator(`input[name="householdIds"][value="${h.id}"]`).check();
  await page.getByLabel("签约各方").fill("示范县人民政府、农业银行示范县支行、本合作社、带动贫困户代表");
  await page.getByLabel("签订日期").fill("2026-01-15");
  await expect(page.getByTestId("eligibility")).toContainText("超过基准利率上浮上限 0.04785");

  // Over the cap (4.35% × 1.10): refused at the field, nothing lost.
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByTestId("error-requestedRate")).toContainText("超过基准利率上浮上限 0.04785");
  for (const h of households) await expect(page.locator(`input[name="householdIds"][value="${h.id}"]`)).toBeChecked();
  await expect(page.getByLabel("贷款用途")).toHaveValue("breeding");

  await page.getByLabel("申请年利率").fill("0.04785");
  await expect(page.getByTestId("eligibility")).toContainText("符合带贫主体贷款条件");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("已保存。")).toBeVisible();
  const id = page.url().split("/applications/")[1].split("?")[0];
  const driven = page.getByTestId("driven-households");
  for (const h of households) await expect(driven).toContainText(h.headName);

  // Submitting without the agreement's scan is refused; with it, it goes to the township's review.
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "请先上传四方协议" })).toBeVisible();
  await page.getByLabel("材料类型").selectOption({ label: "四方协议" });
  await page.locator("#file").setInputFiles(SCAN);
  await page.getByRole("button", { name: "上传" }).click();
  await expect(page.getByText("已上传。")).toBeVisible();
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByText("已提交，待乡镇审核").first()).toBeVisible();

  const row = await one<{ kind: string; status: string; largeLoan: boolean; links: string }>(
    `SELECT a.kind::text, a.status::text, a."largeLoan", (SELECT count(*) FROM "ApplicationHousehold" l WHERE l."applicationId" = a.id)::text AS links
     FROM "Application" a WHERE a.id = $1`,
    [id],
  );
  expect(row).toEqual({ kind: "enterprise", status: "submitted", largeLoan: false, links: "2" });

  // The list shows it with the cooperative's name as applicant.
  await page.getByRole("navigation").getByRole("link", { name: /^贷款申请/ }).first().click();
  await expect(page).toHaveURL(/\/applications$/);
  const listed = page.getByRole("row", { name: new RegExp(name) });
  await expect(listed).toBeVisible();
  await expect(listed).toContainText("300000.00");
  await expect(listed).toContainText("已提交，待乡镇审核");
  await expect(listed).toContainText("城关镇");
});
