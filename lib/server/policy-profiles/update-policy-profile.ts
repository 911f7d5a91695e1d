import "server-only";
import { z } from "zod";
import { parseSettingsForm } from "@/lib/policy-profile-form";
import { assertUnchanged, lockRow } from "../concurrency";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { requiredText } from "../validation";
import { findProfileInCounty } from "./profile-records";

const input = z.object({
  id: z.string({ error: "记录编号无效" }),
  fingerprint: z.string({ error: "请刷新页面后重试" }),
  name: requiredText(60, "版本名称"),
  fields: z.record(z.string(), z.string()),
});

/**
 * Saves a draft's settings from the editor's fields. Values that are malformed are refused at
 * their fields; values that are merely missing may be saved and are reported at activation.
 * Activated versions never change.
 */
export const updatePolicyProfile = defineMutation({
  name: "policyProfile.update",
  roles: ["admin"],
  input,
  async run({ actor, input: { id, fingerprint, name, fields }, tx, audit }) {
    await findProfileInCounty(tx, actor, id);
    await lockRow(tx, "PolicyProfile", id);
    const before = await tx.policyProfile.findUniqueOrThrow({ where: { id } });
    if (before.status !== "draft") throw new AppError("RULE_VIOLATION", `第 ${before.version} 版已激活，不能修改；请复制为新版本后编辑。`);
    assertUnchanged(fingerprint, { name: before.name, status: before.status, settings: before.settings }, "政策参数版本");
    const parsed = parseSettingsForm(fields);
    if (!parsed.ok) throw new AppError("VALIDATION", "部分设置填写有误，请检查标出的项目。", parsed.errors);
    const after = await tx.policyProfile.update({ where: { id }, data: { name, settings: parsed.settings } });
    await audit({
      action: "policyProfile.update",
      entity: "PolicyProfile",
      entityId: id,
      countyId: before.countyId,
      before: { name: before.name, settings: before.settings },
      after: { name: after.name, settings: after.settings },
    });
    return { id, version: after.version };
  },
});
