import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/domain/roles";
import { recordFundDeposit } from "@/lib/server/risk/record-fund-deposit";
import type { UseCaseName } from "../access/expectations";
import { INPUTS } from "../access/inputs";
import { discoverUseCases } from "../access/registry";
import { buildWorld, WORLD_NOW, type World } from "../access/world";
import { prisma, resetDb, setNow } from "../fixtures";
import { assertClearRefusal, idPool, rollBackEverySuccess, tableState } from "./fuzz-support";
import { type IdPool, inputsFor, materialise } from "./hostile";
import { shapeOf } from "./schema-shape";

/** Cases per use case (issue 10, item 2: at least 200). FUZZ_SEED replays a reported run. */
const NUM_RUNS = 200;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/** The access matrix's registry: every use case exported under lib/server, found by what it is. */
const useCases = [...(await discoverUseCases()).values()].sort((a, b) => a.useCaseName.localeCompare(b.useCaseName));

/**
 * Every use case (found in lib/server by what it is, so a new one is fuzzed without editing this
 * file) gets 200 inputs, as an allowed, in-scope actor of the access matrix's world (a record in
 * every state a use case acts on): junk of every type; near-valid inputs built from its zod schema
 * with real record ids; and, most of all, the access matrix's valid input for it with one field
 * hostile (oversized, script tags, wrong types, negative and huge amounts, malformed dates and ID
 * numbers, files that are not what they claim), replaced or left out. Each call either succeeds or is refused clearly (an
 * AppError with a Chinese message, at a field of the form for a validation error); a malformed
 * date, amount or ID number is never accepted; and nothing is written by a refused call (every
 * table's row count and last writer are the same afterwards).
 */
describe("every use case under hostile input (real PostgreSQL)", () => {
  let w: World;
  let pool: IdPool;
  let before: Record<string, string>;
  let restore: () => void = () => {};

  beforeAll(async () => {
    await resetDb();
    w = await buildWorld();
    setNow(WORLD_NOW);
    pool = await idPool();
    restore = await rollBackEverySuccess();
    before = await tableState();
  }, 180_000);

  /** Outcomes per use case (FUZZ_STATS=1 prints them): how deep the inputs got. */
  const stats = new Map<string, Record<string, number>>();
  afterAll(() => {
    restore();
    setNow(null);
    if (process.env.FUZZ_STATS) for (const [name, s] of stats) console.log(name.padEnd(34), JSON.stringify(s));
  });

  it("finds the use cases, and the harness rolls an accepted mutation back", async () => {
    expect(useCases.length).toBeGreaterThanOrEqual(100);
    const county = w.inScope.county_officer;
    const { id } = await recordFundDeposit(county, { amount: "1.00", occurredOn: "2026-10-12", reference: "试" });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await prisma.fundLedgerEntry.count({ where: { id } })).toBe(0);
    expect(await tableState()).toEqual(before);
  });

  for (const useCase of useCases) {
    it(`${useCase.useCaseName}: ${NUM_RUNS} hostile inputs`, async () => {
      const shape = shapeOf(useCase.inputSchema);
      // Per allowed role: its actor and inputs (mutations of the matrix's input for that role, where there is one).
      const build = (INPUTS as Partial<Record<string, (w: World, role: Role, n: number) => unknown>>)[useCase.useCaseName as UseCaseName];
      const perRole = await Promise.all(
        useCase.roles.map(async (role) => {
          const base = build ? await build(w, role, 1) : undefined;
          return fc.tuple(fc.constant(w.inScope[role]), inputsFor(shape, useCase.useCaseName, pool, base));
        }),
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(...perRole), async ([actor, input]) => {
          const value = await materialise(input.value);
          const tally = stats.get(useCase.useCaseName) ?? {};
          stats.set(useCase.useCaseName, tally);
          try {
            await useCase(actor, value);
            tally.ok = (tally.ok ?? 0) + 1;
          } catch (error) {
            assertClearRefusal(error, shape);
            const code = (error as { code: string; message: string }).code;
            const key = code === "VALIDATION" && (error as Error).message === "提交的内容有误，请检查标出的字段。" ? "schema" : code;
            if (key === "schema" && input.hostile === null && process.env.FUZZ_STATS) {
              const k = `plausible refused: ${Object.keys((error as { fieldErrors?: object }).fieldErrors ?? {}).join(",")}`;
              tally[k] = (tally[k] ?? 0) + 1;
            }
            tally[key] = (tally[key] ?? 0) + 1;
            return;
          }
          if (input.mustReject.length > 0) throw new Error(`accepted ${input.mustReject.join("; ")}`);
        }),
        { numRuns: NUM_RUNS, seed: SEED, endOnFailure: true },
      );
      expect(await tableState(), "nothing written by a refused call").toEqual(before);
    }, 120_000);
  }
});
