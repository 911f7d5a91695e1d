import ExcelJS from "exceljs";
import { expect, type Page, test } from "@playwright/test";
import { one, plainIdNumber, signIn, signOut, sql } from "./helpers";

const PDF = { name: "申请书.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% signed application scan\n") };

/** A household of the village that may borrow and has no application yet. */
async function eligibleHousehold(villageCode: string, skip = 0) {
  const household = await one<{ id: string; headName: string; idNumber: string }>(
    `SELECT h.id, h."headName", h."idNumber" FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId"
     WHERE v.code = $1 AND h.status = 'registeredPoor' AND h."creditGrade" IN ('AAA', 'AA', 'A')
       AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."householdId" = h.id)
     ORDER BY h."headName", h.id OFFSET $2 LIMIT 1`,
    [villageCode, skip],
  );
  return { ...household, idNumber: plainIdNumber(household.idNumber) };
}

async function setClock(page: Page, iso: string | null) {
  const response = await page.request.post("/api/test/clock", { data: { now: iso } });
  expect(response.ok()).toBe(true);
}


/** A village cadre creates, documents and submits an application; returns its id. */
async function submitApplicationAsCadre(page: Page, household: { id: string }, amount = "30000") {
  await signIn(page, "cun01");
  await page.goto("/applications/new");
  await page.getByLabel("申请农户").selectOption(household.id);
  await page.getByLabel("申请金额（元）").fill(amount);
  await page.getByLabel("贷款期限（月）").fill("12");
  await page.getByLabel("贷款用途").selectOption("breeding");
  await expect(page.getByTestId("eligibility")).toContainText("符合贷款条件");
  await page.getByLabel("项目说明").fill("购买基础母牛 3 头，发展养殖");
  await page.getByLabel("还款来源").fill("出栏肉牛销售收入");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("已保存。")).toBeVisible();
  const id = page.url().split("/applications/")[1].split("?")[0];
  await page.locator("#file").setInputFiles(PDF);
  await page.getByRole("button", { name: "上传" }).click();
  await expect(page.getByText("已上传。")).toBeVisible();
  const scan = await page.request.get((await page.getByRole("link", { name: PDF.name }).getAttribute("href"))!);
  expect(scan.status()).toBe(200);
  expect(scan.headers()["content-type"]).toBe("application/pdf");
  expect(scan.headers()["content-disposition"]).toMatch(/^inline;/);
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByText("已提交，待乡镇审核").first()).toBeVisible();
  await signOut(page);
  return id;
}

/** The township approves and opens publicity; returns the last day of the period. */
async function reviewAndPublicise(page: Page, id: string) {
  await signIn(page, "xiang01");
  await page.goto(`/applications/${id}`);
  await page.getByRole("button", { name: "审核通过" }).click();
  await expect(page.getByText("乡镇已审核").first()).toBeVisible();
  await page.goto("/publicity");
  await page.getByRole("button", { name: "开始公示" }).click();
  await expect(page.getByText("已开始公示。")).toBeVisible();
  const round = await one<{ id: string; endsOn: string }>(
    `SELECT r.id, to_char(r."endsOn", 'YYYY-MM-DD') AS "endsOn" FROM "PublicityRound" r JOIN "Application" a ON a."publicityRoundId" = r.id WHERE a.id = $1`,
    [id],
  );
  return round;
}

