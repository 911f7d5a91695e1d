import "server-only";
import type { Tx } from "../db";

/** 申请人 as shown in lists: the household head, or the enterprise's or cooperative's name. */
export async function applicantNames(
  tx: Tx,
  apps: readonly { id: string; householdId: string | null; enterpriseId: string | null }[],
): Promise<Map<string, string>> {
  const [households, enterprises] = await Promise.all([
    tx.household.findMany({ where: { id: { in: apps.flatMap((a) => (a.householdId ? [a.householdId] : [])) } }, select: { id: true, headName: true } }),
    tx.enterprise.findMany({ where: { id: { in: apps.flatMap((a) => (a.enterpriseId ? [a.enterpriseId] : [])) } }, select: { id: true, name: true } }),
  ]);
  const hName = new Map(households.map((h) => [h.id, h.headName]));
  const eName = new Map(enterprises.map((e) => [e.id, e.name]));
  return new Map(
    apps.map((a) => [a.id, (a.householdId ? hName.get(a.householdId) : a.enterpriseId ? eName.get(a.enterpriseId) : undefined) ?? ""]),
  );
}
