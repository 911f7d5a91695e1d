import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { UseCase } from "@/lib/server/use-case";

export type AnyUseCase = UseCase<unknown, unknown>;

const ROOT = path.resolve(new URL("../../..", import.meta.url).pathname);

function isUseCase(value: unknown): value is AnyUseCase {
  if (typeof value !== "function") return false;
  const v = value as unknown as Record<string, unknown>;
  return typeof v.useCaseName === "string" && Array.isArray(v.roles) && (v.kind === "query" || v.kind === "mutation");
}

type Modules = Record<string, () => Promise<Record<string, unknown>>>;

/** Every module under lib/server, by its path from the repository root ("/lib/server/x/y.ts"). */
const SERVER_MODULES: Modules = import.meta.glob<Record<string, unknown>>(["/lib/server/**/*.ts", "!/lib/server/**/*.d.ts"]);

/**
 * Every use case any module under lib/server exports, found by what it is (a function carrying
 * useCaseName, roles and kind), so a new use case needs no list to be edited to be found.
 */
export async function discoverUseCases(): Promise<Map<string, AnyUseCase>> {
  const byName = new Map<string, AnyUseCase>();
  for (const [file, load] of Object.entries(SERVER_MODULES).sort(([a], [b]) => a.localeCompare(b))) {
    const mod = await load();
    for (const [exportName, value] of Object.entries(mod)) {
      if (!isUseCase(value)) continue;
      const known = byName.get(value.useCaseName);
      if (known && known !== value) throw new Error(`two use cases are named ${value.useCaseName} (${file} ${exportName})`);
      byName.set(value.useCaseName, value);
    }
  }
  return byName;
}

/** The exported value `name` of "@/lib/server/…" (undefined when the module or export does not exist). */
async function serverExport(specifier: string, name: string): Promise<unknown> {
  const file = `/${specifier.replace(/^@\//, "")}.ts`;
  const load = SERVER_MODULES[file];
  return load ? (await load())[name] : undefined;
}

function walk(dir: string, match: (name: string) => boolean, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, match, out);
    else if (match(entry.name)) out.push(full);
  }
  return out;
}

const isDirective = (stmt: ts.Statement, text: string) =>
  ts.isExpressionStatement(stmt) && ts.isStringLiteral(stmt.expression) && stmt.expression.text === text;

/** Whether the file is a module of server actions ("use server" at its top). */
function isServerActionModule(source: ts.SourceFile): boolean {
  for (const stmt of source.statements) {
    if (isDirective(stmt, "use server")) return true;
    if (!(ts.isExpressionStatement(stmt) && ts.isStringLiteral(stmt.expression))) return false;
  }
  return false;
}

