import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ROLES, type Role } from "@/lib/domain/roles";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { prisma, resetDb, setNow, validId } from "../fixtures";
import { ACTION_HELPERS, ROUTES, type RouteRow, type Sibling, USE_CASES, type UseCaseName, type UseCaseRow, VARIANTS, type VariantRow } from "./expectations";
import { INPUTS, ROUTE_REQUESTS, VARIANT_INPUTS } from "./inputs";
import { bankMarkers, countyMarkers, leaked, type Markers, textOf, townshipMarkers, villageMarkers } from "./markers";
import { ACTION_MODULES, type AnyUseCase, discoverUseCases, ROUTE_MODULES, scanActions, scanRoutes } from "./registry";
import { buildWorld, WORLD_NOW, type World } from "./world";

/**
 * Issue 10, item 1: every use case, server action and route handler, called as every role from a
 * unit in scope and from units out of scope, against the one table in ./expectations.ts. The
 * database is real; only the session (the cookie's, lib/server/auth/current-session.ts) and Next's
 * cache are stood in for, so actions and route handlers run as they do in the server.
 */
const session = vi.hoisted(() => ({ current: null as null | { uid: string; loginAt: number; lastSeen: number } }));
vi.mock("@/lib/server/auth/current-session", () => ({ currentSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
/** What runAction answered, recorded as it passes (the action wrapper itself runs unchanged). */
const ran = vi.hoisted(() => ({ results: [] as { useCase: string; ok: boolean; message?: string }[] }));
vi.mock("@/lib/server/action", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/server/action")>();
  return {
    ...real,
    runAction: async (useCase: Parameters<typeof real.runAction>[0], input: unknown) => {
      const result = await real.runAction(useCase, input);
      ran.results.push({ useCase: useCase.useCaseName, ok: result.ok, message: result.ok ? undefined : result.message });
      return result;
    },
  };
});

function signIn(actor: Actor | null) {
  session.current = actor ? { uid: actor.userId, loginAt: Date.now(), lastSeen: Date.now() } : null;
}

const ROWS: Record<string, UseCaseRow> = USE_CASES;
const DENIED = ["NOT_FOUND", "FORBIDDEN"];
const MESSAGES = {
  signedOut: "登录已过期，请重新登录。",
  forbidden: "您的角色无权执行此操作。",
  mustChangePassword: "请先修改系统管理员设置的初始密码，再进行其他操作。",
};

const useCases = await discoverUseCases();
const scannedActions = await scanActions();
const scannedRoutes = await scanRoutes();
/** Reads first, so that what the writes change is seen by no read; the table's order within each. */
const tableOrder = Object.keys(USE_CASES);
const ordered = [...useCases.values()].sort(
  (a, b) => (a.kind === b.kind ? 0 : a.kind === "query" ? -1 : 1) || tableOrder.indexOf(a.useCaseName) - tableOrder.indexOf(b.useCaseName),
);

let w: World;
let markers: { countyA: Markers; village: Markers; township: Markers; bank: Markers };
let calls = 0;
const tally = { routeRequests: 0, actionCalls: 0, cells: 0, forbiddenByRole: 0, deniedOutOfScope: 0, filteredOutOfScope: 0, inScopeOk: 0, inScopeBusinessRule: 0, inScopeRefusedByConfig: 0 };
const started = Date.now();
let worldSeconds = 0;

type Outcome = { ok: true; data: unknown } | { ok: false; error: unknown };

async function call(useCase: AnyUseCase, actor: Actor, input: unknown): Promise<Outcome> {
  try {
    return { ok: true, data: await useCase(actor, input) };
  } catch (error) {
    return { ok: false, error };
  }
}

const codeOf = (o: Outcome) => (o.ok ? "ok" : o.error instanceof AppError ? o.error.code : `unexpected ${(o.error as Error)?.name}: ${(o.error as Error)?.message}`);
const errorText = (e: unknown) => (e instanceof AppError ? JSON.stringify({ code: e.code, message: e.message, fieldErrors: e.fieldErrors ?? null }) : String(e));

async function outcomeText(o: Outcome) {
  return o.ok ? textOf(o.data) : errorText(o.error);
}

/** The input with every id of the world replaced by one that exists nowhere (and ID numbers by unused ones). */
function ghost(input: unknown): unknown {
  if (typeof input === "string") {
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input)) return randomUUID();
    if (/^\d{17}[\dX]$/.test(input)) return validId("410101", "19700101", "999");
    return input;
  }
  if (Array.isArray(input)) return input.map(ghost);
  if (input && typeof input === "object" && !(input instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, ghost(v)]));
  }
  return input;
}

