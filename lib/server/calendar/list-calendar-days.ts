import "server-only";
import { z } from "zod";
import { weekday } from "@/lib/domain/calendar";
import { shanghaiToday } from "../clock";
import { defineQuery } from "../use-case";
import { countyOf, yearRange } from "./calendar-records";

/** The county's holidays and 调休 working days of one year, and the years it has entries for. */
export const listCalendarDays = defineQuery({
  name: "calendar.list",
  roles: ["admin"],
  input: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
  async run({ actor, input, tx, now }) {
    const countyId = countyOf(actor);
    const year = input.year ?? Number(shanghaiToday(now).slice(0, 4));
    const [days, years] = await Promise.all([
      tx.calendarDay.findMany({ where: { countyId, date: yearRange(year) }, orderBy: { date: "asc" } }),
      tx.$queryRaw<{ year: number }[]>`SELECT DISTINCT EXTRACT(YEAR FROM "date")::int AS year FROM "CalendarDay" WHERE "countyId" = ${countyId} ORDER BY year`,
    ]);
    return {
      year,
      years: years.map((y) => Number(y.year)),
      days: days.map((d) => {
        const date = d.date.toISOString().slice(0, 10);
        return { id: d.id, date, weekday: weekday(date), kind: d.kind, name: d.name };
      }),
    };
  },
});
