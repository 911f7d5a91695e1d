import { expect } from "vitest";
import { AppError, type AppErrorCode } from "@/lib/server/errors";

/** How many identical requests each race fires at once. */
export const RACERS = 50;

export type RaceResult<R> = { ok: R[]; failed: AppError[] };

/**
 * Fires `n` calls at once and sorts the outcomes. Every failure must be an AppError with one of
 * `codes` (a clear message for the user), never a generic Error, TypeError or database error.
 */
export async function race<R>(call: (i: number) => Promise<R>, codes: readonly AppErrorCode[] = ["CONFLICT"], n = RACERS): Promise<RaceResult<R>> {
  const settled = await Promise.allSettled(Array.from({ length: n }, (_, i) => call(i)));
  const ok: R[] = [];
  const failed: AppError[] = [];
  for (const s of settled) {
    if (s.status === "fulfilled") {
      ok.push(s.value);
      continue;
    }
    const e = s.reason as unknown;
    if (!(e instanceof AppError)) {
      throw new Error(`a racer failed with a non-AppError: ${e instanceof Error ? e.stack : String(e)}`);
    }
    expect(codes, `unexpected ${e.code}: ${e.message}`).toContain(e.code);
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    failed.push(e);
  }
  return { ok, failed };
}

/** Exactly one racer won; the others got one of the clear refusals. */
export async function exactlyOne<R>(call: (i: number) => Promise<R>, codes: readonly AppErrorCode[] = ["CONFLICT"]): Promise<R> {
  const { ok, failed } = await race(call, codes);
  expect(ok).toHaveLength(1);
  expect(failed).toHaveLength(RACERS - 1);
  return ok[0];
}
