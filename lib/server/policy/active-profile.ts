import "server-only";
import { PolicyProfileSettings } from "@/lib/domain/policy-profile";
import type { Tx } from "../db";
import { AppError } from "../errors";

export type ActiveProfile = { id: string; version: number; settings: PolicyProfileSettings };

/** The county's profile in force on `date` (YYYY-MM-DD): the latest activated one effective by then. */
export async function activeProfile(tx: Tx, countyId: string, date: string): Promise<ActiveProfile> {
  const row = await tx.policyProfile.findFirst({
    where: { countyId, status: { in: ["active", "retired"] }, effectiveFrom: { lte: new Date(`${date}T00:00:00Z`) } },
    orderBy: [{ effectiveFrom: "desc" }, { version: "desc" }],
  });
  if (!row) throw new AppError("RULE_VIOLATION", "本县尚未启用政策参数，请联系系统管理员在“政策参数”中启用。");
  const parsed = PolicyProfileSettings.safeParse(row.settings);
  if (!parsed.success) throw new Error(`policy profile ${row.id} does not match the settings schema`);
  return { id: row.id, version: row.version, settings: parsed.data };
}
