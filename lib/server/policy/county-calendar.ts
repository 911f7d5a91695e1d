import "server-only";
import type { Calendar } from "@/lib/domain/calendar";
import type { Tx } from "../db";

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The county's holiday calendar (holidays and 调休 working days) as the domain takes it. */
export async function countyCalendar(tx: Tx, countyId: string): Promise<Calendar> {
  const days = await tx.calendarDay.findMany({ where: { countyId }, select: { date: true, kind: true } });
  return {
    holidays: days.filter((d) => d.kind === "holiday").map((d) => iso(d.date)),
    workdays: days.filter((d) => d.kind === "workday").map((d) => iso(d.date)),
  };
}
