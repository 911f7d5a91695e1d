import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { rateTables } from "../policy/rate-tables";
import { defineQuery } from "../use-case";



/**
 * What the policy calculator needs (read-only): the county's profile in force today, if any, and
 * the rate tables; the built-in templates come from lib/domain.
 */
export const calculatorContext = defineQuery({
  name: "calculator.context",
  roles: ["county_officer", "finance_officer", "auditor"],
  input: z.object({}),
  async run({ actor, tx, now }) {
    const today = shanghaiToday(now);
    const profile = actor.countyId
      ? await activeProfile(tx, actor.countyId, today).catch((e: unknown) => {
          if (e instanceof AppError) return null;
          throw e;
        })
      : null;
    const row = profile ? await tx.policyProfile.findUnique({ where: { id: profile.id }, select: { name: true } }) : null;
    return {
      today,
      active: profile ? { name: row?.name ?? "本县政策参数", version: profile.version, settings: profile.settings } : null,
      tables: await rateTables(tx),
    };
  },
});
