import { isValidDate, weekday } from "./calendar";

/**
 * Holiday calendar entries typed or imported by a county admin (issue 9): public holidays and
 * 调休 make-up working days of one year.
 */
export type CalendarDayKind = "holiday" | "workday";
export type CalendarEntry = { date: string; kind: CalendarDayKind; name: string };
export type CalendarRow = { row: number; date: string; kind: string; name: string };
export type CalendarRowError = { row: number; column: "日期" | "类型" | "名称"; message: string };

export const CALENDAR_KIND_LABELS = { holiday: "放假", workday: "调休上班" } as const satisfies Record<CalendarDayKind, string>;
export const CALENDAR_NAME_MAX = 30;

const KIND_WORDS: Record<string, CalendarDayKind> = {
  休: "holiday",
  假: "holiday",
  放假: "holiday",
  节假日: "holiday",
  holiday: "holiday",
  班: "workday",
  上班: "workday",
  调休上班: "workday",
  补班: "workday",
  workday: "workday",
};

/** 休/放假/holiday → holiday; 班/上班/调休上班/workday → workday; anything else null. */
export function parseCalendarKind(word: string): CalendarDayKind | null {
  return KIND_WORDS[word.trim().toLowerCase()] ?? null;
}

/** Accepts 2027-01-01, 2027/1/1 and 2027.1.1; returns YYYY-MM-DD or null. */
export function normaliseDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  return isValidDate(date) ? date : null;
}

/** Why this day cannot be entered, or null. A make-up working day is always a Saturday or Sunday. */
export function calendarEntryProblem(e: { date: string; kind: CalendarDayKind }): string | null {
  if (e.kind === "workday") {
    const wd = weekday(e.date);
    if (wd !== 0 && wd !== 6) return "调休上班日须为周六或周日（工作日本来就上班）";
  }
  return null;
}

/** Pasted lines "日期 类型 名称" (spaces, tabs or commas between), one day a line; blank lines skipped. */
export function splitCalendarLines(text: string): CalendarRow[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), row: i + 1 }))
    .filter((l) => l.line.length > 0)
    .map(({ line, row }) => {
      const [date = "", kind = "", ...rest] = line.split(/[\s,，、\t]+/);
      return { row, date, kind, name: rest.join(" ") };
    });
}

/**
 * Validates a year's entries: real dates inside `year`, a known kind, a name, no date twice,
 * make-up working days on weekends. Returns the entries only when every row is valid.
 */
export function validateCalendarRows(rows: readonly CalendarRow[], year: number): { entries: CalendarEntry[]; errors: CalendarRowError[] } {
  const errors: CalendarRowError[] = [];
  const entries: CalendarEntry[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const fail = (column: CalendarRowError["column"], message: string) => errors.push({ row: r.row, column, message });
    const before = errors.length;
    const date = normaliseDate(r.date);
    if (!r.date.trim()) fail("日期", "请填写日期");
    else if (!date) fail("日期", `日期无效：${r.date.trim()}（应为 YYYY-MM-DD）`);
    else if (date.slice(0, 4) !== String(year)) fail("日期", `日期不在 ${year} 年内`);
    else if (seen.has(date)) fail("日期", `与第 ${seen.get(date)} 行的日期重复`);
    const kind = parseCalendarKind(r.kind);
    if (!kind) fail("类型", "类型须为“放假”或“调休上班”");
    const name = r.name.trim() || (kind === "workday" ? "调休上班" : "");
    if (!name) fail("名称", "请填写节日名称");
    else if ([...name].length > CALENDAR_NAME_MAX) fail("名称", `名称不能超过 ${CALENDAR_NAME_MAX} 个字`);
    if (date && kind && errors.length === before) {
      const problem = calendarEntryProblem({ date, kind });
      if (problem) fail("类型", problem);
    }
    if (date && !seen.has(date)) seen.set(date, r.row);
    if (errors.length === before && date && kind) entries.push({ date, kind, name });
  }
  if (rows.length === 0) errors.push({ row: 0, column: "日期", message: "没有可导入的日期" });
  return { entries: errors.length ? [] : entries.sort((a, b) => a.date.localeCompare(b.date)), errors };
}
