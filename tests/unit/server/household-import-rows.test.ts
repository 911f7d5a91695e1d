import { describe, expect, it } from "vitest";
import { idCheckChar } from "@/lib/domain/identity";
import { checkHouseholdRows, HOUSEHOLD_IMPORT_HEADERS, type ImportVillage } from "@/lib/server/households/household-import-rows";

const id = (seq: string) => `41049919800101${seq}` + idCheckChar(`41049919800101${seq}`);

const EAST: ImportVillage = { id: "v-east", code: "410101001001", name: "东关村", townshipId: "t1", townshipName: "城关镇" };
const WEST: ImportVillage = { id: "v-west", code: "410101001002", name: "西关村", townshipId: "t1", townshipName: "城关镇" };
const EAST2: ImportVillage = { id: "v-east2", code: "410101002001", name: "东关村", townshipId: "t2", townshipName: "南关乡" };

let rowNo = 1;
const sheetRow = (cells: Partial<Record<(typeof HOUSEHOLD_IMPORT_HEADERS)[number], string>>) => ({
  row: ++rowNo,
  cells: { 户主姓名: "张三", 身份证号: id("123"), 村: "东关村", 户类型: "建档立卡贫困户", 家庭人口: "3", 劳动能力: "有劳动能力", 联系电话: "", 住址: "", 备注: "", ...cells },
});

describe("checkHouseholdRows", () => {
  it("maps labels (and the 2023 words 脱贫户/监测户) to the form's values and villages by name or code", () => {
    rowNo = 1;
    const { households, errors } = checkHouseholdRows(
      [sheetRow({ 户类型: "脱贫户", 劳动能力: "弱劳动能力" }), sheetRow({ 身份证号: id("124"), 村: WEST.code, 户类型: "监测户", 家庭人口: "30" })],
      { villages: [EAST, WEST] },
    );
    expect(errors).toEqual([]);
    expect(households.map((h) => [h.row, h.village.id, h.data.status, h.data.labourCapacity, h.data.membersCount])).toEqual([
      [2, "v-east", "exitedPoverty", "partial", 3],
      [3, "v-west", "monitored", "full", 30],
    ]);
  });

  it("leaves a blank village to the cadre's own, and asks everyone else for one", () => {
    rowNo = 1;
    expect(checkHouseholdRows([sheetRow({ 村: "" })], { villages: [EAST], ownVillage: EAST }).households[0].village).toBe(EAST);
    rowNo = 1;
    expect(checkHouseholdRows([sheetRow({ 村: "" })], { villages: [EAST, WEST] }).errors).toEqual([
      { row: 2, column: "村", message: "请填写村（12 位村代码或村名）" },
    ]);
  });

  it("asks for the code of a name two villages share, naming their townships", () => {
    rowNo = 1;
    const { errors } = checkHouseholdRows([sheetRow({})], { villages: [EAST, EAST2] });
    expect(errors).toEqual([{ row: 2, column: "村", message: "您的辖区内有 2 个“东关村”（城关镇、南关乡），请改填 12 位村代码" }]);
  });

  it("reports every problem of a row, and an ID number seen before (x and X alike) with the first row", () => {
    rowNo = 1;
    const withX = (() => {
      for (let n = 100; n < 999; n++) if (idCheckChar(`41049919800101${n}`) === "X") return `41049919800101${n}X`;
      throw new Error("no X check digit in range");
    })();
    const { households, errors } = checkHouseholdRows(
      [
        sheetRow({ 身份证号: withX }),
        sheetRow({ 身份证号: withX.toLowerCase(), 户主姓名: "李四" }),
        sheetRow({ 村: "北关村", 户类型: "困难户", 劳动能力: "", 家庭人口: "3.5", 联系电话: "12345" }),
      ],
      { villages: [EAST] },
    );
    expect(households.map((h) => h.row)).toEqual([2]);
    expect(errors).toEqual([
      { row: 3, column: "身份证号", message: "与第 2 行的身份证号重复（同一身份证号只能登记一户）" },
      { row: 4, column: "村", message: "不是您可登记的村：您的辖区内没有名为“北关村”的村（可填村名或 12 位村代码，见模板“说明”表）" },
      { row: 4, column: "联系电话", message: "手机号应为 11 位、以 1 开头的大陆手机号码" },
      { row: 4, column: "户类型", message: "“困难户”不是有效的户类型，应为：建档立卡贫困户、已脱贫户、监测对象、边缘户、错评清退户、非帮扶对象" },
      { row: 4, column: "家庭人口", message: "家庭人口应为整数" },
      { row: 4, column: "劳动能力", message: "请填写劳动能力" },
    ]);
  });
});
