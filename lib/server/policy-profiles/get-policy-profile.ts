import "server-only";
import { z } from "zod";
import { validateProfileForActivation } from "@/lib/domain/profile-activation";
import { shanghaiToday } from "../clock";
import { fingerprint } from "../concurrency";
import { defineQuery } from "../use-case";
import { findProfileInCounty, isoDate, profileStates } from "./profile-records";

/**
 * One version with its settings and, for a draft, every reason it cannot be activated yet.
 * Activated versions are read-only.
 */
export const getPolicyProfile = defineQuery({
  name: "policyProfile.get",
  roles: ["admin"],
  input: z.object({ id: z.string() }),
  async run({ actor, input: { id }, tx, now }) {
    const profile = await findProfileInCounty(tx, actor, id);
    const all = await tx.policyProfile.findMany({ where: { countyId: profile.countyId }, select: { id: true, status: true, effectiveFrom: true } });
    const today = shanghaiToday(now);
    return {
      id: profile.id,
      version: profile.version,
      name: profile.name,
      template: profile.template,
      status: profile.status,
      state: profileStates(all, today).get(profile.id)!,
      effectiveFrom: isoDate(profile.effectiveFrom),
      activatedAt: profile.activatedAt,
      settings: profile.settings,
      problems: profile.status === "draft" ? validateProfileForActivation(profile.settings) : [],
      editable: profile.status === "draft",
      fingerprint: fingerprint({ name: profile.name, status: profile.status, settings: profile.settings }),
      today,
    };
  },
});
