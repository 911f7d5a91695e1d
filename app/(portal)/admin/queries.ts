import { notFound } from "next/navigation";
import type { Actor } from "@/lib/server/actor";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import type { UseCase } from "@/lib/server/use-case";

/**
 * For admin pages: runs a query as the signed-in admin. Anyone else, a record of another county
 * and a malformed id all render the 404 page.
 */
export async function adminQuery<R>(useCase: UseCase<unknown, R>, input: unknown): Promise<R> {
  const actor = await requireAdmin();
  try {
    return await useCase(actor, input);
  } catch (error) {
    if (error instanceof AppError && ["NOT_FOUND", "FORBIDDEN", "VALIDATION"].includes(error.code)) notFound();
    throw error;
  }
}

export async function requireAdmin(): Promise<Actor> {
  const actor = await requireActor();
  if (actor.role !== "admin") notFound();
  return actor;
}

export function formatDateTime(d: Date | null | undefined): string {
  if (!d) return "—";
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}
