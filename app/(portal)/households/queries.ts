import { notFound } from "next/navigation";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { getHousehold } from "@/lib/server/households/get-household";
import { listHouseholds } from "@/lib/server/households/list-households";

/** For pages: the signed-in actor's view, with out-of-scope ids rendered as the 404 page. */
export async function getHouseholdOrNotFound(id: string, opts: { forEdit?: boolean } = {}) {
  const actor = await requireActor();
  try {
    return await getHousehold(actor, { id, forEdit: opts.forEdit ?? false });
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}

export async function listHouseholdsForPage(params: { q?: string; page?: string }) {
  const actor = await requireActor();
  const result = await listHouseholds(actor, { q: params.q ?? "", page: params.page ?? "1" }).catch((error) => {
    if (error instanceof AppError && error.code === "VALIDATION") return null;
    throw error;
  });
  return { actor, result };
}
