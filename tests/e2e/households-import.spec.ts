import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { freshIdNumber, one, signIn, sql } from "./helpers";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

test("a township officer imports households from the template; a bad file writes nothing and names the row", async ({ page }) => {
  await signIn(page, "xiang01");
  await page.getByRole("link", { name: "农户信息" }).first().click();
  await page.getByRole("link", { name: "批量导入" }).click();

  const template = await page.request.get("/api/households/import-template");
  expect(template.status()).toBe(200);
  expect(template.headers()["content-type"]).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await template.body()) as unknown as ExcelJS.Buffer);
  const sheet = wb.worksheets[0];
  const village = await one<{ code: string }>(`SELECT code FROM "OrgUnit" WHERE name = '东关村'`);
  const before = Number((await one<{ n: string }>(`SELECT count(*)::text AS n FROM "Household"`)).n);

  const upload = async (rows: string[][]) => {
    for (let r = sheet.rowCount; r > 1; r--) sheet.spliceRows(r, 1);
    for (const row of rows) sheet.addRow(row);
    const form = page.getByTestId("household-import");
    await form.getByLabel("农户登记表（.xlsx）").setInputFiles({ name: "农户.xlsx", mimeType: XLSX, buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
    await form.getByRole("button", { name: "上传并导入" }).click();
    return form;
  };

  const form = await upload([
    [village.code, "导入甲", freshIdNumber(), "13912345678", "建档立卡贫困户", "4", "有劳动能力", "", ""],
    [village.code, "导入乙", "41049920010101123", "", "边缘户", "2", "弱劳动能力", "", ""],
  ]);
  await expect(form.getByRole("alert")).toContainText("未写入任何数据");
  await expect(form.getByTestId("import-report").getByRole("row", { name: /第 3 行.*身份证号/ })).toBeVisible();
  expect(Number((await one<{ n: string }>(`SELECT count(*)::text AS n FROM "Household"`)).n)).toBe(before);

  await upload([
    [village.code, "导入甲", freshIdNumber(), "13912345678", "建档立卡贫困户", "4", "有劳动能力", "", ""],
    [village.code, "导入乙", freshIdNumber(), "", "边缘户", "2", "弱劳动能力", "", ""],
  ]);
  await expect(page.getByText("导入完成：已登记 2 户。")).toBeVisible();
  const names = await sql<{ headName: string }>(`SELECT "headName" FROM "Household" WHERE "headName" LIKE '导入%' ORDER BY "headName"`);
  expect(new Set(names.map((n) => n.headName))).toEqual(new Set(["导入甲", "导入乙"]));
});