/** Functions that declare "use server" in their own body (inline server actions), as "file:line". */
function inlineServerActions(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isFunctionLike(node) && "body" in node && node.body && ts.isBlock(node.body as ts.Node))) {
      const body = node.body as ts.Block;
      if (body.statements.some((st) => isDirective(st, "use server"))) {
        found.push(`${rel(source.fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const SOURCE = (name: string) => /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts");

type Import = { specifier: string; name: string; typeOnly: boolean };

function parse(file: string) {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** The file's imports by local name. */
function importsOf(source: ts.SourceFile): Map<string, Import> {
  const out = new Map<string, Import>();
  for (const stmt of source.statements) {
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
    const specifier = stmt.moduleSpecifier.text;
    const clause = stmt.importClause;
    if (!clause) continue;
    if (clause.name) out.set(clause.name.text, { specifier, name: "default", typeOnly: clause.isTypeOnly });
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) {
        out.set(el.name.text, { specifier, name: (el.propertyName ?? el.name).text, typeOnly: clause.isTypeOnly || el.isTypeOnly });
      }
    } else if (bindings && ts.isNamespaceImport(bindings)) {
      out.set(bindings.name.text, { specifier, name: "*", typeOnly: clause.isTypeOnly });
    }
  }
  return out;
}

const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Top-level functions (declarations and `const f = async (…) =>`), with whether they are exported. */
function functionsOf(source: ts.SourceFile): Map<string, { node: ts.Node; exported: boolean }> {
  const out = new Map<string, { node: ts.Node; exported: boolean }>();
  for (const stmt of source.statements) {
    if (ts.isFunctionDeclaration(stmt) && stmt.name) out.set(stmt.name.text, { node: stmt, exported: isExported(stmt) });
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) {
          out.set(d.name.text, { node: d.initializer, exported: isExported(stmt) });
        }
      }
    }
  }
  return out;
}

/** The identifiers a function uses, following the file's own helper functions it calls. */
function reachableIdentifiers(start: ts.Node, functions: Map<string, { node: ts.Node }>): Set<string> {
  const seen = new Set<string>();
  const visitedFns = new Set<ts.Node>([start]);
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) {
      seen.add(node.text);
      const local = functions.get(node.text);
      if (local && !visitedFns.has(local.node)) {
        visitedFns.add(local.node);
        visit(local.node);
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(start, visit);
  return seen;
}

const rel = (file: string) => path.relative(ROOT, file);

export type ScannedAction = {
  /** "app/(portal)/loans/actions.ts#recordRepaymentAction" */
  id: string;
  file: string;
  name: string;
  callsRunAction: boolean;
  /** Use cases it may run (imported use cases it refers to, directly or through a helper of its file). */
  useCases: AnyUseCase[];
  /** Other values it uses from lib/server, as "module#name". */
  otherServerValues: string[];
};

export type ScannedFile = {
  file: string;
  /** Imports that reach the database without a use case (Prisma, pg, lib/server/db). */
  databaseImports: string[];
  /** Values imported from lib/server that are neither use cases nor the action wrapper. */
  otherServerValues: string[];
};

const DATABASE_IMPORT = /^(@\/lib\/server\/db$|@\/generated\/prisma|@prisma\/|pg$)/;

/** What each file's values imported from lib/server are: use cases or something else. */
async function classifyImports(imports: Map<string, Import>) {
  const useCaseOf = new Map<string, AnyUseCase>();
  const other = new Map<string, string>();
  for (const [local, imp] of imports) {
    if (imp.typeOnly || !imp.specifier.startsWith("@/lib/server/")) continue;
    const value = await serverExport(imp.specifier, imp.name);
    if (isUseCase(value)) useCaseOf.set(local, value);
    else other.set(local, `${imp.specifier}#${imp.name}`);
  }
  return { useCaseOf, other };
}

/**
 * Every server action: each exported function of every module under app/ and components/ that
 * starts with "use server", read from its source; `inline` lists functions that declare
 * "use server" in their own body (which the matrix cannot call, so they are refused).
 */
export async function scanActions(): Promise<{ files: ScannedFile[]; actions: ScannedAction[]; inline: string[] }> {
  const files: ScannedFile[] = [];
  const actions: ScannedAction[] = [];
  const inline: string[] = [];
  const sources = [...walk(path.join(ROOT, "app"), SOURCE), ...walk(path.join(ROOT, "components"), SOURCE)].sort();
  for (const file of sources) {
    const source = parse(file);
    inline.push(...inlineServerActions(source));
    if (!isServerActionModule(source)) continue;
    const imports = importsOf(source);
    const { useCaseOf, other } = await classifyImports(imports);
    files.push({
      file: rel(file),
      databaseImports: [...imports.values()].filter((i) => DATABASE_IMPORT.test(i.specifier)).map((i) => i.specifier),
      otherServerValues: [...other.values()],
    });
    const functions = functionsOf(source);
    for (const [name, fn] of functions) {
      if (!fn.exported) continue;
      const used = reachableIdentifiers(fn.node, functions);
      const runAction = imports.get("runAction");
      actions.push({
        id: `${rel(file)}#${name}`,
        file: rel(file),
        name,
        callsRunAction: used.has("runAction") && runAction?.specifier === "@/lib/server/action",
        useCases: [...useCaseOf].filter(([local]) => used.has(local)).map(([, uc]) => uc),
        otherServerValues: [...other].filter(([local]) => used.has(local)).map(([, id]) => id),
      });
    }
  }
  return { files, actions, inline };
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

export type ScannedRoute = {
  /** "GET /api/attachments/[id]" */
  key: string;
  file: string;
  method: string;
  useCases: AnyUseCase[];
  databaseImports: string[];
};

/** Every route handler: each exported HTTP method of every app/api/**\/route.ts, read from its source. */
export async function scanRoutes(): Promise<ScannedRoute[]> {
  const routes: ScannedRoute[] = [];
  for (const file of walk(path.join(ROOT, "app", "api"), (name) => name === "route.ts").sort()) {
    const source = parse(file);
    const imports = importsOf(source);
    const { useCaseOf } = await classifyImports(imports);
    const functions = functionsOf(source);
    const urlPath = `/${path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join("/")}`;
    const exported = new Map<string, ts.Node | null>();
    for (const [name, fn] of functions) if (fn.exported) exported.set(name, fn.node);
    for (const stmt of source.statements) {
      // export { handler as GET, handler as POST }
      if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
        for (const el of stmt.exportClause.elements) exported.set(el.name.text, null);
      }
    }
    for (const [name, node] of exported) {
      if (!METHODS.includes(name)) continue;
      const used = node ? reachableIdentifiers(node, functions) : new Set<string>();
      routes.push({
        key: `${name} ${urlPath}`,
        file: rel(file),
        method: name,
        useCases: [...useCaseOf].filter(([local]) => used.has(local)).map(([, uc]) => uc),
        databaseImports: [...imports.values()].filter((i) => DATABASE_IMPORT.test(i.specifier)).map((i) => i.specifier),
      });
    }
  }
  return routes;
}

/** The app modules (server actions and route handlers), to call their exports. */
export const ACTION_MODULES: Modules = import.meta.glob<Record<string, unknown>>(["/app/**/*.ts", "/app/**/*.tsx", "/components/**/*.ts", "/components/**/*.tsx"]);
export const ROUTE_MODULES: Modules = import.meta.glob<Record<string, unknown>>("/app/api/**/route.ts");
