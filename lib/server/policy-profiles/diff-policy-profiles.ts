import "server-only";
import { z } from "zod";
import { SETTING_META, SETTING_PATHS } from "@/lib/domain/policy-profile-meta";
import { formatSettingValue, SETTING_GROUPS } from "@/lib/policy-profile-form";
import { AppError } from "../errors";
import { defineQuery } from "../use-case";
import { countyOf, isoDate } from "./profile-records";
import { MAX_INT } from "../validation";

const version = z.coerce.number({ error: "请选择版本" }).int("请选择版本").positive("请选择版本").max(MAX_INT, "请选择版本");

/** Two versions of the county's profile side by side: every setting with both values and whether it changed. */
export const diffPolicyProfiles = defineQuery({
  name: "policyProfile.diff",
  roles: ["admin"],
  input: z.object({ a: version, b: version }),
  async run({ actor, input: { a, b }, tx }) {
    const countyId = countyOf(actor);
    const [left, right] = await Promise.all([
      tx.policyProfile.findUnique({ where: { countyId_version: { countyId, version: a } } }),
      tx.policyProfile.findUnique({ where: { countyId_version: { countyId, version: b } } }),
    ]);
    if (!left || !right) throw AppError.notFound("政策参数版本");
    const groupOf = new Map(SETTING_GROUPS.flatMap((g) => g.paths.map((p) => [p, g.label] as const)));
    const rows = SETTING_PATHS.map((path) => {
      const va = formatSettingValue(path, left.settings);
      const vb = formatSettingValue(path, right.settings);
      return { path, group: groupOf.get(path) ?? "", label: SETTING_META[path].label, source: SETTING_META[path].source, a: va, b: vb, changed: va !== vb };
    });
    const head = (p: typeof left) => ({ version: p.version, name: p.name, status: p.status, effectiveFrom: isoDate(p.effectiveFrom) });
    return { a: head(left), b: head(right), rows, changed: rows.filter((r) => r.changed).length };
  },
});
