import { expect, type Page, test } from "@playwright/test";
import { one, signIn, signOut, sql } from "./helpers";

const VILLAGE = "410499103004"; // 石桥镇 马庄村
const BANK = "中国农业银行示范县支行"; // yinhang01's bank

async function setClock(page: Page, iso: string | null) {
  const response = await page.request.post("/api/test/clock", { data: { now: iso } });
  expect(response.ok()).toBe(true);
}

/** Moves the server clock to 10:00 in Shanghai on `date` and runs the daily job for that date. */
async function dailyJob(page: Page, date: string) {
  await setClock(page, `${date}T02:00:00Z`);
  const response = await page.request.post("/api/test/daily-job", { data: { date } });
  expect(response.ok()).toBe(true);
  return (await response.json()) as { runs: { county: string; lossCasesOpened?: number; skipped?: string }[] };
}


/**
 * A disbursed 10,000 元 loan of a 马庄村 household at the demo bank, written directly as issue 4's
 * disbursement leaves it: interest 120.83 due 21 July 2026, principal and 111.11 interest due 21 October.
 */
async function makeLoan(contract: string, village = VILLAGE, principal = "10000") {
  const h = await one<{ id: string; townshipId: string; villageId: string; countyId: string; headName: string }>(
    `SELECT h.id, h."townshipId", h."villageId", h."countyId", h."headName" FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId"
     WHERE v.code = $1 AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."householdId" = h.id) ORDER BY h."headName", h.id LIMIT 1`,
    [village],
  );
  const bank = await one<{ id: string }>(`SELECT id FROM "Bank" WHERE name = $1`, [BANK]);
  const app = await one<{ id: string }>(
    `INSERT INTO "Application" (id, kind, status, "countyId", "townshipId", "villageId", "householdId", amount, "termMonths", purpose, "projectDescription", "repaymentSource", "createdById", "updatedAt")
     VALUES (gen_random_uuid(), 'household', 'disbursed', $1, $2, $3, $4, $5, 6, 'breeding', '养羊', '出栏收入', 'e2e', now()) RETURNING id`,
    [h.countyId, h.townshipId, h.villageId, h.id, principal],
  );
  const loan = await one<{ id: string }>(
    `INSERT INTO "Loan" (id, "applicationId", kind, "countyId", "townshipId", "villageId", "householdId", "bankId", "contractNumber", principal, rate, "termMonths", "disbursedOn", "maturityDate", "outstandingPrincipal", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'household', $2, $3, $4, $5, $6, $7, $8, 0.0435, 6, '2026-04-21', '2026-10-21', $8, now()) RETURNING id`,
    [app.id, h.countyId, h.townshipId, h.villageId, h.id, bank.id, contract, principal],
  );
  await sql(
    `INSERT INTO "ScheduleItem" (id, "loanId", seq, "dueDate", "principalDue", "interestDue") VALUES
     (gen_random_uuid(), $1, 1, '2026-07-21', 0, 120.83), (gen_random_uuid(), $1, 2, '2026-10-21', $2, 111.11)`,
    [loan.id, principal],
  );
  return { loanId: loan.id, borrower: h.headName };
}

test.afterEach(async ({ page }) => {
  await setClock(page, null);
});

