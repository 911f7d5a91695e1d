import { addDays, addMonths, addWorkingDays, parseDate, type Calendar } from "./calendar";
import { DomainError } from "./errors";

function requireDays(value: number, field: string, label: string): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new DomainError("INVALID_DAYS", `${label}必须是非负整数：${String(value)}`, field);
  }
}

/** The buffer period (缓冲期) starts the day after the due date (§15.5). */
export function bufferStart(dueDate: string): string {
  return addDays(parseDate(dueDate, "dueDate"), 1);
}

/**
 * POLICY §8 (Henan) and §15.5: buffer end = due date + bufferDays calendar days (so the buffer is
 * exactly bufferDays long, starting the day after the due date); the loss is split by the
 * ratios within splitWorkingDays working days after the buffer ends.
 */
export function defaultTimeline(o: {
  dueDate: string;
  bufferDays: number;
  splitWorkingDays: number;
  calendar: Calendar;
}): { bufferEnds: string; splitDeadline: string } {
  if (o === null || typeof o !== "object") {
    throw new DomainError("INVALID_INPUT", "缺少逾期处置时限参数", "timeline");
  }
  parseDate(o.dueDate, "dueDate");
  requireDays(o.bufferDays, "bufferDays", "缓冲期天数");
  requireDays(o.splitWorkingDays, "splitWorkingDays", "损失分担时限（工作日）");
  const bufferEnds = addDays(o.dueDate, o.bufferDays);
  return { bufferEnds, splitDeadline: addWorkingDays(bufferEnds, o.splitWorkingDays, o.calendar) };
}

/** Guizhou sets the buffer in months (G 二(七)); month ends clamp (Jan 31 + 1 month = Feb 28/29). */
export function bufferEndsAfterMonths(dueDate: string, bufferMonths: number): string {
  requireDays(bufferMonths, "bufferMonths", "缓冲期月数");
  return addMonths(parseDate(dueDate, "dueDate"), bufferMonths);
}

export type BufferMonthLimits = { usualMaxMonths: number; hardMaxMonths: number };

/**
 * Guizhou: a buffer of normally at most 2 months, 3 at the most (G 二(七); both settings).
 * Returns 'usual' within the normal limit and 'exceptional' when the longer limit is used (the
 * app asks for a reason then); beyond the hard limit throws BUFFER_TOO_LONG.
 */
export function checkBufferMonths(months: number, limits: BufferMonthLimits): "usual" | "exceptional" {
  requireDays(months, "bufferMonths", "缓冲期月数");
  requireDays(limits?.usualMaxMonths, "usualMaxMonths", "缓冲期一般上限（月）");
  requireDays(limits.hardMaxMonths, "hardMaxMonths", "缓冲期最长上限（月）");
  if (limits.usualMaxMonths > limits.hardMaxMonths) {
    throw new DomainError("INVALID_SETTING", "缓冲期一般上限不能超过最长上限", "usualMaxMonths");
  }
  if (months > limits.hardMaxMonths) {
    throw new DomainError(
      "BUFFER_TOO_LONG",
      `缓冲期 ${months} 个月超过最长 ${limits.hardMaxMonths} 个月的规定`,
      "bufferMonths",
    );
  }
  return months > limits.usualMaxMonths ? "exceptional" : "usual";
}

/**
 * Guizhou: money recovered on a loan the fund has compensated goes back to the fund within
 * `workingDays` working days of the recovery (G 二(八); 5 by the document).
 */
export function recoveryReturnDeadline(recoveredOn: string, workingDays: number, calendar: Calendar): string {
  parseDate(recoveredOn, "recoveredOn");
  requireDays(workingDays, "workingDays", "追偿款返还时限（工作日）");
  return addWorkingDays(recoveredOn, workingDays, calendar);
}
