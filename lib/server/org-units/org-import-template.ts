import "server-only";
import { z } from "zod";
import { defineQuery } from "../use-case";
import { writeSheet } from "../xlsx";
import { ORG_IMPORT_HEADERS } from "./import-org-units";
import { countyUnit } from "./org-unit-records";

/** The import workbook, pre-filled with the county's current townships and villages. */
export const orgImportTemplate = defineQuery({
  name: "orgUnit.importTemplate",
  roles: ["admin"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx }) {
    const county = await countyUnit(tx, actor);
    const units = await tx.orgUnit.findMany({
      where: { countyId: county.id, level: { in: ["township", "village"] } },
      orderBy: { code: "asc" },
    });
    const codeOf = new Map([[county.id, county.code], ...units.map((u) => [u.id, u.code] as const)]);
    const bytes = await writeSheet({
      sheetName: "机构",
      headers: ORG_IMPORT_HEADERS,
      widths: [18, 24, 18],
      rows: units.map((u) => [u.code, u.name, codeOf.get(u.parentId ?? "") ?? ""]),
      notes: [
        `本县：${county.name}，代码 ${county.code}。`,
        "代码为 12 位统计用区划代码：前 6 位为县，7–9 位为乡镇，10–12 位为村。",
        "乡镇代码以 000 结尾，上级代码填本县代码；村的代码前 9 位与所属乡镇相同，上级代码填乡镇代码。",
        "已有的乡镇和村（代码、名称都相同）会被跳过；改名请在“组织机构”页面操作。",
        "任何一行有误时不会写入任何数据，页面会列出每一行的错误。",
      ],
    });
    return { fileName: `组织机构导入模板-${county.name}.xlsx`, bytes };
  },
});
