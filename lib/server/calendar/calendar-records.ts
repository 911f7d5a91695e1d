import "server-only";
import type { Actor } from "../actor";
import { AppError } from "../errors";

export function countyOf(actor: Actor): string {
  if (!actor.countyId) throw new AppError("FORBIDDEN", "账户未配置所属县，请联系系统管理员。");
  return actor.countyId;
}

export function dayDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function yearRange(year: number) {
  return { gte: dayDate(`${year}-01-01`), lte: dayDate(`${year}-12-31`) };
}

export const CALENDAR_HEADERS = ["日期", "类型", "名称"] as const;