function dayAfter(date: string) {
  const d = new Date(`${date}T02:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

test.afterEach(async ({ page }) => {
  await setClock(page, null);
});

test("village → township → 公示 → county → bank batch → bank response → loan with its schedule", async ({ page }, testInfo) => {
  const household = await eligibleHousehold("410499101001");
  const id = await submitApplicationAsCadre(page, household);

  const round = await reviewAndPublicise(page, id);
  await page.goto(`/publicity/${round.id}/notice`);
  await expect(page.getByText("扶贫小额信贷申请公示").first()).toBeVisible();
  await expect(page.getByText(household.headName).first()).toBeVisible();
  await expect(page.getByText(`${household.idNumber.slice(0, 6)}********${household.idNumber.slice(-4)}`).first()).toBeVisible();
  await expect(page.getByText(household.idNumber)).toHaveCount(0);
  await page.emulateMedia({ media: "print" });
  // Kept as a test artifact: test-results/<this test>/publicity-notice-a4.png
  const shot = testInfo.outputPath("publicity-notice-a4.png");
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach("publicity-notice-a4", { path: shot, contentType: "image/png" });
  await page.emulateMedia({ media: "screen" });
  await signOut(page);

  // The period ends: the test moves the server's clock to the day after its last day.
  const today = dayAfter(round.endsOn);
  await setClock(page, today);
  await signIn(page, "xian01");
  await page.goto(`/applications/${id}`);
  await expect(page.getByText("公示无异议").first()).toBeVisible();
  await page.getByRole("button", { name: "审核通过并批转" }).click();
  await expect(page.getByText("县中心已审核批转").first()).toBeVisible();
  await page.goto("/batches");
  await page.getByLabel("合作银行").selectOption({ label: "中国农业银行示范县支行" });
  await page.getByRole("button", { name: "生成批次并推送银行" }).click();
  await expect(page.getByText("已生成批次。")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载 Excel" }).first().click();
  const file = await (await download).path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  const headers = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? ""));
  const col = (name: string) => headers.findIndex((h) => h.startsWith(name));
  const number = (await one<{ serial: number }>(`SELECT serial FROM "Application" WHERE id = $1`, [id])).serial;
  const appNumber = `SQ${String(number).padStart(6, "0")}`;
  let rowNumber = 0;
  sheet.eachRow((row, n) => {
    if (String(row.getCell(col("申请编号")).value) === appNumber) rowNumber = n;
  });
  expect(rowNumber).toBeGreaterThan(1);
  const row = sheet.getRow(rowNumber);
  expect(String(row.getCell(col("身份证号")).value)).toBe(household.idNumber);
  expect(String(row.getCell(col("户主姓名")).value)).toBe(household.headName);
  expect(Number(row.getCell(col("申请金额")).value)).toBe(30000);
  await signOut(page);

  // The bank fills in its decision and uploads the workbook.
  const disbursedOn = today.slice(0, 10);
  row.getCell(col("审批结果")).value = "同意";
  row.getCell(col("合同编号")).value = "ABC-2026-0001";
  row.getCell(col("批准金额")).value = 30000;
  row.getCell(col("年利率")).value = "0.0435";
  row.getCell(col("批准期限")).value = 12;
  row.getCell(col("放款日期")).value = disbursedOn;
  const filled = Buffer.from(await workbook.xlsx.writeBuffer());
  await signIn(page, "yinhang01");
  await page.goto("/batches");
  await page.getByLabel("审批结果文件（.xlsx）").first().setInputFiles({ name: "response.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: filled });
  await page.getByRole("button", { name: "上传并导入" }).first().click();
  await expect(page.getByTestId("bank-response-report").first()).toContainText("已放款并生成贷款 1 件");

  const loan = await one<{ id: string; principal: string; maturity: string }>(
    `SELECT id, principal::text, to_char("maturityDate", 'YYYY-MM-DD') AS maturity FROM "Loan" WHERE "applicationId" = $1`,
    [id],
  );
  expect(loan.principal).toBe("30000.00");
  const schedule = await sql<{ due: string; principal: string; interest: string }>(
    `SELECT to_char("dueDate", 'YYYY-MM-DD') AS due, "principalDue"::text AS principal, "interestDue"::text AS interest FROM "ScheduleItem" WHERE "loanId" = $1 ORDER BY seq`,
    [loan.id],
  );
  expect(schedule.at(-1)).toMatchObject({ due: loan.maturity, principal: "30000.00" });
  expect(schedule.slice(0, -1).every((s) => s.principal === "0.00" && s.due.endsWith("-20"))).toBe(true);
  await page.goto(`/applications/${id}`);
  await expect(page.getByText("已放款").first()).toBeVisible();
  await expect(page.getByTestId("schedule").locator("tbody tr")).toHaveCount(schedule.length);
  await expect(page.getByTestId("timeline")).toContainText("审核通过并批转银行");
});

test("an open objection blocks forwarding until it is resolved", async ({ page }) => {
  const household = await eligibleHousehold("410499101001");
  const id = await submitApplicationAsCadre(page, household, "20000");
  const round = await reviewAndPublicise(page, id);
  await page.goto(`/applications/${id}`);
  await page.getByLabel("异议人").fill("王某");
  await page.getByLabel("异议内容").fill("该户家庭收入情况与申报不符");
  await page.getByRole("button", { name: "登记异议" }).click();
  await expect(page.getByText("已登记异议。")).toBeVisible();
  await signOut(page);

  await setClock(page, dayAfter(round.endsOn));
  await signIn(page, "xian01");
  await page.goto(`/applications/${id}`);
  await expect(page.getByText("公示异议处理中").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "审核通过并批转" })).toHaveCount(0);
  await signOut(page);

  await signIn(page, "xiang01");
  await page.goto(`/applications/${id}`);
  await page.getByLabel("处理理由").fill("经入户核实，收入申报属实");
  await page.getByRole("button", { name: "异议不成立" }).click();
  await expect(page.getByText("异议不成立：经入户核实，收入申报属实")).toBeVisible();
  await page.reload();
  await expect(page.getByText("公示无异议").first()).toBeVisible();
});

test("approving an application in a village halted by the circuit breaker is refused with the reason", async ({ page }) => {
  const household = await eligibleHousehold("410499101001");
  const id = await submitApplicationAsCadre(page, household, "10000");
  const round = await reviewAndPublicise(page, id);
  await signOut(page);
  // A defaulted household loan in the same village: its whole balance is non-performing.
  const bank = await one<{ id: string }>(`SELECT id FROM "Bank" WHERE name = '示范县农村商业银行'`);
  const app = await one<{ countyId: string; townshipId: string; villageId: string; createdById: string }>(
    `SELECT "countyId", "townshipId", "villageId", "createdById" FROM "Application" WHERE id = $1`, [id],
  );
  const other = await eligibleHousehold("410499101001", 3);
  const oldApp = await one<{ id: string }>(
    `INSERT INTO "Application" (id, kind, status, "countyId", "townshipId", "villageId", "householdId", amount, "termMonths", purpose,
       "projectDescription", "repaymentSource", "createdById", "updatedAt")
     VALUES (gen_random_uuid(), 'household', 'disbursed', $1, $2, $3, $4, 20000, 12, 'planting', '历史贷款', '种植收入', $5, now()) RETURNING id`,
    [app.countyId, app.townshipId, app.villageId, other.id, app.createdById],
  );
  await sql(
    `INSERT INTO "Loan" (id, "applicationId", kind, "countyId", "townshipId", "villageId", "householdId", "bankId", "contractNumber",
       principal, rate, "termMonths", "disbursedOn", "maturityDate", status, "outstandingPrincipal", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'household', $2, $3, $4, $5, $6, 'OLD-DEFAULT-1', 20000, 0.0435, 12, '2025-01-10', '2026-01-10', 'inBuffer', 20000, now())`,
    [oldApp.id, app.countyId, app.townshipId, app.villageId, other.id, bank.id],
  );
  await setClock(page, dayAfter(round.endsOn));
  await signIn(page, "xian02");
  await page.goto(`/applications/${id}`);
  await page.getByRole("button", { name: "审核通过并批转" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "熔断" }).first()).toBeVisible();
  const status = await one<{ status: string }>(`SELECT status::text FROM "Application" WHERE id = $1`, [id]);
  expect(status.status).toBe("publicityPassed");
  await sql(`DELETE FROM "Loan" WHERE "contractNumber" = 'OLD-DEFAULT-1'`);
});

test("a village cadre cannot open another village's application by URL", async ({ page }) => {
  const household = await eligibleHousehold("410499101001");
  const app = await one<{ id: string }>(
    `INSERT INTO "Application" (id, kind, status, "countyId", "townshipId", "villageId", "householdId", amount, "termMonths", purpose,
       "projectDescription", "repaymentSource", "createdById", "updatedAt")
     SELECT gen_random_uuid(), 'household', 'submitted', h."countyId", h."townshipId", h."villageId", h.id, 10000, 12, 'planting', '种植', '销售',
       (SELECT id FROM "User" WHERE username = 'cun01'), now()
     FROM "Household" h WHERE h.id = $1 RETURNING id`,
    [household.id],
  );
  await signIn(page, "cun02");
  const response = await page.goto(`/applications/${app.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText(household.headName)).toHaveCount(0);
  await page.goto("/applications");
  await expect(page.getByText(household.headName)).toHaveCount(0);
});

