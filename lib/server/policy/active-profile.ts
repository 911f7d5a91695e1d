import "server-only";
import { PolicyProfileSettings } from "@/lib/domain/policy-profile";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { readRows, statement } from "../sql";

export type ActiveProfile = { id: string; version: number; settings: PolicyProfileSettings };

// Most pages and use cases read it: a prepared statement outside transactions (../sql.ts).
const PROFILE_IN_FORCE = statement(
  `SELECT id, version, settings FROM "PolicyProfile"
   WHERE "countyId" = $1 AND status IN ('active', 'retired') AND "effectiveFrom" <= $2::date
   ORDER BY "effectiveFrom" DESC, version DESC LIMIT 1`,
);

/** The county's profile in force on `date` (YYYY-MM-DD): the latest activated one effective by then. */
export async function activeProfile(tx: Tx, countyId: string, date: string): Promise<ActiveProfile> {
  const [row] = await readRows<{ id: string; version: number; settings: unknown }>(tx, PROFILE_IN_FORCE, [countyId, date]);
  if (!row) throw new AppError("RULE_VIOLATION", "本县尚未启用政策参数，请联系系统管理员在“政策参数”中启用。");
  const parsed = PolicyProfileSettings.safeParse(row.settings);
  if (!parsed.success) throw new Error(`policy profile ${row.id} does not match the settings schema`);
  return { id: row.id, version: row.version, settings: parsed.data };
}
