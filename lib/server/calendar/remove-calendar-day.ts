import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { countyOf } from "./calendar-records";

/** Removes one day of the county's calendar. */
export const removeCalendarDay = defineMutation({
  name: "calendar.removeDay",
  roles: ["admin"],
  input: z.object({ id: z.string({ error: "记录编号无效" }) }),
  async run({ actor, input: { id }, tx, audit }) {
    const countyId = countyOf(actor);
    const day = /^[0-9a-f-]{36}$/i.test(id) ? await tx.calendarDay.findFirst({ where: { id, countyId } }) : null;
    if (!day) throw AppError.notFound("日期");
    const removed = await tx.calendarDay.deleteMany({ where: { id, countyId } });
    if (removed.count !== 1) throw new AppError("CONFLICT", "该日期刚被他人删除。");
    await audit({
      action: "calendar.removeDay",
      entity: "CalendarDay",
      entityId: id,
      countyId,
      before: { date: day.date.toISOString().slice(0, 10), kind: day.kind, name: day.name },
    });
    return { id };
  },
});
