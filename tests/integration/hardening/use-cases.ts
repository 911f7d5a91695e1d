import type { UseCase } from "@/lib/server/use-case";

export type AnyUseCase = UseCase<unknown, unknown>;

export function isUseCase(value: unknown): value is AnyUseCase {
  if (typeof value !== "function") return false;
  const v = value as unknown as Partial<Record<"useCaseName" | "roles" | "kind", unknown>>;
  return (
    typeof v.useCaseName === "string" &&
    Array.isArray(v.roles) &&
    (v.kind === "query" || v.kind === "mutation")
  );
}

/**
 * Every use case exported by a module under lib/server, found by what it is (a function with
 * useCaseName, roles and kind), so a new use case is covered without editing a list. Sorted by
 * name; one entry per use case even when a module re-exports another's.
 */
export async function discoverUseCases(): Promise<{ module: string; exportName: string; useCase: AnyUseCase }[]> {
  const modules = import.meta.glob<Record<string, unknown>>(["/lib/server/**/*.ts", "!/lib/server/**/*.d.ts"]);
  const found = new Map<AnyUseCase, { module: string; exportName: string; useCase: AnyUseCase }>();
  for (const [path, load] of Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) {
    const mod = await load();
    for (const [exportName, value] of Object.entries(mod)) {
      if (isUseCase(value) && !found.has(value)) found.set(value, { module: path, exportName, useCase: value });
    }
  }
  return [...found.values()].sort((a, b) => a.useCase.useCaseName.localeCompare(b.useCase.useCaseName));
}
