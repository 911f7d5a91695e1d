import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { defineQuery } from "../use-case";
import { countyOf, isoDate, profileStates } from "./profile-records";

/** Every version of the admin's county's policy profile, newest first, with where it stands today. */
export const listPolicyProfiles = defineQuery({
  name: "policyProfile.list",
  roles: ["admin"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx, now }) {
    const countyId = countyOf(actor);
    const profiles = await tx.policyProfile.findMany({ where: { countyId }, orderBy: { version: "desc" } });
    const states = profileStates(profiles, shanghaiToday(now));
    return profiles.map((p) => ({
      id: p.id,
      version: p.version,
      name: p.name,
      template: p.template,
      status: p.status,
      state: states.get(p.id)!,
      effectiveFrom: isoDate(p.effectiveFrom),
      createdAt: p.createdAt,
      activatedAt: p.activatedAt,
    }));
  },
});
