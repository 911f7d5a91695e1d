import ExcelJS from "exceljs";
import fc from "fast-check";
import { unifiedSocialCreditCheckChar } from "@/lib/domain/enterprise-eligibility";
import { idCheckChar } from "@/lib/domain/identity";
import { BATCH_COLUMNS } from "@/lib/server/applications/batch-workbook";
import { RATING_COLUMNS } from "@/lib/server/credit/rating-workbook";
import { REPAYMENT_COLUMNS } from "@/lib/server/loans/repayment-file";
import { STATEMENT_COLUMNS } from "@/lib/server/subsidy/statement-workbook";
import { objectVariants, type Shape } from "./schema-shape";

/**
 * Input generators for the fuzz tests: junk of every type, and near-valid inputs built from a use
 * case's zod schema (its field names and kinds), with real record ids where a field names a
 * record. A value may carry `mustReject`: a malformed date, amount or ID number in a field of that
 * kind, which no use case may accept.
 */
export type Tagged = { value: unknown; mustReject?: string };

const big = (n: number, unit = "字") => unit.repeat(n);

const SCRIPT = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{constructor.constructor('alert(1)')()}}"];
const INJECTION = ["' OR 1=1 --", "\"; DROP TABLE \"Loan\"; --", "../../../../etc/passwd", "%00", "${7*7}", "__proto__", "constructor"];
const WEIRD_TEXT = ["", " ", "\t\n", "\u0000", "a\u0000b", "\u202e反转", "\u200b", "😀😀", "\ud800", "NULL", "undefined", "null", "0", "-1", "１２３", "𠮷野家"];

export const MALFORMED_DATES = [
  "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "0000-00-00", "9999-99-99", "2026-04-31",
  "20260310", "10/03/2026", "2026-03-10T00:00:00Z", "2026-03-10 12:00", "not a date", "2026--03-10", "+02026-03-10", "-2026-03-10", "２０２６-０３-１０",
];
const PLAUSIBLE_DATES = ["2026-03-10", "2026-10-12", "2026-10-09", "2025-12-31", "2027-03-20", "2016-02-29", "2026-10-13", "1900-01-01", "2100-12-31"];

export const MALFORMED_AMOUNTS = [
  "-1", "-0.01", "1e5", "1E3", "NaN", "Infinity", "-Infinity", "0x10", "1.234", "12.", ".", "1..2", "1 000", "１２３", "+5",
  "99999999999999999999.99", "100000000000000000000000000000", "1/2", "五千",
];
const PLAUSIBLE_AMOUNTS = ["1000", "0.01", "50000", "1,000.00", "0", "10000.00", "300000", "600000.50"];

const first17 = "41010119800101123";
export const MALFORMED_ID_NUMBERS = [
  `${first17}${idCheckChar(first17) === "0" ? "1" : "0"}`, first17, `${first17}12`, "41010119990230123X", "000000000000000000", "4101011980010112x3", "ABCDEFGHIJKLMNOPQR",
];

const uuidish = fc.uuid();

const VALID_ID_NUMBERS = ["41010119800101901", "41010119751231902", "41010120000229903"].map((f) => f + idCheckChar(f));
const VALID_CREDIT_CODES = ["93410102MA44ABCDF", "91410000MA00000017"].map((f) => f.slice(0, 17)).map((f) => f + unifiedSocialCreditCheckChar(f));

