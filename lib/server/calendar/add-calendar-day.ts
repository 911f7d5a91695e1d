import "server-only";
import { z } from "zod";
import { isValidDate } from "@/lib/domain/calendar";
import { CALENDAR_NAME_MAX, calendarEntryProblem } from "@/lib/domain/holiday-import";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { requiredText } from "../validation";
import { countyOf, dayDate } from "./calendar-records";

const input = z.object({
  date: z.string({ error: "请填写日期" }).trim().min(1, "请填写日期").refine(isValidDate, "日期无效（应为 YYYY-MM-DD）"),
  kind: z.enum(["holiday", "workday"], { error: "请选择类型" }),
  name: requiredText(CALENDAR_NAME_MAX, "名称"),
});

const taken = () => AppError.field("date", "该日期已登记，请先删除原记录");

/** Adds one holiday or 调休 working day to the county's calendar. */
export const addCalendarDay = defineMutation({
  name: "calendar.addDay",
  roles: ["admin"],
  input,
  onUniqueViolation: (fields) => (fields.includes("date") ? taken() : undefined),
  async run({ actor, input, tx, audit }) {
    const countyId = countyOf(actor);
    const problem = calendarEntryProblem(input);
    if (problem) throw AppError.field("kind", problem);
    if (await tx.calendarDay.findUnique({ where: { countyId_date: { countyId, date: dayDate(input.date) } } })) throw taken();
    const day = await tx.calendarDay.create({ data: { countyId, date: dayDate(input.date), kind: input.kind, name: input.name } });
    await audit({ action: "calendar.addDay", entity: "CalendarDay", entityId: day.id, countyId, after: input });
    return { id: day.id };
  },
});
