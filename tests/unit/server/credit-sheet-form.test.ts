import { describe, expect, it } from "vitest";
import { defaultIndicatorSheet, validateSheet } from "@/lib/domain/credit";
import { choicesText, editorField, sheetFromForm } from "@/lib/server/credit/sheet-form";
import { cellAnswer, itemHeader } from "@/lib/server/credit/rating-workbook";

/** The editor's fields for the default sheet, as the page fills them in. */
function formOf(items = defaultIndicatorSheet.items): Record<string, string> {
  const out: Record<string, string> = {};
  items.forEach((item, i) => {
    out[`items.${i}.key`] = item.key;
    out[`items.${i}.label`] = item.label;
    out[`items.${i}.group`] = item.group;
    out[`items.${i}.kind`] = item.kind;
    out[`items.${i}.maxPoints`] = item.maxPoints;
    out[`items.${i}.choices`] = choicesText(item);
    out[`items.${i}.unit`] = item.unit ?? "";
  });
  return out;
}

describe("the indicator sheet editor's form", () => {
  it("round-trips the default sheet: same keys, points and maximum", () => {
    const { sheet, errors } = sheetFromForm(formOf());
    expect(errors).toEqual({});
    expect(sheet.items.map((i) => i.key)).toEqual(defaultIndicatorSheet.items.map((i) => i.key));
    expect(validateSheet(sheet).maxScore).toBe("100");
    const labourers = sheet.items.find((i) => i.key === "labourers")!;
    expect(labourers.bands).toEqual([{ min: "0", points: "0" }, { min: "1", points: "6" }, { min: "2", points: "10" }]);
    expect(labourers.unit).toBe("人");
  });

  it("skips removed items and empty spare rows, keeps new rows with a fresh key", () => {
    const form = { ...formOf(), "items.0.remove": "on", "items.20.label": "", "items.20.choices": "", "items.21.label": "参加村集体活动", "items.21.group": "三好三强",
      "items.21.kind": "qualitative", "items.21.maxPoints": "5", "items.21.choices": "积极=5\n一般=2；不参加=0" };
    const { sheet, errors, formIndexes } = sheetFromForm(form);
    expect(errors).toEqual({});
    expect(sheet.items).toHaveLength(16);
    expect(sheet.items[0].key).toBe("familyHarmony");
    expect(sheet.items[15]).toMatchObject({ key: "custom22", options: [{ value: "积极", points: "5" }, { value: "一般", points: "2" }, { value: "不参加", points: "0" }] });
    expect(formIndexes[15]).toBe(21);
  });

  it("reports each bad field at its own input", () => {
    const form = { ...formOf(), "items.2.label": "", "items.3.maxPoints": "五", "items.4.choices": "是5", "items.13.choices": "很多=3", "items.5.group": "其他" };
    const { errors } = sheetFromForm(form);
    expect(Object.keys(errors).sort()).toEqual(["items.13.choices", "items.2.label", "items.3.maxPoints", "items.4.choices", "items.5.group"]);
    expect(errors["items.4.choices"][0]).toContain("答案=分值");
    expect(errors["items.13.choices"][0]).toContain("须为数字");
    expect(sheetFromForm({}).errors._form).toEqual(["指标表至少须有一项指标"]);
  });

  it("maps the domain's field of an item to the editor's input", () => {
    expect(editorField("items[1].options[0]", [0, 4])).toBe("items.4.choices");
    expect(editorField("items[0]", [3])).toBe("items.3.label");
    expect(editorField(undefined, [])).toBe("_form");
  });
});

describe("the bulk collection workbook's cells", () => {
  const lawAbiding = defaultIndicatorSheet.items[0];
  const assets = defaultIndicatorSheet.items.find((i) => i.key === "assets")!;
  it("headers carry the unit of quantitative items", () => {
    expect(itemHeader(lawAbiding)).toBe("遵纪守法好");
    expect(itemHeader(assets)).toBe("家庭资产（元）");
  });
  it("a qualitative cell accepts the option's label or value; thousands separators are dropped", () => {
    expect(cellAnswer(lawAbiding, "基本做到")).toBe("partly");
    expect(cellAnswer(lawAbiding, "yes")).toBe("yes");
    expect(cellAnswer(lawAbiding, "也许")).toBe("也许");
    expect(cellAnswer(assets, "100,000")).toBe("100000");
  });
});
