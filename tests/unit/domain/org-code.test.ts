import { describe, expect, it } from "vitest";
import { orgCodeLevel, orgCodeProblem, parentOrgCode, validateOrgImport } from "@/lib/domain/org-code";

describe("12-digit org codes", () => {
  it("tells the level from the code", () => {
    expect(orgCodeLevel("410499000000")).toBe("county");
    expect(orgCodeLevel("410499101000")).toBe("township");
    expect(orgCodeLevel("410499101001")).toBe("village");
  });

  it("rejects malformed codes", () => {
    for (const bad of ["41049910100", "4104991010011", "41049910100a", "000000101001", "410499000001", ""]) {
      expect(orgCodeLevel(bad)).toBeNull();
    }
  });

  it("derives the parent code", () => {
    expect(parentOrgCode("410499101001")).toBe("410499101000");
    expect(parentOrgCode("410499101000")).toBe("410499000000");
    expect(parentOrgCode("410499000000")).toBeNull();
  });

  it("explains why a code does not fit the county and level", () => {
    expect(orgCodeProblem("410499101000", "township", "410499000000")).toBeNull();
    expect(orgCodeProblem("410499101001", "village", "410499000000")).toBeNull();
    expect(orgCodeProblem("4104991010", "township", "410499000000")).toBe("代码须为 12 位数字");
    expect(orgCodeProblem("420499101000", "township", "410499000000")).toBe("代码前 6 位须为本县代码 410499");
    expect(orgCodeProblem("410499101001", "township", "410499000000")).toContain("以 000 结尾");
    expect(orgCodeProblem("410499101000", "village", "410499000000")).toContain("都不能为 000");
  });
});

describe("validateOrgImport", () => {
  const existing = [
    { code: "410499000000", name: "示范县", level: "county" as const },
    { code: "410499101000", name: "城关镇", level: "township" as const },
    { code: "410499101001", name: "东关村", level: "village" as const },
  ];
  const run = (rows: [string, string, string][]) =>
    validateOrgImport({ countyCode: "410499000000", existing, rows: rows.map(([code, name, parentCode], i) => ({ row: i + 2, code, name, parentCode })) });

  it("creates new units, townships first, and skips identical existing ones", () => {
    const r = run([
      ["410499101001", "东关村", "410499101000"],
      ["410499104001", "新村", "410499104000"],
      ["410499104000", "新乡", "410499000000"],
      ["410499101005", "五村", "410499101000"],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.unchanged).toBe(1);
    expect(r.create.map((u) => u.code)).toEqual(["410499104000", "410499101005", "410499104001"]);
  });

  it("reports each row and column, Chinese message", () => {
    const r = run([
      ["", "", ""],
      ["410499000000", "县", "410499000000"],
      ["410499105001", "无乡村", "410499105000"],
      ["410499101002", "西关村", "410499102000"],
      ["410499101001", "改名村", "410499101000"],
      ["410499102000", "甲乡", "410499000001"],
      ["410499103000", "乙乡", "410499000000"],
      ["410499103000", "乙乡", "410499000000"],
      ["410499106000", "很".repeat(41), "410499000000"],
      ["4104991", "短码", "410499000000"],
    ]);
    expect(r.create).toEqual([{ code: "410499103000", name: "乙乡", level: "township", parentCode: "410499000000" }]);
    expect(r.errors).toEqual([
      { row: 2, column: "代码", message: "请填写代码" },
      { row: 2, column: "名称", message: "请填写名称" },
      { row: 2, column: "上级代码", message: "请填写上级代码" },
      { row: 3, column: "代码", message: "不能导入县级代码，只能导入乡镇和村" },
      { row: 4, column: "上级代码", message: "上级乡镇 410499105000 不存在，请先导入或添加该乡镇" },
      { row: 5, column: "上级代码", message: "村的上级代码须为其所属乡镇代码 410499101000（与村代码前 9 位一致）" },
      { row: 6, column: "代码", message: "代码已存在，名称为“东关村”；如需改名请在机构列表中修改" },
      { row: 7, column: "上级代码", message: "乡镇的上级代码须为本县代码 410499000000" },
      { row: 9, column: "代码", message: "与第 8 行的代码重复" },
      { row: 10, column: "名称", message: "名称不能超过 40 个字" },
      { row: 11, column: "代码", message: "代码须为 12 位数字" },
    ]);
  });
});
