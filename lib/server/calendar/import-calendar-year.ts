import "server-only";
import { z } from "zod";
import { splitCalendarLines, validateCalendarRows, type CalendarRow } from "@/lib/domain/holiday-import";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { readSheet, rowErrorsToFields } from "../xlsx";
import { CALENDAR_HEADERS, countyOf, dayDate, yearRange } from "./calendar-records";

const input = z.object({
  year: z.coerce.number({ error: "请填写年份" }).int("请填写年份").min(2000, "年份须在 2000–2100 之间").max(2100, "年份须在 2000–2100 之间"),
  text: z.string().max(20_000, "粘贴的内容过长").optional().default(""),
  file: z.instanceof(Uint8Array).optional(),
});

/**
 * Replaces one year of the county's calendar with the days given, either as pasted lines
 * ("2027-01-01 放假 元旦") or as a workbook (columns 日期, 类型, 名称). Every row is checked
 * first; when any is wrong nothing changes and each row's problem is reported.
 */
export const importCalendarYear = defineMutation({
  name: "calendar.importYear",
  roles: ["admin"],
  input,
  async run({ actor, input: { year, text, file }, tx, audit }) {
    const countyId = countyOf(actor);
    let rows: CalendarRow[];
    if (file && file.byteLength > 0) {
      const sheet = await readSheet(file, CALENDAR_HEADERS);
      rows = sheet.map((r) => ({ row: r.row, date: r.cells["日期"], kind: r.cells["类型"], name: r.cells["名称"] }));
    } else if (text.trim()) {
      rows = splitCalendarLines(text);
    } else {
      throw AppError.field("text", "请粘贴日期清单或选择工作簿文件");
    }
    const { entries, errors } = validateCalendarRows(rows, year);
    if (errors.length > 0) {
      throw new AppError("VALIDATION", `导入失败：${new Set(errors.map((e) => e.row)).size} 行有误，日历未作任何修改。`, rowErrorsToFields(errors));
    }
    const before = await tx.calendarDay.findMany({ where: { countyId, date: yearRange(year) }, orderBy: { date: "asc" } });
    await tx.calendarDay.deleteMany({ where: { countyId, date: yearRange(year) } });
    await tx.calendarDay.createMany({ data: entries.map((e) => ({ countyId, date: dayDate(e.date), kind: e.kind, name: e.name })) });
    await audit({
      action: "calendar.importYear",
      entity: "CalendarYear",
      entityId: `${countyId}:${year}`,
      countyId,
      before: before.map((d) => ({ date: d.date.toISOString().slice(0, 10), kind: d.kind, name: d.name })),
      after: entries,
    });
    return { year, count: entries.length };
  },
});
