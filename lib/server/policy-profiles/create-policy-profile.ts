import "server-only";
import { z } from "zod";
import { PolicyProfileSettings } from "@/lib/domain/policy-profile";
import { profileTemplate, TEMPLATE_IDS } from "@/lib/domain/profile-templates";
import { lockKey } from "../concurrency";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { countyOf, findProfileInCounty } from "./profile-records";

const input = z.discriminatedUnion(
  "source",
  [
    z.object({ source: z.literal("template"), templateId: z.enum(TEMPLATE_IDS, { error: "请选择政策模板" }) }),
    z.object({ source: z.literal("copy"), fromId: z.string({ error: "请选择要复制的版本" }).min(1, "请选择要复制的版本") }),
  ],
  { error: "请选择新版本的来源" },
);

/**
 * Starts a draft version (number = the county's highest + 1) from a built-in template or from
 * a copy of one of the county's versions (usually the one in force).
 */
export const createPolicyProfile = defineMutation({
  name: "policyProfile.create",
  roles: ["admin"],
  input,
  onUniqueViolation: () => new AppError("CONFLICT", "刚有人新建了版本，请重试。"),
  async run({ actor, input, tx, audit }) {
    const countyId = countyOf(actor);
    let name: string;
    let template: string;
    let settings: PolicyProfileSettings;
    if (input.source === "template") {
      const t = profileTemplate(input.templateId);
      name = `${t.name}（${t.document}）`;
      template = t.id;
      settings = t.settings;
    } else {
      const from = await findProfileInCounty(tx, actor, input.fromId);
      const parsed = PolicyProfileSettings.safeParse(from.settings);
      if (!parsed.success) throw AppError.field("fromId", `第 ${from.version} 版的设置无法读取，不能复制`);
      name = `复制自第 ${from.version} 版`;
      template = from.template;
      settings = parsed.data;
    }
    await lockKey(tx, `policyProfile:${countyId}`);
    const max = await tx.policyProfile.aggregate({ where: { countyId }, _max: { version: true } });
    const version = (max._max.version ?? 0) + 1;
    const profile = await tx.policyProfile.create({
      data: { countyId, name, template, version, status: "draft", settings, createdById: actor.userId },
    });
    await audit({ action: "policyProfile.create", entity: "PolicyProfile", entityId: profile.id, countyId, after: { version, name, template, settings } });
    return { id: profile.id, version };
  },
});