/** Junk of any type, as a form, a JSON body or a server action's arguments could carry it. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true, maxDepth: 3 }),
  fc.constantFrom<unknown>(null, undefined, NaN, Infinity, -Infinity, -0, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1, true, false),
  fc.constantFrom(...SCRIPT, ...INJECTION, ...WEIRD_TEXT),
  fc.constantFrom(big(100_000), big(10_001, "a"), big(1_000, "<script>")),
  fc.constantFrom<unknown>(new Date(Number.NaN), new Date(8.64e15), new Date(-8.64e15), new Uint8Array(0), [], {}, [[[]]], { toString: "x" }),
  fc.string({ maxLength: 300, unit: "binary" }),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 5 }),
);

/** A hostile value for one field: junk, or a malformed value of the kind the field's name (or shape) says. */
function hostileFor(key: string, shape: Shape | undefined, pool: IdPool): fc.Arbitrary<Tagged> {
  const plain = junk.map((value) => ({ value }));
  const arbs: fc.Arbitrary<Tagged>[] = [plain];
  if (shape?.kind === "bytes") arbs.push(fileArb(pool).map((value) => ({ value })));
  if (isDateKey(key)) arbs.push(fc.constantFrom(...MALFORMED_DATES).map((value) => ({ value, mustReject: `malformed date ${value}` })));
  if (isMoneyKey(key)) arbs.push(fc.constantFrom(...MALFORMED_AMOUNTS).map((value) => ({ value, mustReject: `malformed amount ${value}` })));
  if (isIdNumberKey(key)) arbs.push(fc.constantFrom(...MALFORMED_ID_NUMBERS).map((value) => ({ value, mustReject: `malformed ID number ${value}` })));
  if (isRecordKey(key)) arbs.push(fc.oneof(uuidish, fc.constantFrom("00000000-0000-0000-0000-000000000000", "not-a-uuid", "1", "-1")).map((value) => ({ value })));
  return fc.oneof(...arbs);
}

const isDateKey = (k: string) => (/date/i.test(k) || /(On|From|Maturity|Since)$|^(from|to)$/.test(k)) && !/Id$/.test(k);
const isMoneyKey = (k: string) => /^(amount|approvedAmount|principal|interest|penalty|costs)$/.test(k);
const isIdNumberKey = (k: string) => /^(idNumber)$/.test(k);
const isRecordKey = (k: string) => k === "id" || /Ids?$/.test(k) || k === "unit";

/** The table names whose ids suit a field: its name's stem (loanId → Loan), or the use case's entity for `id`. */
function stemOf(key: string, useCaseName: string): string {
  if (key === "id" || key === "unit") return useCaseName.split(".")[0];
  return key.replace(/Ids?$/, "");
}

/** Real record ids by table, and (under these keys) the numbers printed on records, for import files. */
export type IdPool = Map<string, string[]>;
export const CONTRACT_NUMBERS = "#contractNumber";
export const APPLICATION_NUMBERS = "#applicationNumber";
export const BATCH_NUMBERS = "#batchNumber";

function idsFor(pool: IdPool, stem: string): string[] {
  const s = stem.toLowerCase();
  const tables = [...pool.keys()];
  for (const match of [(t: string) => t === s, (t: string) => t.startsWith(s), (t: string) => t.includes(s)]) {
    const found = tables.filter((t) => match(t.toLowerCase()));
    if (found.length > 0) return found.flatMap((t) => pool.get(t)!);
  }
  // "township", "village", "county", "parent", "unit" … name org units.
  if (/township|village|county|parent|unit|org/.test(s)) return pool.get("OrgUnit") ?? [];
  return [...pool.values()].flat();
}

