import { expect } from "vitest";
import { DomainError } from "@/lib/domain/errors";

/** Runs fn and returns the DomainError code it throws (undefined if it does not throw). */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).message).toMatch(/[\u4e00-\u9fff]/);
    return (e as DomainError).code;
  }
  return undefined;
}
