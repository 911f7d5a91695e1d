import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * CONTRACT: "Never JavaScript floats inside" and the domain is pure. This guard reads every
 * lib/domain source file and refuses float conversions of money or rates, and clocks or
 * randomness that would make results depend on when or where they run.
 */
const ROOT = join(__dirname, "..", "..", "..");
const DOMAIN = join(ROOT, "lib", "domain");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Blanks out comments (keeping line numbers) so that prose mentioning a pattern does not trip the guard. */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, " "))
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

const FORBIDDEN: { name: string; pattern: RegExp }[] = [
  { name: "parseFloat(", pattern: /\bparseFloat\s*\(/ },
  { name: "parseInt(", pattern: /\bparseInt\s*\(/ },
  { name: "Number(", pattern: /(?<![\w.$])Number\s*\(/ },
  { name: ".toNumber()", pattern: /\.toNumber\s*\(/ },
  { name: "unary + coercion", pattern: /(?:[=(,:?[]|\breturn)\s*\+(?![+=])\s*[\w$(]/ },
  { name: "Date.now()", pattern: /\bDate\.now\s*\(/ },
  { name: "new Date() without an argument", pattern: /\bnew\s+Date\s*\(\s*\)/ },
  { name: "Math.random()", pattern: /\bMath\.random\s*\(/ },
];

/**
 * The only permitted exceptions, each a whole trimmed line: identity.ts turns ID-card digits
 * (check-digit codes, birth year/month/day, the sequence digit) into small integers; the
 * breaker compares integer fen products within the safe-integer range. None is a fraction.
 */
const ALLOWED: Record<string, string[]> = {
  "identity.ts": [
    "for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * WEIGHTS[i];",
    "const y = Number(value.slice(6, 10));",
    "const m = Number(value.slice(10, 12));",
    "const d = Number(value.slice(12, 14));",
    'const gender = Number(value[16]) % 2 === 1 ? "M" : "F";',
  ],
  // The breaker's fast path: balances in whole fen and threshold fractions as integers, taken
  // into Number only below the bound numberLimit() computes, so every product is a safe integer
  // and the comparison is exact (above it the BigInt path runs). No fraction is ever formed.
  "circuit-breaker.ts": [
    "for (const t of thresholds) widest = Math.max(widest, Number(t.num), Number(t.den));",
    "const asNumber = (t: Threshold): NumberThreshold => ({ num: Number(t.num), den: Number(t.den), gte: t.gte, never: t.never === true });",
    "const num = Number(a.num);",
    "const den = Number(a.den);",
  ],
};

describe("no floats in the policy engine", () => {
  const files = sourceFiles(DOMAIN);

  it("CONTRACT: the guard sees the domain sources", () => {
    const names = files.map((f) => relative(DOMAIN, f));
    expect(names).toContain("allocation.ts");
    expect(names).toContain(join("reference", "rates-data.ts"));
  });

  it("CONTRACT: no parseFloat, parseInt, Number(), toNumber(), clock or randomness outside the allow-list", () => {
    const violations: string[] = [];
    for (const file of files) {
      const name = relative(DOMAIN, file);
      const lines = withoutComments(readFileSync(file, "utf8")).split("\n");
      lines.forEach((line, i) => {
        for (const rule of FORBIDDEN) {
          if (!rule.pattern.test(line)) continue;
          if ((ALLOWED[name] ?? []).includes(line.trim())) continue;
          violations.push(`${name}:${i + 1} ${rule.name}: ${line.trim()}`);
        }
      });
    }
    expect(violations).toEqual([]);
  });

  it("CONTRACT: every allow-listed line still exists (the list cannot go stale)", () => {
    for (const [name, allowed] of Object.entries(ALLOWED)) {
      const lines = readFileSync(join(DOMAIN, name), "utf8").split("\n").map((l) => l.trim());
      for (const line of allowed) expect(lines, `${name}: ${line}`).toContain(line);
    }
  });

  it("CONTRACT: the guard itself catches what it should", () => {
    const probe = (code: string) => FORBIDDEN.filter((r) => r.pattern.test(withoutComments(code))).map((r) => r.name);
    expect(probe("const x = parseFloat(amount);")).toEqual(["parseFloat("]);
    expect(probe("const x = Number.parseInt(s, 10);")).toEqual(["parseInt("]);
    expect(probe("const x = Number(amount) * 1.1;")).toEqual(["Number("]);
    expect(probe("const x = dec(a).toNumber();")).toEqual([".toNumber()"]);
    expect(probe("const total = +amount;")).toEqual(["unary + coercion"]);
    expect(probe("return +o.rate * 2;")).toEqual(["unary + coercion"]);
    expect(probe("const t = Date.now();")).toEqual(["Date.now()"]);
    expect(probe("const t = new Date();")).toEqual(["new Date() without an argument"]);
    expect(probe("const t = Math.random();")).toEqual(["Math.random()"]);
    // Not violations: names that merely end in "Number", Number's static helpers, dates with an argument, comments.
    expect(probe("const n = toDayNumber(date); fromDayNumber(n);")).toEqual([]);
    expect(probe("if (!Number.isInteger(n)) return;")).toEqual([]);
    expect(probe("const t = new Date(now.getTime() + 1);")).toEqual([]);
    expect(probe("// never call parseFloat( on money")).toEqual([]);
    expect(probe("/* Number( is banned */ const a = 1;")).toEqual([]);
    expect(probe("const s = a + amount; i += 1; j = ++k;")).toEqual([]);
  });
});