/** A plausible (usually valid) value for a field of `shape` named `key`. */
function plausible(key: string, shape: Shape, useCaseName: string, pool: IdPool): fc.Arbitrary<unknown> {
  switch (shape.kind) {
    case "choice":
      return fc.constantFrom(...shape.values);
    case "boolean":
      return fc.constantFrom<unknown>(true, false, "true", "false", "on", "");
    case "number":
      if (/year/i.test(key)) return fc.oneof(fc.integer({ min: 2014, max: 2031 }), fc.constantFrom("2025", "2026"));
      if (/quarter/i.test(key)) return fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom("1", "2", "3", "4"));
      return fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom("1", "12", "0", "36"));
    case "date":
      return fc.constantFrom(...PLAUSIBLE_DATES).map((d) => new Date(`${d}T00:00:00Z`));
    case "bytes":
      return fileArb(pool);
    case "array": {
      const singular = key.replace(/s$/, "");
      if (isRecordKey(key)) {
        const ids = idsFor(pool, stemOf(key, useCaseName));
        return ids.length ? fc.subarray(ids, { maxLength: 4 }) : fc.constant([]);
      }
      return fc.array(plausible(singular, shape.element, useCaseName, pool), { maxLength: 4 });
    }
    case "object":
      return nearValidObject(shape.fields, useCaseName, pool).map((t) => t.value);
    case "union":
      return fc.oneof(...shape.options.map((o) => plausible(key, o, useCaseName, pool)));
    case "record":
    case "unknown":
      return fc.oneof(
        fc.dictionary(fc.oneof(fc.integer({ min: 1, max: 40 }).map(String), fc.string({ maxLength: 12 })), fc.oneof(fc.constantFrom("yes", "no", "none", "some", "1", "2.5", "100"), fc.string({ maxLength: 8 })), { maxKeys: 35 }),
        fc.constant({}),
      );
    case "string":
      break;
  }
  if (isRecordKey(key)) {
    const ids = idsFor(pool, stemOf(key, useCaseName));
    return ids.length ? fc.constantFrom(...ids) : uuidish;
  }
  if (isDateKey(key)) return fc.constantFrom(...PLAUSIBLE_DATES, "");
  if (isMoneyKey(key)) return fc.constantFrom(...PLAUSIBLE_AMOUNTS);
  if (isIdNumberKey(key) || key === "identifier") return fc.constantFrom(...VALID_ID_NUMBERS);
  if (/rate/i.test(key)) return fc.constantFrom("0.0435", "0.0478", "0.03", "0.5", "0.0000001");
  if (/phone/i.test(key)) return fc.constantFrom("13800138000", "13912345678", "");
  if (/termMonths/.test(key)) return fc.constantFrom("12", "24", "36", "6");
  if (/membersCount/.test(key)) return fc.constantFrom("1", "4", "8");
  if (/year/.test(key)) return fc.constantFrom("2025", "2026");
  if (/quarter/.test(key)) return fc.constantFrom("1", "2", "3", "4");
  if (/version/.test(key)) return fc.constantFrom("0", "1", "2");
  if (key === "username") return fc.constantFrom("wangwu01", "li.si", "zhao_6");
  if (key === "creditCode") return fc.constantFrom(...VALID_CREDIT_CODES);
  if (/password/i.test(key)) return fc.constantFrom("Shifan@2026", "Abcdefgh1234", "short1");
  if (/code/i.test(key)) return fc.constantFrom("410101001003", "410101003000", "410101002009");
  if (/fileName/.test(key)) return fc.constantFrom("申请书.pdf", "a.png", "x.exe", "../../a.pdf", "");
  if (key === "term") return fc.constantFrom("1y", "5yPlus", "6m");
  if (key === "text") return fc.constantFrom("2027-01-01 元旦 holiday", "2027-01-01,元旦,holiday\n2027-02-06,调休,workday");
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom("测试", "王五", "养牛 5 头", "情况属实，同意", "<b>加粗</b>", "东关村一组") },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
  );
}

/** A value one time in eight, otherwise null. */
const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

/**
 * Near-valid: every field plausible except (usually) one, which is hostile; now and then a field
 * left out or an unknown one added. One hostile field at a time gets past the other fields'
 * checks to the code that handles that one.
 */
function nearValidObject(fields: Record<string, Shape>, useCaseName: string, pool: IdPool): fc.Arbitrary<{ value: Record<string, unknown>; mustReject: string[]; hostile?: string | null }> {
  const entries = Object.entries(fields);
  const valid = entries.map(([key, shape]) => plausible(key, shape, useCaseName, pool));
  const hostile = entries.map(([key, shape]) => hostileFor(key, shape, pool));
  // One case in three has every field plausible; the others one hostile field.
  const which = entries.length === 0 ? fc.constant(-1) : fc.oneof({ weight: 1, arbitrary: fc.constant(-1) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: entries.length - 1 }) });
  return which.chain((h) =>
    fc
      .tuple(
        fc.tuple(...valid.map((v, i) => (i === h ? hostile[i] : v.map((value): Tagged => ({ value }))))),
        rarely(fc.constantFrom(...(entries.length ? entries.map(([k]) => k) : ["_"]))),
        rarely(fc.tuple(fc.string({ maxLength: 12 }), junk)),
      )
      .map(([values, dropped, extra]) => {
        const value: Record<string, unknown> = {};
        const mustReject: string[] = [];
        entries.forEach(([key], i) => {
          if (key === dropped) return;
          value[key] = values[i].value;
          if (values[i].mustReject) mustReject.push(`${key}: ${values[i].mustReject}`);
        });
        if (extra && !Object.hasOwn(fields, extra[0])) Object.defineProperty(value, extra[0], { value: extra[1], enumerable: true, writable: true, configurable: true });
        return { value, mustReject, hostile: h < 0 ? null : entries[h][0] };
      }),
  );
}

