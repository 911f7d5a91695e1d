import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { freshIdNumber, one, signIn, sql } from "./helpers";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

test("a village cadre imports households from the downloaded template; a bad file writes nothing and lists each row's problem", async ({ page }) => {
  await signIn(page, "cun01");
  await page.getByRole("link", { name: "农户信息" }).first().click();
  await page.getByRole("link", { name: "批量导入" }).click();
  await expect(page.getByRole("heading", { name: "批量导入农户" })).toBeVisible();

  // The template as the page offers it: the columns, and the cadre's own village in its notes.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载导入模板" }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ExcelJS.Buffer);
  const sheet = wb.worksheets[0];
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  expect(headers.slice(0, 6)).toEqual(["户主姓名", "身份证号", "村", "户类型", "家庭人口", "劳动能力"]);
  const notes = wb.getWorksheet("说明")!.getColumn(1).values.map(String).join("\n");
  expect(notes).toContain("东关村");
  expect(notes).not.toContain("西关村");

  const upload = async (rows: Record<string, string>[]) => {
    for (let r = sheet.rowCount; r > 1; r--) sheet.spliceRows(r, 1);
    for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? ""));
    const form = page.getByTestId("household-import");
    await form.getByLabel("农户登记表（.xlsx）").setInputFiles({ name: "东关村农户.xlsx", mimeType: XLSX, buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
    await form.getByRole("button", { name: "上传并导入" }).click();
    return form;
  };
  const count = async () => Number((await one<{ n: string }>(`SELECT count(*)::text AS n FROM "Household"`)).n);

  const [idA, idB] = [freshIdNumber(), freshIdNumber()];
  const form = await upload([
    { 户主姓名: "导入甲", 身份证号: idA, 村: "", 户类型: "建档立卡贫困户", 家庭人口: "4", 劳动能力: "有劳动能力", 联系电话: "13912345678" },
    { 户主姓名: "导入乙", 身份证号: idB, 村: "东关村", 户类型: "边缘户", 家庭人口: "2", 劳动能力: "弱劳动能力" },
  ]);
  const summary = form.getByTestId("import-summary");
  await expect(summary).toContainText("导入完成：已登记 2 户。");
  await expect(summary.getByRole("row", { name: /东关村.*2/ })).toBeVisible();
  const stored = await sql<{ headName: string; village: string }>(
    `SELECT h."headName", v.name AS village FROM "Household" h JOIN "OrgUnit" v ON v.id = h."villageId" WHERE h."headName" LIKE '导入%'`,
  );
  expect(stored.map((h) => `${h.headName}@${h.village}`).sort()).toEqual(["导入甲@东关村", "导入乙@东关村"].sort());

  const before = await count();
  await upload([
    { 户主姓名: "导入丙", 身份证号: freshIdNumber(), 户类型: "建档立卡贫困户", 家庭人口: "3", 劳动能力: "有劳动能力" },
    { 户主姓名: "导入丁", 身份证号: idA, 户类型: "建档立卡贫困户", 家庭人口: "3", 劳动能力: "有劳动能力" },
    { 户主姓名: "导入戊", 身份证号: freshIdNumber(), 村: "西关村", 户类型: "贫困户", 家庭人口: "3", 劳动能力: "有劳动能力" },
  ]);
  await expect(form.getByRole("alert")).toContainText("2 行有误，未写入任何数据");
  const report = form.getByTestId("import-report");
  await expect(report.getByRole("row", { name: /第 3 行\s*身份证号\s*本县已登记/ })).toBeVisible();
  await expect(report.getByRole("row", { name: /第 4 行\s*村\s*不是您可登记的村/ })).toBeVisible();
  await expect(report.getByRole("row", { name: /第 4 行\s*户类型/ })).toBeVisible();
  expect(await count()).toBe(before);
});