test("a loan goes overdue, enters buffer, the split case opens with its shares to the fen, parties pay, the fund ledger moves, a recovery is shared", async ({ page }) => {
  const contract = `E2E-FD-${Date.now()}`;
  const { loanId } = await makeLoan(contract);

  // The day after the due date: overdue, and the 70-day buffer starts.
  await dailyJob(page, "2026-07-22");
  await signIn(page, "yinhang01");
  await page.goto(`/loans?status=inBuffer&q=${contract}`);
  const row = page.getByRole("row").filter({ hasText: contract });
  await expect(row).toContainText("缓冲期");
  await expect(row).toContainText("10,000.00");
  await row.getByRole("link", { name: contract }).click();
  await expect(page.getByTestId("buffer")).toContainText("自 2026-07-22 起逾期；缓冲期至 2026-09-29 届满");
  await expect(page.getByTestId("buffer")).toContainText("分担时限 2026-10-19");
  await signOut(page);

  // The village's NPL ratio now exceeds 7%: the breaker page shows it tripped, with the event.
  await signIn(page, "xian01");
  await page.goto("/risk/breaker");
  await expect(page.getByTestId("breaker-table").getByRole("row").filter({ has: page.getByRole("cell", { name: "马庄村", exact: true }) })).toContainText("已熔断");
  await expect(page.getByTestId("breaker-history")).toContainText("马庄村");

  // On the buffer's last day nothing is split; the day after, the case opens.
  await dailyJob(page, "2026-09-29");
  expect(Number((await one<{ n: string }>(`SELECT count(*) AS n FROM "LossCase" WHERE "loanId" = $1`, [loanId])).n)).toBe(0);
  await dailyJob(page, "2026-09-30");
  await page.goto("/loans/loss-cases?status=open");
  const caseRow = page.getByRole("row").filter({ hasText: contract });
  await expect(caseRow).toContainText("10,120.83");
  await caseRow.getByRole("link").first().click();
  await expect(page.getByTestId("loss")).toHaveText("10,120.83 元");
  await expect(page.getByTestId("buffer-ends")).toHaveText("2026-09-29");
  // 10 working days: 30 Sep, then 国庆 1–7 Oct, 8, 9, Saturday 10 Oct (调休), 12–16, 19 Oct.
  await expect(page.getByTestId("split-deadline")).toHaveText("2026-10-19");
  await expect(page.getByTestId("share-provincial_agri_guarantee")).toContainText("4,048.33");
  await expect(page.getByTestId("share-county_fund")).toContainText("3,036.25");
  await expect(page.getByTestId("share-provincial_guarantee_group")).toContainText("2,024.17");
  await expect(page.getByTestId("share-bank")).toContainText("1,012.08");
  const caseUrl = page.url();
  await signOut(page);

  // The bank confirms and pays its own share; it cannot act for the others.
  await setClock(page, "2026-10-12T02:00:00Z");
  await signIn(page, "yinhang01");
  await page.goto(caseUrl);
  await expect(page.getByTestId("share-county_fund").getByRole("button")).toHaveCount(0);
  await page.getByTestId("share-bank").getByRole("button", { name: "确认分担" }).click();
  await expect(page.getByTestId("share-bank")).toContainText("已确认");
  await page.getByTestId("share-bank").getByLabel("付款凭证号").fill("YH-2026-1012");
  await page.getByTestId("share-bank").getByRole("button", { name: "登记付款" }).click();
  await expect(page.getByTestId("share-bank")).toContainText("已付款（凭证 YH-2026-1012）");
  await signOut(page);

  // The finance bureau pays the county fund's share: the ledger moves.
  await signIn(page, "caizheng01");
  await page.goto(caseUrl);
  await page.getByTestId("share-county_fund").getByRole("button", { name: "确认分担" }).click();
  await expect(page.getByTestId("share-county_fund")).toContainText("已确认");
  await page.getByTestId("share-county_fund").getByLabel("付款凭证号").fill("CZ-2026-88");
  await page.getByTestId("share-county_fund").getByRole("button", { name: "登记付款" }).click();
  await expect(page.getByTestId("share-county_fund")).toContainText("已付款");
  await page.goto("/risk/fund");
  await expect(page.getByTestId("fund-entries").getByRole("row").filter({ hasText: "CZ-2026-88" })).toContainText("-3,036.25");
  await signOut(page);

  // The county centre records the guarantors' payments: all paid, the loan is written off (账销案存).
  await signIn(page, "xian01");
  await page.goto(caseUrl);
  for (const party of ["provincial_agri_guarantee", "provincial_guarantee_group"]) {
    const share = page.getByTestId(`share-${party}`);
    await share.getByRole("button", { name: "确认分担" }).click();
    await expect(share).toContainText("已确认");
    await share.getByLabel("付款凭证号").fill(`DB-${party}`);
    await share.getByRole("button", { name: "登记付款" }).click();
    await expect(share).toContainText("已付款");
  }
  await expect(page.getByText("已结案，贷款账销案存")).toBeVisible();
  await page.goto(`/loans/${loanId}`);
  await expect(page.getByText("账销案存").first()).toBeVisible();

  // A recovery after the write-off: 5,000 collected, 200 costs, 4,800 shared pro rata.
  await page.goto(caseUrl);
  await page.getByLabel("收回金额（元）").fill("5000");
  await page.getByLabel("追偿费用（元）").fill("200");
  await page.getByLabel("收回日期").fill("2026-10-12");
  await page.getByRole("button", { name: "登记追偿回款" }).click();
  await expect(page.getByText("净额 4800.00 元已按比例分配")).toBeVisible();
  await expect(page.getByText("县级风险补偿金：1,440.00 元")).toBeVisible();
  await expect(page.getByText("合作银行：480.00 元")).toBeVisible();
  await page.goto("/risk/fund");
  await expect(page.getByTestId("fund-entries").getByRole("row").filter({ hasText: "追偿返还" }).first()).toContainText("1,440.00");

  // With the loan written off, the village's ratio falls back and its breaker resumes.
  await dailyJob(page, "2026-10-13");
  await page.goto("/risk/breaker");
  await expect(page.getByTestId("breaker-table").getByRole("row").filter({ has: page.getByRole("cell", { name: "马庄村", exact: true }) })).toContainText("正常");
  await expect(page.getByTestId("breaker-history").getByRole("row").filter({ hasText: "马庄村" }).first()).toContainText("恢复");
});

