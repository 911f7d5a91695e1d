import pg from "pg";
import { LABOUR_CAPACITY_LABELS, HOUSEHOLD_STATUS_LABELS } from "../../lib/labels";
import { piiHash, piiKeysFromEnv } from "../../lib/server/pii";
import { benchLine, median, timeRuns } from "./measure";
import { benchCounty, benchIdNumber, SHAPE } from "./province";

const ROWS = 10_000;
const COUNTY = 2;

/**
 * import_10k_s (issue 8): a 10,000-row household workbook (the portal's import template, every
 * village of the county, valid new ID numbers) imported by a county officer through the use case
 * importHouseholds; the rows are removed again after each run. Median of warm runs.
 */
export async function benchImport(url: string, runs: number) {
  const { importHouseholds, HOUSEHOLD_IMPORT_HEADERS } = await import("../../lib/server/households/import-households");
  const { writeSheet } = await import("../../lib/server/xlsx");
  const { actorFromUser } = await import("../../lib/server/actor-from-user");
  const { prisma } = await import("../../lib/server/db");
  const county = benchCounty(COUNTY);
  const user = await prisma.user.findUniqueOrThrow({ where: { username: county.officer }, include: { orgUnit: true } });
  const actor = actorFromUser(user)!;
  const villages = await prisma.orgUnit.findMany({ where: { countyId: county.countyId, level: "village" }, select: { code: true }, orderBy: { code: "asc" } });

  // Household numbers after the generated ones: new, valid ID numbers of the county.
  const first = SHAPE.townshipsPerCounty * SHAPE.villagesPerTownship * SHAPE.householdsPerVillage + 1_000;
  const statuses = Object.values(HOUSEHOLD_STATUS_LABELS);
  const labour = Object.values(LABOUR_CAPACITY_LABELS);
  const ids = Array.from({ length: ROWS }, (_, i) => benchIdNumber(COUNTY, first + i));
  // Cells by header name, laid out in the template's column order.
  const rows = ids.map((id, i) => {
    const cells: Record<string, string> = {
      村: villages[i % villages.length].code, 村代码: villages[i % villages.length].code, 户主姓名: `新户${i + 1}`, 身份证号: id,
      联系电话: `139${String(10_000_000 + i).padStart(8, "0")}`, 户类型: statuses[i % statuses.length], 家庭人口: String(1 + (i % 6)),
      劳动能力: labour[i % labour.length], 住址: `第${(i % 12) + 1}组${(i % 80) + 1}号`, 备注: i % 5 === 0 ? "2026年动态调整新增" : "",
    };
    return HOUSEHOLD_IMPORT_HEADERS.map((h) => cells[h] ?? "");
  });
  const file = new Uint8Array(await writeSheet({ sheetName: "农户登记", headers: HOUSEHOLD_IMPORT_HEADERS, rows }));

  const keys = piiKeysFromEnv();
  const hashes = ids.map((id) => piiHash(keys, "idNumber", id));
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  let imported = 0;
  try {
    const sorted = await timeRuns({
      runs,
      work: async () => {
        try {
          ({ imported } = await importHouseholds(actor, { file, fileName: "bench-10k.xlsx" }));
        } catch (error) {
          const fields = (error as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {};
          throw new Error(`${(error as Error).message} ${JSON.stringify(Object.entries(fields).slice(0, 8))}`);
        }
      },
      between: async () => {
        await db.query(`DELETE FROM "Household" WHERE "countyId" = $1 AND "idNumberHash" = ANY($2::text[])`, [county.countyId, hashes]);
        await db.query(`VACUUM "Household"`);
      },
    });
    console.log(`农户导入：${imported} 户，工作簿 ${(file.byteLength / 1024).toFixed(0)} KB（各次 ${sorted.map((t) => (t / 1000).toFixed(1)).join("/")} 秒）`);
    return benchLine("import_10k_s", median(sorted) / 1000, "s", "<=", 15, 1);
  } finally {
    await db.end();
  }
}
