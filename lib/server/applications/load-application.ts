import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { areaScope } from "../scope";

/** Drafts a non-village actor may see: enterprise applications, which township and county staff enter. */
function draftsOf(actor: Actor): Prisma.ApplicationWhereInput[] {
  return actor.role === "township_officer" || actor.role === "county_officer" ? [{ kind: "enterprise" }] : [];
}

/** An application the actor may see (banks: only those batched to them), or "not found". */
export async function loadApplicationInScope(tx: Tx, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw AppError.notFound("申请");
  const app = await tx.application.findFirst({
    where: {
      id,
      ...areaScope(actor),
      ...(actor.role === "bank_officer" ? { batch: { bankId: actor.bankId ?? "" } } : {}),
      ...(actor.role !== "village_cadre" ? { OR: [{ status: { not: "draft" } }, ...draftsOf(actor)] } : {}),
    },
  });
  if (!app) throw AppError.notFound("申请");
  return app;
}