/**
 * Mutations of a known-valid input (the access matrix's input for the use case, naming a record
 * in the state it needs): as it is, or with one field hostile, plausible but different, or left
 * out. These get furthest: every other field is right.
 */
function mutationsOf(base: Record<string, unknown>, fields: Record<string, Shape>, useCaseName: string, pool: IdPool): fc.Arbitrary<Input> {
  const keys = [...new Set([...Object.keys(base), ...Object.keys(fields)])];
  if (keys.length === 0) return fc.constant({ value: base, mustReject: [], hostile: null });
  return fc.oneof({ weight: 1, arbitrary: fc.constant(-1) }, { weight: 5, arbitrary: fc.integer({ min: 0, max: keys.length - 1 }) }).chain((h): fc.Arbitrary<Input> => {
    if (h < 0) return fc.constant({ value: base, mustReject: [], hostile: null });
    const key = keys[h];
    const shape = fields[key] ?? { kind: "unknown" as const };
    return fc
      .oneof(
        { weight: 4, arbitrary: hostileFor(key, shape, pool) },
        { weight: 1, arbitrary: plausible(key, shape, useCaseName, pool).map((value): Tagged => ({ value })) },
        { weight: 1, arbitrary: fc.constant<Tagged>({ value: undefined }) },
      )
      .map((t) => {
        const value = { ...base };
        if (t.value === undefined) delete value[key];
        else value[key] = t.value;
        return { value, mustReject: t.mustReject ? [`${key}: ${t.mustReject}`] : [], hostile: key };
      });
  });
}

/** The schema variant a valid input belongs to (its discriminator's value among the options). */
function variantOf(base: Record<string, unknown>, variants: Record<string, Shape>[]): Record<string, Shape> {
  const fits = (fields: Record<string, Shape>) =>
    Object.keys(base).every((k) => Object.hasOwn(fields, k)) &&
    Object.entries(fields).every(([k, f]) => f.kind !== "choice" || !Object.hasOwn(base, k) || f.values.includes(base[k]));
  return variants.find(fits) ?? variants[0] ?? {};
}

export type Input = { value: unknown; mustReject: string[]; hostile?: string | null };

/**
 * Inputs for a use case: junk (about one in seven), near-valid objects built from each variant of
 * its schema, and, given a known-valid input, mutations of that (most of all).
 */
export function inputsFor(shape: Shape, useCaseName: string, pool: IdPool, base?: unknown): fc.Arbitrary<Input> {
  const variants = objectVariants(shape);
  const near = variants.map((fields) => nearValidObject(fields, useCaseName, pool));
  const junkInput = junk.map((value): Input => ({ value, mustReject: [] }));
  if (near.length === 0) return fc.oneof(junkInput, plausible("input", shape, useCaseName, pool).map((value): Input => ({ value, mustReject: [] })));
  const arbs: fc.WeightedArbitrary<Input>[] = [{ weight: 2, arbitrary: junkInput }, ...near.map((arbitrary) => ({ weight: Math.max(1, Math.round(4 / near.length)), arbitrary }))];
  if (base && typeof base === "object" && Object.getPrototypeOf(base) === Object.prototype) {
    const fields = variantOf(base as Record<string, unknown>, variants);
    arbs.push({ weight: 8, arbitrary: mutationsOf(base as Record<string, unknown>, fields, useCaseName, pool) });
  }
  return fc.oneof(...arbs);
}

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Sheet1");
  // XML cannot carry a NUL character: in a workbook it is left out (CSV files carry it).
  for (const r of rows) sheet.addRow(r.map((v) => (typeof v === "string" ? v.replace(/\u0000/g, "") : v)));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A workbook or CSV file to be written out just before the call (generation is synchronous, writing is not). */
export class WorkbookSpec {
  constructor(
    readonly headers: unknown[],
    readonly rows: unknown[][],
    readonly format: "xlsx" | "csv" = "xlsx",
  ) {}
}

/** The rows as CSV text (UTF-8, quotes doubled), cells as they come: NUL characters, quotes, line breaks. */
function csv(rows: unknown[][]): Uint8Array {
  const cell = (v: unknown) => {
    const text = v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? "");
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return new TextEncoder().encode(rows.map((r) => r.map(cell).join(",")).join("\r\n"));
}

