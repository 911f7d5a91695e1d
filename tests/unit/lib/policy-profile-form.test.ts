import { describe, expect, it } from "vitest";
import { SETTING_PATHS } from "@/lib/domain/policy-profile-meta";
import { profileTemplate, TEMPLATE_IDS } from "@/lib/domain/profile-templates";
import { formatSettingValue, parseSettingsForm, ratioRowCount, SETTING_GROUPS, settingsToFormValues } from "@/lib/policy-profile-form";

describe("policy profile form", () => {
  it("round-trips every template through the form fields unchanged", () => {
    for (const id of TEMPLATE_IDS) {
      const settings = profileTemplate(id).settings;
      const parsed = parseSettingsForm(settingsToFormValues(settings));
      expect(parsed).toEqual({ ok: true, settings });
    }
  });

  it("groups every setting exactly once", () => {
    expect(SETTING_GROUPS.flatMap((g) => g.paths).sort()).toEqual([...SETTING_PATHS].sort());
  });

  it("blank optional fields become null; blank required ones are errors", () => {
    const values = settingsToFormValues(profileTemplate("pingdingshan_scheme1").settings);
    values["breaker.township"] = "";
    values["interest.dayCountBasis"] = "";
    values["breaker.comparison"] = "";
    const parsed = parseSettingsForm(values);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors["interest.dayCountBasis"]).toEqual(["请填写该项"]);
    expect(parsed.errors["breaker.comparison"]).toEqual(["请选择该项"]);
    expect(parsed.errors["breaker.township"]).toBeUndefined();
  });

  it("puts the engine's message at a malformed decimal, and its own at an unreadable number", () => {
    const values = settingsToFormValues(profileTemplate("guizhou").settings);
    values["breaker.lender"] = "3%";
    values["process.publicityWorkingDays"] = "五";
    values["interest.settlement.months"] = "3,6,九";
    values["householdLoanCap.minGrade"] = "D";
    const parsed = parseSettingsForm(values);
    if (parsed.ok) throw new Error("expected errors");
    expect(parsed.errors["breaker.lender"]?.[0]).toContain("须为 0 到 1 之间的小数");
    expect(parsed.errors["process.publicityWorkingDays"]).toEqual(["须为非负整数"]);
    expect(parsed.errors["interest.settlement.months"]?.[0]).toContain("用逗号分隔");
    expect(parsed.errors["householdLoanCap.minGrade"]).toEqual(["请选择列出的选项"]);
  });

  it("reads sharing rows, skipping blank ones but keeping the row numbers in messages", () => {
    const values = settingsToFormValues(profileTemplate("guizhou").settings);
    Object.assign(values, {
      "sharing.ratios.household.0.party": "",
      "sharing.ratios.household.0.ratio": "",
      "sharing.ratios.household.1.party": "county_fund",
      "sharing.ratios.household.1.ratio": "0.5",
      "sharing.ratios.household.2.party": "bank",
      "sharing.ratios.household.2.ratio": "half",
      "sharing.ratios.household.3.party": "",
      "sharing.ratios.household.3.ratio": "0.1",
    });
    expect(ratioRowCount(values, "sharing.ratios.household")).toBe(4);
    const parsed = parseSettingsForm(values);
    if (parsed.ok) throw new Error("expected errors");
    expect(parsed.errors["sharing.ratios.household.3.party"]).toEqual(["请选择分担方"]);
    expect(parsed.errors["sharing.ratios.household.2.ratio"]?.[0]).toContain("0 到 1 之间的小数");

    values["sharing.ratios.household.2.ratio"] = "0.5";
    values["sharing.ratios.household.3.ratio"] = "";
    const ok = parseSettingsForm(values);
    expect(ok.ok && ok.settings.sharing.ratios.household).toEqual([
      { party: "county_fund", ratio: "0.5" },
      { party: "bank", ratio: "0.5" },
    ]);
  });

  it("formats values for reading", () => {
    const s = profileTemplate("pingdingshan_scheme1").settings;
    expect(formatSettingValue("breaker.lender", s)).toBe("（未设置）");
    expect(formatSettingValue("breaker.comparison", s)).toBe("超过即熔断（>）");
    expect(formatSettingValue("householdLoanCap.capIsHardLimit", s)).toBe("否");
    expect(formatSettingValue("interest.settlement.months", s)).toBe("3、6、9、12 月");
    expect(formatSettingValue("householdLoanCap.eligibleStatuses", s)).toBe("建档立卡贫困户、已脱贫户、监测对象");
    expect(formatSettingValue("sharing.ratios.household", s)).toBe("县级风险补偿金 0.30；合作银行 0.10；省农信担保 0.40；省担保集团 0.20");
    expect(formatSettingValue("sharing.ratios.nonagri_enterprise", s)).toContain("省担保集团 （未填）");
  });
});
