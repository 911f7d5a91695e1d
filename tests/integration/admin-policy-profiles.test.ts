import { beforeEach, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/calendar";
import { profileTemplate } from "@/lib/domain/profile-templates";
import { settingsToFormValues } from "@/lib/policy-profile-form";
import type { Actor } from "@/lib/server/actor";
import { shanghaiToday } from "@/lib/server/clock";
import { activeProfile } from "@/lib/server/policy/active-profile";
import { activatePolicyProfile } from "@/lib/server/policy-profiles/activate-policy-profile";
import { createPolicyProfile } from "@/lib/server/policy-profiles/create-policy-profile";
import { diffPolicyProfiles } from "@/lib/server/policy-profiles/diff-policy-profiles";
import { getPolicyProfile } from "@/lib/server/policy-profiles/get-policy-profile";
import { listPolicyProfiles } from "@/lib/server/policy-profiles/list-policy-profiles";
import { updatePolicyProfile } from "@/lib/server/policy-profiles/update-policy-profile";
import { auditActions, rejection } from "./admin-helpers";
import { makeActor, makeCounty, prisma, resetDb, type TestCounty } from "./fixtures";

/** The Guizhou template's blanks filled: fee subsidies and a two-party sharing table per class. */
function guizhouFilled(): Record<string, string> {
  const fields = settingsToFormValues(profileTemplate("guizhou").settings);
  fields["guaranteeFees.householdSubsidyRate"] = "0";
  fields["guaranteeFees.enterpriseSubsidyRate"] = "0";
  for (const c of ["household", "agri_enterprise", "nonagri_enterprise"]) {
    Object.assign(fields, {
      [`sharing.ratios.${c}.0.party`]: "county_fund",
      [`sharing.ratios.${c}.0.ratio`]: "0.6",
      [`sharing.ratios.${c}.1.party`]: "bank",
      [`sharing.ratios.${c}.1.ratio`]: "0.4",
    });
  }
  return fields;
}

describe("admin: policy profiles (real PostgreSQL)", () => {
  let a: TestCounty;
  let admin: Actor;
  const today = shanghaiToday();

  beforeEach(async () => {
    await resetDb();
    a = await makeCounty("410101");
    admin = await makeActor("admin", a.county.id);
  });

  async function save(id: string, fields: Record<string, string>, name = "贵州模板") {
    const { fingerprint } = await getPolicyProfile(admin, { id });
    return updatePolicyProfile(admin, { id, fingerprint, name, fields });
  }

  it("creates drafts from a template, numbered per county", async () => {
    const first = await createPolicyProfile(admin, { source: "template", templateId: "guizhou" });
    const second = await createPolicyProfile(admin, { source: "template", templateId: "pingdingshan_scheme1" });
    expect([first.version, second.version]).toEqual([1, 2]);
    const b = await makeCounty("420202");
    const adminB = await makeActor("admin", b.county.id);
    expect((await createPolicyProfile(adminB, { source: "template", templateId: "zhumadian" })).version).toBe(1);
    const profile = await getPolicyProfile(admin, { id: first.id });
    expect(profile).toMatchObject({ status: "draft", editable: true, template: "guizhou" });
    expect(profile.settings).toEqual(profileTemplate("guizhou").settings);
    expect(await auditActions(first.id)).toEqual(["policyProfile.create"]);
  });

  it("refuses activation with every problem at its setting, then activates once the blanks are filled", async () => {
    const { id } = await createPolicyProfile(admin, { source: "template", templateId: "guizhou" });
    const refused = await rejection(activatePolicyProfile(admin, { id, effectiveFrom: today }));
    expect(refused.code).toBe("RULE_VIOLATION");
    expect(Object.keys(refused.fieldErrors ?? {}).sort()).toEqual([
      "guaranteeFees.enterpriseSubsidyRate",
      "guaranteeFees.householdSubsidyRate",
      "sharing.ratios.agri_enterprise",
      "sharing.ratios.household",
      "sharing.ratios.nonagri_enterprise",
    ]);
    expect((await prisma.policyProfile.findUniqueOrThrow({ where: { id } })).status).toBe("draft");

    // A sharing table that does not sum to 100% is saved but still refused at activation.
    const off = guizhouFilled();
    off["sharing.ratios.household.1.ratio"] = "0.3";
    await save(id, off);
    const sum = await rejection(activatePolicyProfile(admin, { id, effectiveFrom: today }));
    expect(Object.keys(sum.fieldErrors ?? {})).toEqual(["sharing.ratios.household"]);

    await save(id, guizhouFilled());
    const result = await activatePolicyProfile(admin, { id, effectiveFrom: addDays(today, 7) });
    expect(result).toMatchObject({ version: 1, effectiveFrom: addDays(today, 7) });
    const row = await prisma.policyProfile.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "active", activatedById: admin.userId });
    expect((await activeProfile(prisma, a.county.id, addDays(today, 7))).settings.breaker).toMatchObject({ lender: "0.03", comparison: "gte" });
    await expect(activeProfile(prisma, a.county.id, addDays(today, 6))).rejects.toThrow();
    expect(await auditActions(id)).toEqual(["policyProfile.create", "policyProfile.update", "policyProfile.update", "policyProfile.activate"]);
  });

  it("refuses malformed values at their fields and writes nothing", async () => {
    const { id } = await createPolicyProfile(admin, { source: "template", templateId: "guizhou" });
    const fields = guizhouFilled();
    fields["breaker.lender"] = "3%";
    fields["credit.bands.A"] = "七十";
    fields["sharing.ratios.household.2.ratio"] = "0.1";
    const error = await rejection(save(id, fields));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.["breaker.lender"]?.[0]).toContain("0 到 1 之间的小数");
    expect(error.fieldErrors?.["credit.bands.A"]).toEqual(["须为非负整数"]);
    expect(error.fieldErrors?.["sharing.ratios.household.2.party"]).toEqual(["请选择分担方"]);
    expect((await prisma.policyProfile.findUniqueOrThrow({ where: { id } })).settings).toEqual(profileTemplate("guizhou").settings);
    expect(await auditActions(id)).toEqual(["policyProfile.create"]);
  });

  it("activated versions are read-only; a copy starts a new draft; dates must move forward", async () => {
    const { id } = await createPolicyProfile(admin, { source: "template", templateId: "guizhou" });
    await save(id, guizhouFilled());
    await activatePolicyProfile(admin, { id, effectiveFrom: today });
    const locked = await rejection(save(id, guizhouFilled(), "改名"));
    expect(locked.code).toBe("RULE_VIOLATION");
    expect((await rejection(activatePolicyProfile(admin, { id, effectiveFrom: today }))).code).toBe("CONFLICT");

    const copy = await createPolicyProfile(admin, { source: "copy", fromId: id });
    expect(copy.version).toBe(2);
    const past = await rejection(activatePolicyProfile(admin, { id: copy.id, effectiveFrom: addDays(today, -1) }));
    expect(past.fieldErrors?.effectiveFrom?.[0]).toContain("不能早于今天");
    const same = await rejection(activatePolicyProfile(admin, { id: copy.id, effectiveFrom: today }));
    expect(same.fieldErrors?.effectiveFrom?.[0]).toContain("须晚于第 1 版");
    await activatePolicyProfile(admin, { id: copy.id, effectiveFrom: addDays(today, 30) });

    const list = await listPolicyProfiles(admin, {});
    expect(list.map((p) => [p.version, p.state])).toEqual([[2, "scheduled"], [1, "inForce"]]);
    expect((await activeProfile(prisma, a.county.id, addDays(today, 30))).version).toBe(2);
  });

  it("a concurrent edit from a stale view is a conflict", async () => {
    const { id } = await createPolicyProfile(admin, { source: "template", templateId: "guizhou" });
    const { fingerprint } = await getPolicyProfile(admin, { id });
    await updatePolicyProfile(admin, { id, fingerprint, name: "甲", fields: guizhouFilled() });
    const stale = await rejection(updatePolicyProfile(admin, { id, fingerprint, name: "乙", fields: guizhouFilled() }));
    expect(stale.code).toBe("CONFLICT");
    expect((await prisma.policyProfile.findUniqueOrThrow({ where: { id } })).name).toBe("甲");
  });

  it("diffs two versions setting by setting", async () => {
    const g = await createPolicyProfile(admin, { source: "template", templateId: "guizhou" });
    await createPolicyProfile(admin, { source: "template", templateId: "pingdingshan_scheme1" });
    const diff = await diffPolicyProfiles(admin, { a: "1", b: "2" });
    expect(diff.a.version).toBe(1);
    const lender = diff.rows.find((r) => r.path === "breaker.lender")!;
    expect(lender).toMatchObject({ a: "0.03", b: "（未设置）", changed: true, label: expect.stringContaining("放贷机构") });
    expect(diff.rows.find((r) => r.path === "interest.dayCountBasis")).toMatchObject({ a: "360", b: "360", changed: false });
    expect(diff.changed).toBeGreaterThan(5);
    expect((await rejection(diffPolicyProfiles(admin, { a: "1", b: "9" }))).code).toBe("NOT_FOUND");
    expect(g.version).toBe(1);
  });
});