test("a bank response workbook with one bad row writes nothing and names the row", async ({ page }) => {
  const bank = await one<{ id: string; countyId: string }>(`SELECT id, "countyId" FROM "Bank" WHERE name = '中国农业银行示范县支行'`);
  const batch = await one<{ id: string }>(
    `INSERT INTO "Batch" (id, "countyId", "bankId", "createdById", "sentOn", deadline)
     VALUES (gen_random_uuid(), $1, $2, (SELECT id FROM "User" WHERE username = 'xian01'), CURRENT_DATE, CURRENT_DATE + 21) RETURNING id`,
    [bank.countyId, bank.id],
  );
  const ids: string[] = [];
  for (const skip of [5, 6]) {
    const h = await eligibleHousehold("410499101002", skip);
    const app = await one<{ id: string }>(
      `INSERT INTO "Application" (id, kind, status, "countyId", "townshipId", "villageId", "householdId", amount, "termMonths", purpose,
         "projectDescription", "repaymentSource", "createdById", "batchId", "updatedAt")
       SELECT gen_random_uuid(), 'household', 'batched', h."countyId", h."townshipId", h."villageId", h.id, 20000, 12, 'planting', '种植', '销售',
         (SELECT id FROM "User" WHERE username = 'cun02'), $2, now()
       FROM "Household" h WHERE h.id = $1 RETURNING id`,
      [h.id, batch.id],
    );
    ids.push(app.id);
  }
  await signIn(page, "yinhang01");
  const workbookResponse = await page.request.get(`/api/batches/${batch.id}/workbook`);
  expect(workbookResponse.ok()).toBe(true);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await workbookResponse.body()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const headers = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? ""));
  const col = (name: string) => headers.findIndex((h) => h.startsWith(name));
  const fill = (n: number, contract: string) => {
    const row = sheet.getRow(n);
    row.getCell(col("审批结果")).value = "同意";
    row.getCell(col("合同编号")).value = contract;
    row.getCell(col("批准金额")).value = 20000;
    row.getCell(col("年利率")).value = "0.0435";
    row.getCell(col("批准期限")).value = 12;
  };
  fill(2, "GOOD-0001");
  fill(3, "");
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await page.goto("/batches");
  const section = page.locator(`[data-batch-id="${batch.id}"]`);
  await section.getByLabel("审批结果文件（.xlsx）").setInputFiles({ name: "bad.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
  await section.getByRole("button", { name: "上传并导入" }).click();
  await expect(section.getByTestId("bank-response-errors")).toContainText("第 3 行");
  await expect(section.getByTestId("bank-response-errors")).toContainText("合同编号");
  const decisions = await sql(`SELECT 1 FROM "BankDecision" WHERE "applicationId" = ANY($1::text[])`, [ids]);
  expect(decisions).toHaveLength(0);
  const statuses = await sql<{ status: string }>(`SELECT status::text FROM "Application" WHERE id = ANY($1::text[])`, [ids]);
  expect(statuses.map((s) => s.status)).toEqual(["batched", "batched"]);
});
