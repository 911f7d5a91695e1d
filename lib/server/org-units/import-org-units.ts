import "server-only";
import { z } from "zod";
import { validateOrgImport } from "@/lib/domain/org-code";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { readSheet, rowErrorsToFields } from "../xlsx";
import { countyUnit } from "./org-unit-records";

export const ORG_IMPORT_HEADERS = ["代码", "名称", "上级代码"] as const;

const input = z.object({ file: z.instanceof(Uint8Array, { error: "请选择要导入的工作簿文件" }) });

/**
 * Imports townships and villages from a workbook (columns 代码, 名称, 上级代码). Every row is
 * checked first; when any row is wrong nothing is written and the report lists each row, column
 * and reason (field errors `rows.<row>.<column>`). Rows for units that already exist under the
 * same name are skipped, so the same workbook can be imported twice.
 */
export const importOrgUnits = defineMutation({
  name: "orgUnit.import",
  roles: ["admin"],
  input,
  async run({ actor, input: { file }, tx, audit }) {
    const county = await countyUnit(tx, actor);
    const rows = await readSheet(file, ORG_IMPORT_HEADERS);
    const existing = await tx.orgUnit.findMany({ where: { countyId: county.id }, select: { id: true, code: true, name: true, level: true } });
    const result = validateOrgImport({
      countyCode: county.code,
      existing,
      rows: rows.map((r) => ({ row: r.row, code: r.cells["代码"], name: r.cells["名称"], parentCode: r.cells["上级代码"] })),
    });
    if (result.errors.length > 0) {
      const badRows = new Set(result.errors.map((e) => e.row)).size;
      throw new AppError("VALIDATION", `导入失败：${badRows} 行有误，未写入任何数据。请按下表修改后重新导入。`, rowErrorsToFields(result.errors));
    }
    // Codes are unique across counties too: a code held by another county is refused without naming it.
    const elsewhere = await tx.orgUnit.findMany({ where: { code: { in: result.create.map((u) => u.code) } }, select: { code: true } });
    if (elsewhere.length > 0) {
      const taken = new Set(elsewhere.map((u) => u.code));
      const errors = rows
        .filter((r) => taken.has(r.cells["代码"]))
        .map((r) => ({ row: r.row, column: "代码", message: "该代码已被使用" }));
      throw new AppError("VALIDATION", "导入失败：部分代码已被使用，未写入任何数据。", rowErrorsToFields(errors));
    }
    const idOf = new Map(existing.map((u) => [u.code, u.id]));
    idOf.set(county.code, county.id);
    for (const u of result.create) {
      const created = await tx.orgUnit.create({
        data: { code: u.code, name: u.name, level: u.level, parentId: idOf.get(u.parentCode)!, countyId: county.id },
      });
      idOf.set(u.code, created.id);
    }
    await audit({
      action: "orgUnit.import",
      entity: "OrgUnit",
      entityId: county.id,
      countyId: county.id,
      after: { created: result.create, unchanged: result.unchanged },
    });
    return { created: result.create.length, unchanged: result.unchanged };
  },
});