test("a bank records a repayment on the form; the same bank reference again changes nothing", async ({ page }) => {
  const contract = `E2E-HK-${Date.now()}`;
  const { loanId } = await makeLoan(contract);
  await setClock(page, "2026-07-21T02:00:00Z");
  await signIn(page, "yinhang01");
  await page.goto(`/loans/${loanId}`);
  for (let i = 0; i < 2; i++) {
    await page.getByLabel("银行流水号").fill("HK-0721-01");
    await page.getByLabel("还款日期").fill("2026-07-21");
    await page.getByLabel("本金（元）").fill("1000");
    await page.getByLabel("利息（元）").fill("120.83");
    await page.getByRole("button", { name: "登记还款" }).click();
    await expect(page.getByText(i === 0 ? "已登记还款，剩余本金 9000.00 元。" : "该银行流水号的还款已登记过，本次未重复入账。")).toBeVisible();
  }
  await expect(page.getByTestId("outstanding")).toHaveText("9,000.00 元");
  expect(Number((await one<{ n: string }>(`SELECT count(*) AS n FROM "Repayment" WHERE "loanId" = $1`, [loanId])).n)).toBe(1);

  // 30 days before the next due date the daily job raises a written notice: printed with 大写, then delivered.
  await dailyJob(page, "2026-09-21");
  await page.goto("/loans/reminders?kind=writtenNotice");
  const reminder = page.getByTestId("reminders").getByRole("row").filter({ hasText: contract });
  await expect(reminder).toContainText("2026-10-21");
  await expect(reminder).toContainText("9,111.11");
  await reminder.getByRole("link", { name: "打印通知书" }).click();
  const notice = page.getByTestId("written-notice");
  await expect(notice).toContainText("贷款到期还款通知书");
  await expect(notice).toContainText("2026 年 10 月 21 日");
  await expect(notice).toContainText("￥9,111.11");
  await expect(notice).toContainText("玖仟壹佰壹拾壹元壹角壹分");
  await expect(notice).toContainText("壹佰壹拾壹元壹角壹分");
  await page.goto("/loans/reminders?kind=writtenNotice");
  await page.getByTestId("reminders").getByRole("row").filter({ hasText: contract }).getByRole("button", { name: "登记送达" }).click();
  await expect(page.getByTestId("reminders").getByRole("row").filter({ hasText: contract })).toHaveCount(0);
});

test("the village's NPL crosses 7%: new applications there are refused; a repayment clears the arrears and intake reopens", async ({ page }) => {
  const contract = `E2E-RD-${Date.now()}`;
  // 东关村 (cun01's village): a 50,000 loan whose interest instalment of 21 July is unpaid.
  const { loanId } = await makeLoan(contract, "410499101001", "50000");
  // A date of its own: the job has already run for 22 July in this database, and a second run changes nothing.
  await dailyJob(page, "2026-07-23");
  const candidate = await one<{ id: string }>(
    `SELECT h.id FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId"
     WHERE v.code = '410499101001' AND h.status = 'registeredPoor' AND h."creditGrade" IN ('AAA', 'AA', 'A')
       AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."householdId" = h.id) ORDER BY h."headName", h.id LIMIT 1`,
  );
  const eligibility = async () => {
    await page.goto("/applications/new");
    await page.getByLabel("申请农户").selectOption(candidate.id);
    await page.getByLabel("申请金额（元）").fill("20000");
    await page.getByLabel("贷款期限（月）").fill("12");
    await page.getByLabel("贷款用途").selectOption("breeding");
    return page.getByTestId("eligibility");
  };
  await signIn(page, "cun01");
  await expect(await eligibility()).toContainText("已暂停新增扶贫小额信贷");
  await signOut(page);

  await signIn(page, "yinhang01");
  await page.goto(`/loans/${loanId}`);
  await page.getByLabel("银行流水号").fill("HK-0722-RD");
  await page.getByLabel("还款日期").fill("2026-07-23");
  await page.getByLabel("本金（元）").fill("0");
  await page.getByLabel("利息（元）").fill("120.83");
  await page.getByLabel("罚息（元）").fill("0.50");
  await page.getByRole("button", { name: "登记还款" }).click();
  await expect(page.getByText("已登记还款")).toBeVisible();
  await expect(page.getByText("正常还款").first()).toBeVisible();
  await signOut(page);

  await signIn(page, "cun01");
  await expect(await eligibility()).toContainText("符合贷款条件");
});
