import { DomainError } from "./errors";

/**
 * Calendar dates are `YYYY-MM-DD` strings (Asia/Shanghai calendar days). Inside, a date is its
 * day number (days since 1970-01-01) computed with integer arithmetic on the proleptic Gregorian
 * calendar, so no time zone, daylight saving or host clock can shift a day.
 */
export type Calendar = {
  /** Public holidays (法定节假日及调休放假日). */
  holidays: string[];
  /** Weekend days that are working days by 调休 (make-up working days). */
  workdays: string[];
};

const MIN_DAY = dayNumberOf(1, 1, 1);
const MAX_DAY = dayNumberOf(9999, 12, 31);

function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

// Howard Hinnant's days_from_civil: exact for every proleptic Gregorian date.
function dayNumberOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilOf(n: number): { y: number; m: number; d: number } {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function invalidDate(value: unknown, field: string): DomainError {
  return new DomainError("INVALID_DATE", `${field} 不是有效的日期（应为 YYYY-MM-DD）：${String(value)}`, field);
}

/** /^\d{4}-\d{2}-\d{2}$/, tested without the regular expression engine (a subsidy run parses millions of dates). */
function isDateShaped(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Parses a real calendar date `YYYY-MM-DD` (year 0001–9999) into its day number, or throws INVALID_DATE. */
export function toDayNumber(date: string, field = "date"): number {
  if (typeof date !== "string" || !isDateShaped(date)) throw invalidDate(date, field);
  const y = digitsAt(date, 0, 4);
  const m = digitsAt(date, 5, 7);
  const d = digitsAt(date, 8, 10);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw invalidDate(date, field);
  return dayNumberOf(y, m, d);
}

export function fromDayNumber(n: number): string {
  if (!Number.isInteger(n) || n < MIN_DAY || n > MAX_DAY) {
    throw new DomainError("INVALID_DATE", "日期超出支持范围（0001-01-01 至 9999-12-31）", "date");
  }
  const { y, m, d } = civilOf(n);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Validates a date string and returns it unchanged. */
export function parseDate(date: string, field = "date"): string {
  toDayNumber(date, field);
  return date;
}

export function isValidDate(date: unknown): date is string {
  try {
    toDayNumber(date as string);
    return true;
  } catch {
    return false;
  }
}

function requireInteger(n: number, field: string, min: number): void {
  if (typeof n !== "number" || !Number.isInteger(n) || n < min) {
    const rule = min === 0 ? "非负整数" : "整数";
    throw new DomainError("INVALID_DAYS", `${field} 必须是${rule}：${String(n)}`, field);
  }
}

/** Calendar days; `n` may be negative. */
export function addDays(date: string, n: number): string {
  requireInteger(n, "days", Number.MIN_SAFE_INTEGER);
  return fromDayNumber(toDayNumber(date) + n);
}

/** −1, 0 or 1 as `a` is before, on or after `b`. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  const d = toDayNumber(a, "a") - toDayNumber(b, "b");
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** `to − from` in calendar days (算头不算尾: the day `from` counts, the day `to` does not). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to, "to") - toDayNumber(from, "from");
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return dayOfWeek(toDayNumber(date));
}

function dayOfWeek(n: number): number {
  // Day 0, 1970-01-01, was a Thursday.
  return (((n + 4) % 7) + 7) % 7;
}

/**
 * Adds calendar months, clamping to the month's last day (01-31 + 1 month → 02-28/29), the
 * way a "2-month buffer" is read on a loan contract.
 */
export function addMonths(date: string, months: number): string {
  requireInteger(months, "months", Number.MIN_SAFE_INTEGER);
  const { y, m, d } = civilOf(toDayNumber(date));
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  if (ny < 1 || ny > 9999) throw new DomainError("INVALID_DATE", "日期超出支持范围（0001-01-01 至 9999-12-31）", "date");
  return fromDayNumber(dayNumberOf(ny, nm, Math.min(d, daysInMonth(ny, nm))));
}

type CompiledCalendar = { holidays: Set<number>; workdays: Set<number> };

function compile(calendar: Calendar): CompiledCalendar {
  if (calendar === null || typeof calendar !== "object" || !Array.isArray(calendar.holidays) || !Array.isArray(calendar.workdays)) {
    throw new DomainError("INVALID_CALENDAR", "节假日历必须包含 holidays 与 workdays 两个日期列表", "calendar");
  }
  return {
    holidays: new Set(calendar.holidays.map((d, i) => toDayNumber(d, `calendar.holidays[${i}]`))),
    workdays: new Set(calendar.workdays.map((d, i) => toDayNumber(d, `calendar.workdays[${i}]`))),
  };
}

function isWorkingDayNumber(n: number, cal: CompiledCalendar): boolean {
  // A holiday is a day off even if it is also listed as a make-up day: the notice's days off win.
  if (cal.holidays.has(n)) return false;
  const dow = dayOfWeek(n);
  if (dow === 0 || dow === 6) return cal.workdays.has(n);
  return true;
}

export function isWorkingDay(date: string, calendar: Calendar): boolean {
  return isWorkingDayNumber(toDayNumber(date), compile(calendar));
}

/**
 * CONTRACT: counting starts the day after `date`; weekends are skipped unless they are make-up
 * working days, holidays are skipped. Returns the n-th working day after `date`.
 * n = 0 counts no day and returns `date` itself, even when `date` is not a working day: a
 * deadline of "0 working days" is the starting day, and rolling it forward would be a rule
 * POLICY does not state.
 */
export function addWorkingDays(date: string, n: number, calendar: Calendar): string {
  requireInteger(n, "n", 0);
  const cal = compile(calendar);
  let day = toDayNumber(date);
  let left = n;
  while (left > 0) {
    day += 1;
    if (day > MAX_DAY) fromDayNumber(day);
    if (isWorkingDayNumber(day, cal)) left -= 1;
  }
  return fromDayNumber(day);
}

/** Working days in (from, to]: the count addWorkingDays(from, k) walks through to reach `to`. */
export function workingDaysBetween(from: string, to: string, calendar: Calendar): number {
  const cal = compile(calendar);
  const start = toDayNumber(from, "from");
  const end = toDayNumber(to, "to");
  let count = 0;
  for (let day = start + 1; day <= end; day++) if (isWorkingDayNumber(day, cal)) count += 1;
  for (let day = end + 1; day <= start; day++) if (isWorkingDayNumber(day, cal)) count -= 1;
  return count;
}

/** Merges calendars (e.g. several years) into one. */
export function mergeCalendars(...calendars: Calendar[]): Calendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const c of calendars) {
    compile(c);
    c.holidays.forEach((d) => holidays.add(d));
    c.workdays.forEach((d) => workdays.add(d));
  }
  return { holidays: [...holidays].sort(), workdays: [...workdays].sort() };
}

// ---- Quarterly interest settlement (POLICY §15.6) ---------------------------------------------

/** The settlement day of the month and the months it falls in; a policy setting. */
export type SettlementSchedule = { months: readonly number[]; day: number };

function checkSchedule(s: SettlementSchedule): void {
  const ok =
    s !== null &&
    typeof s === "object" &&
    Array.isArray(s.months) &&
    s.months.length > 0 &&
    s.months.every((m, i) => Number.isInteger(m) && m >= 1 && m <= 12 && (i === 0 || m > s.months[i - 1])) &&
    Number.isInteger(s.day) &&
    s.day >= 1 &&
    // Up to the 28th, so that every settlement month has the day.
    s.day <= 28;
  if (!ok) {
    throw new DomainError("INVALID_SCHEDULE", "结息日设置无效：月份须为 1–12 的升序列表，日须为 1–28", "settlement");
  }
}

function settlementOn(y: number, index: number, s: SettlementSchedule): number {
  // index may run past the year's last settlement month; normalise it into (year, month).
  const k = s.months.length;
  const yearShift = Math.floor(index / k);
  const i = index - yearShift * k;
  return dayNumberOf(y + yearShift, s.months[i], s.day);
}

/** First settlement date on or after `date`. */
function firstSettlementOnOrAfter(n: number, s: SettlementSchedule): { y: number; index: number } {
  const { y } = civilOf(n);
  for (let index = 0; ; index++) {
    if (settlementOn(y, index, s) >= n) return { y, index };
  }
}

/** Settlement dates strictly after `from` and on or before `to`. */
export function settlementDates(from: string, to: string, schedule: SettlementSchedule): string[] {
  checkSchedule(schedule);
  const start = toDayNumber(from, "from");
  const end = toDayNumber(to, "to");
  const out: string[] = [];
  let { y, index } = firstSettlementOnOrAfter(start + 1, schedule);
  for (let day = settlementOn(y, index, schedule); day <= end; day = settlementOn(y, ++index, schedule)) {
    out.push(fromDayNumber(day));
  }
  return out;
}

/** The first settlement date on or after `date`: the day interest accrued before `date` is settled. */
export function nextSettlementDate(date: string, schedule: SettlementSchedule): string {
  checkSchedule(schedule);
  const { y, index } = firstSettlementOnOrAfter(toDayNumber(date), schedule);
  return fromDayNumber(settlementOn(y, index, schedule));
}

/**
 * The accrual period settled on the q-th settlement date of `year` (q = 1 is March 20 with the
 * default schedule). Periods follow 算头不算尾 like every interest calculation here: the quarter
 * settled on Mar 20 runs from Dec 20 (inclusive) to Mar 20 (exclusive), so its ACT/360 day count
 * is Mar 20 − Dec 20 and the settlement day itself opens the next period. Consecutive periods
 * therefore tile the timeline without gap or overlap.
 */
export function quarterPeriod(year: number, q: number, schedule: SettlementSchedule): { from: string; to: string } {
  checkSchedule(schedule);
  if (!Number.isInteger(year) || year < 2 || year > 9999) {
    throw new DomainError("INVALID_DATE", `年份无效：${String(year)}`, "year");
  }
  if (!Number.isInteger(q) || q < 1 || q > schedule.months.length) {
    throw new DomainError("INVALID_QUARTER", `结息期序号须为 1–${schedule.months.length}：${String(q)}`, "q");
  }
  return {
    from: fromDayNumber(settlementOn(year, q - 2, schedule)),
    to: fromDayNumber(settlementOn(year, q - 1, schedule)),
  };
}

export type AccrualPeriod = { from: string; to: string; settlesOn: string };

/**
 * Splits [from, to) at every settlement date, so each piece can be computed and rounded on its
 * own (§15.6: rounded per loan per quarter). A final piece that ends between settlement dates is
 * settled on the next settlement date.
 */
export function accrualPeriods(from: string, to: string, schedule: SettlementSchedule): AccrualPeriod[] {
  if (daysBetween(from, to) < 0) {
    throw new DomainError("INVALID_PERIOD", `起息日 ${from} 晚于止息日 ${to}`, "to");
  }
  if (from === to) return [];
  const cuts = settlementDates(from, to, schedule);
  const bounds = [from, ...cuts];
  if (cuts.length === 0 || cuts[cuts.length - 1] !== to) bounds.push(to);
  const periods: AccrualPeriod[] = [];
  for (let i = 1; i < bounds.length; i++) {
    periods.push({ from: bounds[i - 1], to: bounds[i], settlesOn: nextSettlementDate(bounds[i], schedule) });
  }
  return periods;
}
