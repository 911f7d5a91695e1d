import type { PrismaClient } from "@/generated/prisma/client";
import { validateProfileForActivation } from "@/lib/domain/profile-activation";
import { profileTemplate } from "@/lib/domain/profile-templates";
import { DEMO_COUNTY } from "./demo-data";

/** The demo county runs under Pingdingshan scheme 1, active since 2017-08-28 (P's date). */
export async function seedPolicyProfiles(db: PrismaClient) {
  const county = await db.orgUnit.findUnique({ where: { code: DEMO_COUNTY.code } });
  if (!county) return;
  if (await db.policyProfile.findFirst({ where: { countyId: county.id } })) return;
  const template = profileTemplate("pingdingshan_scheme1");
  // The joint 50% of non-agricultural enterprise losses is split by the county's re-guarantee
  // agreement; the demo county's (fictional) agreement halves it.
  for (const share of template.settings.sharing.ratios.nonagri_enterprise ?? []) {
    if (share.ratio === null) share.ratio = "0.25";
  }
  const problems = validateProfileForActivation(template.settings);
  if (problems.length > 0) {
    throw new Error(`demo profile is incomplete: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  }
  await db.policyProfile.create({
    data: {
      countyId: county.id,
      name: `${DEMO_COUNTY.name}政策参数（${template.name}）`,
      template: template.id,
      version: 1,
      status: "active",
      effectiveFrom: new Date("2017-08-28T00:00:00Z"),
      settings: template.settings,
      activatedAt: new Date(),
    },
  });
}
