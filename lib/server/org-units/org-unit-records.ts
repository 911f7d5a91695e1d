import "server-only";
import { z } from "zod";
import type { OrgUnit } from "@/generated/prisma/client";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";

export const orgUnitIdInput = z.object({ id: z.string({ error: "记录编号无效" }) });

export const orgUnitName = z
  .string({ error: "请填写名称" })
  .trim()
  .min(1, "请填写名称")
  .max(40, "名称不能超过 40 个字");

export function countyOf(actor: Actor): string {
  if (!actor.countyId) throw new AppError("FORBIDDEN", "账户未配置所属县，请联系系统管理员。");
  return actor.countyId;
}

/** A township or village of the admin's own county; the county unit itself is not edited here. */
export async function findUnitInCounty(tx: Tx, actor: Actor, id: string): Promise<OrgUnit & { countyId: string }> {
  const countyId = countyOf(actor);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw AppError.notFound("机构");
  const unit = await tx.orgUnit.findFirst({ where: { id, countyId, level: { in: ["township", "village"] } } });
  if (!unit) throw AppError.notFound("机构");
  return { ...unit, countyId };
}

export async function countyUnit(tx: Tx, actor: Actor): Promise<OrgUnit> {
  const countyId = countyOf(actor);
  const county = await tx.orgUnit.findFirst({ where: { id: countyId, level: "county" } });
  if (!county) throw new AppError("FORBIDDEN", "账户未配置所属县，请联系系统管理员。");
  return county;
}