const auditRowsOfA = () => prisma.auditEvent.count({ where: { countyId: w.A.countyId } });

type OutOfScopeActor = { actor: Actor; label: string; markers: Markers; sibling?: Sibling };

/** The actors of `role` outside the records' scope: the same role in county B, and the row's neighbours of that role in A. */
function outOfScopeActors(role: Role, row: UseCaseRow): OutOfScopeActor[] {
  const out: OutOfScopeActor[] = [{ actor: w.countyB[role], label: `${role}@countyB`, markers: markers.countyA }];
  const siblings = row.siblings ?? [];
  if (role === "village_cadre" && siblings.includes("village")) out.push({ actor: w.siblings.village, label: "village_cadre@V12", markers: markers.village, sibling: "village" });
  if (role === "township_officer" && siblings.includes("township")) out.push({ actor: w.siblings.township, label: "township_officer@T2", markers: markers.township, sibling: "township" });
  if (role === "bank_officer" && siblings.includes("bank")) out.push({ actor: w.siblings.bank, label: "bank_officer@bankA2", markers: markers.bank, sibling: "bank" });
  return out;
}

describe("access matrix: every use case, action and route handler as every role, in and out of scope", () => {
  beforeAll(async () => {
    await resetDb();
    const t0 = Date.now();
    w = await buildWorld();
    worldSeconds = (Date.now() - t0) / 1000;
    setNow(WORLD_NOW);
    markers = {
      countyA: await countyMarkers(w.A.countyId),
      village: await villageMarkers(w.A.v11),
      township: await townshipMarkers(w.A.t1),
      bank: await bankMarkers(w.bankA1),
    };
  }, 180_000);

  afterAll(() => {
    setNow(null);
    signIn(null);
    console.info(
      `ACCESS MATRIX ${useCases.size} use cases, ${scannedActions.actions.length} server actions, ${Object.keys(ROUTES).length} route handlers, ` +
        `${ROLES.length} roles; ${tally.cells} use-case cells (${tally.forbiddenByRole} refused by role, ${tally.deniedOutOfScope} out of scope denied, ` +
        `${tally.filteredOutOfScope} out of scope filtered/own, in scope: ${tally.inScopeOk} ok, ${tally.inScopeBusinessRule} refused by a business rule, ` +
        `${tally.inScopeRefusedByConfig} refused by county configuration); ${tally.routeRequests} route requests, ${tally.actionCalls} server action calls; world built in ${worldSeconds.toFixed(1)} s, ${((Date.now() - started) / 1000).toFixed(1)} s in all`,
    );
  });

  it("the table has a row and an input for every use case found under lib/server, and nothing else", () => {
    const found = [...useCases.keys()].sort();
    expect(found.filter((name) => !(name in USE_CASES)), "use cases without a row in expectations.ts").toEqual([]);
    expect(Object.keys(USE_CASES).filter((name) => !useCases.has(name)), "rows without a use case").toEqual([]);
    expect(Object.keys(INPUTS).sort()).toEqual(Object.keys(USE_CASES).sort());
    expect(Object.keys(VARIANT_INPUTS).sort()).toEqual(Object.keys(VARIANTS).sort());
  });

  it("each row's roles are exactly the roles its use case admits", () => {
    const differ = [...useCases.values()]
      .filter((uc) => ROWS[uc.useCaseName])
      .filter((uc) => [...uc.roles].sort().join() !== [...ROWS[uc.useCaseName].roles].sort().join())
      .map((uc) => `${uc.useCaseName}: code ${[...uc.roles].sort().join(",")} / table ${[...ROWS[uc.useCaseName].roles].sort().join(",")}`);
    expect(differ).toEqual([]);
  });

  it("every server action runs a use case of the table through runAction, and no action reaches the database", () => {
    const problems: string[] = scannedActions.inline.map((at) => `${at} declares an inline server action: put it in a "use server" module`);
    for (const f of scannedActions.files) {
      if (f.databaseImports.length) problems.push(`${f.file} imports ${f.databaseImports.join(", ")}`);
      for (const v of f.otherServerValues) if (!(v in ACTION_HELPERS)) problems.push(`${f.file} uses ${v}, which is neither a use case nor an allowed helper`);
    }
    for (const a of scannedActions.actions) {
      if (!a.callsRunAction) problems.push(`${a.id} does not call runAction`);
      if (a.useCases.length === 0) problems.push(`${a.id} runs no use case`);
      for (const uc of a.useCases) if (!ROWS[uc.useCaseName]) problems.push(`${a.id} runs ${uc.useCaseName}, which has no row`);
    }
    expect(scannedActions.actions.length).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });

  it("every route handler has a row, and a download route runs exactly the use case of its row", () => {
    const rows: Record<string, RouteRow> = ROUTES;
    const problems: string[] = [];
    for (const r of scannedRoutes) {
      const row = rows[r.key];
      if (!row) {
        problems.push(`${r.key} (${r.file}) has no row in ROUTES`);
        continue;
      }
      if (r.databaseImports.length) problems.push(`${r.key} imports ${r.databaseImports.join(", ")}`);
      const used = r.useCases.map((uc) => uc.useCaseName).sort().join();
      if (row.access === "useCase" && used !== row.useCase) problems.push(`${r.key} runs [${used}], its row says ${row.useCase}`);
      if (row.access !== "useCase" && used) problems.push(`${r.key} runs [${used}] but its row says ${row.access}`);
      if (row.access === "useCase" && !ROUTE_REQUESTS[r.key]) problems.push(`${r.key} has no request in inputs.ts`);
    }
    for (const key of Object.keys(rows)) if (!scannedRoutes.some((r) => r.key === key)) problems.push(`row ${key} matches no route handler`);
    expect(problems).toEqual([]);
  });

  const cases = ordered.flatMap((useCase) => [
    { label: `${useCase.useCaseName} (${useCase.kind})`, useCase, row: ROWS[useCase.useCaseName], build: INPUTS[useCase.useCaseName as UseCaseName] },
    ...Object.entries(VARIANTS as Record<string, VariantRow>)
      .filter(([, v]) => v.useCase === useCase.useCaseName)
      .map(([label, v]) => ({ label: `${label} (${useCase.kind})`, useCase, row: { ...ROWS[v.useCase], ...v } as UseCaseRow, build: VARIANT_INPUTS[label] })),
  ]);
  for (const { label, useCase, row, build } of cases) {
    const name = useCase.useCaseName;
    it(label, async () => {
      expect(row, `${name} has no row in expectations.ts`).toBeDefined();
      expect(build, `${label} has no input in inputs.ts`).toBeDefined();
      const problems: string[] = [];
      const input = async (role: Role) => {
        const value = await build(w, role, ++calls);
        const parsed = useCase.inputSchema.safeParse(value);
        if (!parsed.success) problems.push(`the matrix's input for ${role} does not pass the schema: ${parsed.error.message}`);
        return value;
      };

      // 1. A role not in the row is refused for its role, wherever it sits.
      for (const role of ROLES.filter((r) => !row.roles.includes(r))) {
        for (const actor of [w.inScope[role], w.countyB[role]]) {
          const o = await call(useCase, actor, await input(role));
          tally.cells++;
          if (codeOf(o) !== "FORBIDDEN") problems.push(`${role} (not in the row) got ${codeOf(o)}, expected FORBIDDEN`);
          else tally.forbiddenByRole++;
        }
      }

      // 2. Out of scope: county B's actor of each role of the row, and the row's neighbours in A.
      const witnessed: { role: Role; label: string; markers: Markers }[] = [];
      for (const role of row.roles) {
        for (const out of outOfScopeActors(role, row)) {
          const value = await input(role);
          const sent = await textOf(value);
          const before = out.sibling ? 0 : await auditRowsOfA();
          const o = await call(useCase, out.actor, value);
          tally.cells++;
          const code = codeOf(o);
          if (code.startsWith("unexpected")) problems.push(`${out.label}: ${code}`);
          if (row.outOfScope === "denied") {
            let denied = DENIED.includes(code);
            if (!denied && row.deniedAtField && !o.ok && code === "VALIDATION") {
              const unknown = await call(useCase, out.actor, ghost(value));
              denied = !unknown.ok && errorText(unknown.error) === errorText(o.error);
              if (!denied) problems.push(`${out.label}: refused at a field, but not as an unknown id is: ${errorText(o.error)} / ${unknown.ok ? "ok" : errorText(unknown.error)}`);
            }
            if (!denied) problems.push(`${out.label}: got ${code}, expected NOT_FOUND or FORBIDDEN`);
            else tally.deniedOutOfScope++;
          } else {
            tally.filteredOutOfScope++;
            witnessed.push({ role, label: out.label, markers: out.markers });
          }
          const leaks = leaked(out.markers, await outcomeText(o), sent);
          if (leaks.length) problems.push(`${out.label}: LEAK of ${leaks.length} record(s) of the target scope: ${leaks.slice(0, 5).join(", ")}`);
          if (!out.sibling) {
            const after = await auditRowsOfA();
            if (after !== before) problems.push(`${out.label}: wrote ${after - before} audit row(s) in county A`);
          }
        }
      }

      // 3. In scope: every role of the row is let through (a business rule may still refuse).
      for (const role of row.roles) {
        const o = await call(useCase, w.inScope[role], await input(role));
        tally.cells++;
        const code = codeOf(o);
        const refusal = (row.refusedInScope as Partial<Record<Role, string>> | undefined)?.[role];
        if (refusal) {
          if (code !== "FORBIDDEN") problems.push(`${role} in scope: got ${code}, the row says it is refused (${refusal})`);
          else tally.inScopeRefusedByConfig++;
          continue;
        }
        if (code.startsWith("unexpected")) problems.push(`${role} in scope: ${code}`);
        else if (DENIED.includes(code)) problems.push(`${role} in scope: refused with ${code}: ${errorText((o as { error: unknown }).error)}`);
        else if (code === "ok") tally.inScopeOk++;
        else {
          tally.inScopeBusinessRule++;
        }
        if (row.outOfScope === "filtered" && row.witness !== false) {
          const text = await outcomeText(o);
          for (const wit of witnessed.filter((x) => x.role === role)) {
            if (leaked(wit.markers, text, "").length === 0) problems.push(`${role} in scope sees none of the records ${wit.label} must not see: the out-of-scope check proves nothing`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  for (const [key, row] of Object.entries(ROUTES as Record<string, RouteRow>)) {
    it(`route ${key}`, async () => {
      const scanned = scannedRoutes.find((r) => r.key === key);
      expect(scanned, `no route handler for ${key}`).toBeDefined();
      const mod = await ROUTE_MODULES[`/${scanned!.file}`]();
      const handler = mod[scanned!.method] as (req: Request, ctx: unknown) => Promise<Response>;
      const problems: string[] = [];
      if (row.access === "public") {
        expect(typeof handler).toBe("function");
        return;
      }
      const request = row.access === "useCase" ? ROUTE_REQUESTS[key](w) : { url: key.split(" ")[1].replace("[", "").replace("]", "") };
      const fetchAs = async (actor: Actor | null) => {
        tally.routeRequests++;
        signIn(actor);
        const response = await handler(new Request(`http://localhost${request.url}`, { method: scanned!.method, ...(scanned!.method === "POST" ? { body: "{}" } : {}) }), {
          params: Promise.resolve(request.params ?? {}),
        });
        const bytes = new Uint8Array(await response.arrayBuffer());
        return { status: response.status, text: await textOf(bytes) + new TextDecoder().decode(bytes.slice(0, 2000)) };
      };

      if (row.access === "testOnly") {
        const allowed = process.env.PORTAL_ALLOW_FAKE_CLOCK;
        delete process.env.PORTAL_ALLOW_FAKE_CLOCK;
        try {
          for (const actor of [null, ...ROLES.map((r) => w.inScope[r])]) {
            const { status } = await fetchAs(actor);
            if (status !== 404) problems.push(`${actor?.role ?? "signed out"}: ${status}, expected 404 without PORTAL_ALLOW_FAKE_CLOCK`);
          }
        } finally {
          process.env.PORTAL_ALLOW_FAKE_CLOCK = allowed;
        }
        expect(problems).toEqual([]);
        return;
      }

      const ucRow = ROWS[row.useCase];
      const signedOut = await fetchAs(null);
      if (signedOut.status !== 401) problems.push(`signed out: ${signedOut.status}, expected 401`);
      for (const role of ROLES) {
        if (!ucRow.roles.includes(role)) {
          const { status } = await fetchAs(w.inScope[role]);
          if (status !== 403) problems.push(`${role} (not in the row): ${status}, expected 403`);
          continue;
        }
        for (const out of outOfScopeActors(role, ucRow)) {
          const { status, text } = await fetchAs(out.actor);
          if (ucRow.outOfScope === "denied" && status !== 404 && status !== 403) problems.push(`${out.label}: ${status}, expected 404`);
          if (ucRow.outOfScope !== "denied" && ![200, 403, 404].includes(status)) problems.push(`${out.label}: ${status}`);
          const leaks = leaked(out.markers, text, decodeURIComponent(request.url));
          if (leaks.length) problems.push(`${out.label}: LEAK ${leaks.slice(0, 5).join(", ")}`);
        }
        const { status } = await fetchAs(w.inScope[role]);
        if (status !== 200) problems.push(`${role} in scope: ${status}, expected 200`);
      }
      signIn(null);
      expect(problems).toEqual([]);
    });
  }

  for (const action of scannedActions.actions) {
    it(`server action ${action.id}`, async () => {
      const mod = await ACTION_MODULES[`/${action.file}`]();
      const fn = mod[action.name] as (...args: unknown[]) => Promise<unknown>;
      const form = () => {
        const f = new FormData();
        f.set("file", new File([new TextEncoder().encode("%PDF-1.4\n")], "x.pdf", { type: "application/pdf" }));
        f.set("q", validId("420202", "19800101", "001"));
        return f;
      };
      /** What runAction answered while the action ran as `actor` (the action's own return may be a redirect). */
      const answersAs = async (actor: Actor | null) => {
        tally.actionCalls++;
        signIn(actor);
        ran.results = [];
        try {
          await (fn.length === 1 ? fn(form()) : fn({ result: null, values: {} }, form()));
        } catch (error) {
          if (!String((error as Error)?.message).includes("NEXT_REDIRECT")) throw error;
        } finally {
          signIn(null);
        }
        return ran.results.length ? ran.results.map((r) => (r.ok ? "ok" : r.message)) : ["runAction was not called"];
      };
      const problems: string[] = [];
      const admitted = new Set(action.useCases.flatMap((uc) => uc.roles));
      expect(admitted.size, `${action.id} runs no use case`).toBeGreaterThan(0);
      const expectOnly = (who: string, answers: (string | undefined)[], message: string) => {
        if (answers.some((a) => a !== message)) problems.push(`${who}: ${answers.join(" / ")}`);
      };

      expectOnly("signed out", await answersAs(null), MESSAGES.signedOut);
      for (const role of ROLES.filter((r) => !admitted.has(r))) {
        expectOnly(`${role} (admitted by none of its use cases)`, await answersAs(w.inScope[role]), MESSAGES.forbidden);
      }
      if (!action.useCases.some((uc) => uc.useCaseName === "user.changePassword")) {
        const role = [...admitted][0];
        const actor = w.countyB[role];
        await prisma.user.update({ where: { id: actor.userId }, data: { mustChangePassword: true } });
        try {
          expectOnly(`${role} who must change the password first`, await answersAs(actor), MESSAGES.mustChangePassword);
        } finally {
          await prisma.user.update({ where: { id: actor.userId }, data: { mustChangePassword: false } });
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
