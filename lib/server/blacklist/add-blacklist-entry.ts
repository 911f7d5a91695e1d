import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { lockKey } from "../concurrency";
import { requiredText } from "../validation";
import { LIVE_BLACKLIST_STATUSES } from "./blacklist-records";

/**
 * A county officer proposes a household (by ID number) or an enterprise (by 统一社会信用代码)
 * for the 失信黑名单 with a reason and evidence; it takes effect only when another county
 * officer approves it (maker-checker).
 */
export const addBlacklistEntry = defineMutation({
  name: "blacklist.add",
  roles: ["county_officer"],
  input: z.object({
    kind: z.enum(["household", "enterprise"], { error: "请选择对象类型" }),
    identifier: z.string({ error: "请填写身份证号或统一社会信用代码" }).trim().toUpperCase().min(1, "请填写身份证号或统一社会信用代码"),
    reason: requiredText(500, "列入理由"),
    evidence: requiredText(1000, "证据材料"),
  }),
  async run({ actor, input, tx, audit }) {
    const countyId = actor.countyId ?? "";
    let target: { householdId?: string; enterpriseId?: string; name: string };
    if (input.kind === "household") {
      const h = await tx.household.findFirst({ where: { countyId, idNumber: input.identifier } });
      if (!h) throw AppError.field("identifier", "本县没有该身份证号的农户");
      target = { householdId: h.id, name: h.headName };
    } else {
      const e = await tx.enterprise.findFirst({ where: { countyId, creditCode: input.identifier } });
      if (!e) throw AppError.field("identifier", "本县没有该统一社会信用代码的企业或合作社");
      target = { enterpriseId: e.id, name: e.name };
    }
    await lockKey(tx, `blacklist:${target.householdId ?? target.enterpriseId}`);
    const live = await tx.blacklistEntry.findFirst({
      where: { ...(target.householdId ? { householdId: target.householdId } : { enterpriseId: target.enterpriseId }), status: { in: [...LIVE_BLACKLIST_STATUSES] } },
    });
    if (live) throw AppError.field("identifier", `${target.name}已在黑名单中或正待复核`);
    const entry = await tx.blacklistEntry.create({
      data: { countyId, householdId: target.householdId ?? null, enterpriseId: target.enterpriseId ?? null, reason: input.reason, evidence: input.evidence, addedById: actor.userId },
    });
    await audit({ action: "blacklist.add", entity: "BlacklistEntry", entityId: entry.id, countyId,
      after: { status: "pending", name: target.name, kind: input.kind, reason: input.reason, evidence: input.evidence } });
    return { id: entry.id };
  },
});
