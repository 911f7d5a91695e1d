import { notFound } from "next/navigation";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { getEnterprise } from "@/lib/server/enterprises/get-enterprise";

/** Roles that register and edit enterprises; auditors only read. */
export const ENTERPRISE_EDITORS = ["township_officer", "county_officer"] as const;

/** For pages: the enterprise as the signed-in actor may see it, out-of-scope ids as the 404 page. */
export async function getEnterpriseOrNotFound(id: string) {
  const actor = await requireActor();
  try {
    return { actor, enterprise: await getEnterprise(actor, { id }) };
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}