const hostileCell = fc.oneof(
  fc.constantFrom<unknown>(...MALFORMED_DATES, ...MALFORMED_AMOUNTS, ...MALFORMED_ID_NUMBERS, ...SCRIPT, "", null, 0, -5, 1e20, true, "a\u0000b", "\"", "行\n断", big(300)),
  fc.string({ maxLength: 20 }),
  fc.date({ noInvalidDate: true }),
);

/** The header rows of the portal's import files, so that hostile rows get past the header check. */
const IMPORT_HEADERS: readonly (readonly string[])[] = [
  Object.values(REPAYMENT_COLUMNS),
  Object.values(STATEMENT_COLUMNS),
  Object.values(BATCH_COLUMNS),
  Object.values(RATING_COLUMNS),
  ["日期", "类型", "名称"],
  ["代码", "名称", "上级代码"],
];

/** A plausible cell for a column, by its header (record references from the world). */
function plausibleCell(header: string, pool: IdPool): fc.Arbitrary<unknown> {
  const from = (key: string, fallback: string[]) => fc.constantFrom(...((pool.get(key)?.length ? pool.get(key) : fallback) as string[]));
  if (/合同编号/.test(header)) return from(CONTRACT_NUMBERS, ["HT-1"]);
  if (/申请编号/.test(header)) return from(APPLICATION_NUMBERS, ["SQ000001"]);
  if (/批次号/.test(header)) return from(BATCH_NUMBERS, ["PZ00001"]);
  if (/日期/.test(header)) return fc.constantFrom(...PLAUSIBLE_DATES);
  if (/元|年利率/.test(header)) return fc.constantFrom(...PLAUSIBLE_AMOUNTS, "0.0435");
  if (/身份证/.test(header)) return fc.constantFrom(...VALID_ID_NUMBERS);
  if (/审批结果/.test(header)) return fc.constantFrom("同意", "不同意");
  if (/类型/.test(header)) return fc.constantFrom("放假", "上班", "holiday");
  if (/代码/.test(header)) return fc.constantFrom("410101001000", "410101003000", "410101001009", "410101000000");
  if (/期限/.test(header)) return fc.constantFrom("12", "36");
  return fc.constantFrom("测试", "王五", "LS-0001", "东关村");
}

/** Rows for the headers: every cell plausible but (usually) one hostile, so rows get to the checks of that cell. */
function importRows(headers: readonly string[], pool: IdPool): fc.Arbitrary<unknown[][]> {
  const row = fc
    .integer({ min: -1, max: headers.length - 1 })
    .chain((h) => fc.tuple(...headers.map((header, i) => (i === h ? hostileCell : plausibleCell(header, pool)))));
  return fc.array(row, { minLength: 1, maxLength: 4 });
}

/**
 * Uploaded files: nothing, random bytes, a ZIP signature followed by junk, a PDF or PNG header,
 * an oversized file, and .xlsx workbooks and CSV files with the import templates' headers and
 * near-valid rows (or random headers and junk).
 */
function fileArb(pool: IdPool): fc.Arbitrary<unknown> {
  const spec = fc
    .tuple(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...IMPORT_HEADERS).chain((headers) => importRows(headers, pool).map((rows) => [[...headers], rows] as const)) },
        { weight: 1, arbitrary: fc.tuple(fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }), fc.array(fc.array(hostileCell, { maxLength: 8 }), { maxLength: 6 })) },
      ),
      fc.constantFrom<"xlsx" | "csv">("xlsx", "csv"),
    )
    .map(([[headers, rows], format]) => new WorkbookSpec([...headers], rows, format));
  return fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc.constantFrom(new Uint8Array(0), new TextEncoder().encode("PK\u0003\u0004junkjunk"), new TextEncoder().encode("%PDF-1.4\n%junk"), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])),
    fc.constant(null).map(() => new Uint8Array(11 * 1024 * 1024)),
    { weight: 4, arbitrary: spec },
  );
}

/** Files arrive as bytes: the workbooks described above are written out before the call. */
export async function materialise(value: unknown): Promise<unknown> {
  if (value instanceof WorkbookSpec) return value.format === "csv" ? csv([value.headers, ...value.rows]) : workbook([value.headers, ...value.rows]);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: await materialise(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}
