import "server-only";
import { z } from "zod";
import { isValidDate } from "@/lib/domain/calendar";
import { validateProfileForActivation } from "@/lib/domain/profile-activation";
import { problemsToFieldErrors } from "@/lib/policy-profile-form";
import { shanghaiToday } from "../clock";
import { lockKey } from "../concurrency";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { ACTIVATED_STATUSES, findProfileInCounty, isoDate } from "./profile-records";

const input = z.object({
  id: z.string({ error: "记录编号无效" }),
  effectiveFrom: z
    .string({ error: "请填写生效日期" })
    .trim()
    .min(1, "请填写生效日期")
    .refine(isValidDate, "生效日期无效（应为 YYYY-MM-DD）"),
});

/**
 * Activates a draft from an effective date. Refused, with every problem at its setting, until
 * validateProfileForActivation reports nothing (sharing tables sum to 100%, required values are
 * filled). The date may not be in the past, nor on or before the date of a version already
 * activated, so the versions in force form one timeline and past decisions keep theirs.
 */
export const activatePolicyProfile = defineMutation({
  name: "policyProfile.activate",
  roles: ["admin"],
  input,
  async run({ actor, input: { id, effectiveFrom }, tx, now, audit }) {
    const profile = await findProfileInCounty(tx, actor, id);
    await lockKey(tx, `policyProfile:${profile.countyId}`);
    if (profile.status !== "draft") throw new AppError("CONFLICT", `第 ${profile.version} 版已激活。`);
    const problems = validateProfileForActivation(profile.settings);
    if (problems.length > 0) {
      throw new AppError("RULE_VIOLATION", `还有 ${problems.length} 项设置未填写或不符合要求，不能激活。请先修改并保存。`, problemsToFieldErrors(problems));
    }
    const today = shanghaiToday(now);
    if (effectiveFrom < today) throw AppError.field("effectiveFrom", `生效日期不能早于今天（${today}）`);
    const latest = await tx.policyProfile.findFirst({
      where: { countyId: profile.countyId, status: { in: [...ACTIVATED_STATUSES] } },
      orderBy: { effectiveFrom: "desc" },
    });
    const latestDate = isoDate(latest?.effectiveFrom ?? null);
    if (latest && latestDate && effectiveFrom <= latestDate) {
      throw AppError.field("effectiveFrom", `生效日期须晚于第 ${latest.version} 版的生效日期 ${latestDate}`);
    }
    const changed = await tx.policyProfile.updateMany({
      where: { id, status: "draft" },
      data: { status: "active", effectiveFrom: new Date(`${effectiveFrom}T00:00:00Z`), activatedById: actor.userId, activatedAt: now },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT", "该版本刚被他人激活，请刷新页面。");
    await audit({
      action: "policyProfile.activate",
      entity: "PolicyProfile",
      entityId: id,
      countyId: profile.countyId,
      before: { status: "draft" },
      after: { status: "active", version: profile.version, effectiveFrom },
    });
    return { id, version: profile.version, effectiveFrom };
  },
});
