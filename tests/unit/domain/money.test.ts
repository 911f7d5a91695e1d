import { describe, expect, it } from "vitest";
import { toChineseCapitalAmount } from "@/lib/domain/chinese-amount";
import { D } from "@/lib/domain/decimal";
import { formatAmount, formatWanYuan, formatYuan, groupThousands } from "@/lib/domain/money";
import { codeOf } from "./errors-helper";

describe("formatYuan / formatAmount", () => {
  it("CONTRACT money: grouped by thousands with exactly two decimals and the unit 元", () => {
    expect(formatYuan("1234567.89")).toBe("1,234,567.89 元");
    expect(formatYuan("50000")).toBe("50,000.00 元");
    expect(formatYuan("999")).toBe("999.00 元");
    expect(formatYuan("1000")).toBe("1,000.00 元");
    expect(formatYuan("0")).toBe("0.00 元");
    expect(formatYuan("0.5")).toBe("0.50 元");
    expect(formatYuan(new D("123456.7"))).toBe("123,456.70 元");
  });

  it("§15.4: rounds half-up to the fen", () => {
    expect(formatAmount("0.005")).toBe("0.01");
    expect(formatAmount("0.004")).toBe("0.00");
    expect(formatAmount("999999.995")).toBe("1,000,000.00");
    expect(formatAmount("-1234.565")).toBe("-1,234.57");
    expect(formatAmount("-0.004")).toBe("0.00");
  });

  it("CONTRACT money: negatives keep the sign before the grouping", () => {
    expect(formatYuan("-1234567.8")).toBe("-1,234,567.80 元");
    expect(groupThousands("-123456")).toBe("-123,456");
    expect(groupThousands("12")).toBe("12");
    expect(groupThousands("123456789")).toBe("123,456,789");
  });

  it("CONTRACT money: invalid amounts → INVALID_DECIMAL", () => {
    expect(codeOf(() => formatYuan("1,000"))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => formatYuan("abc", "loan.amount"))).toBe("INVALID_DECIMAL");
  });
});

describe("formatWanYuan", () => {
  it("§12: amounts in 万元 with two decimals, half-up", () => {
    expect(formatWanYuan("1234567")).toBe("123.46 万元");
    expect(formatWanYuan("14812200")).toBe("1,481.22 万元");
    expect(formatWanYuan("323370000")).toBe("32,337.00 万元");
    expect(formatWanYuan("50000")).toBe("5.00 万元");
    expect(formatWanYuan("49")).toBe("0.00 万元");
    expect(formatWanYuan("50")).toBe("0.01 万元");
    expect(formatWanYuan("0")).toBe("0.00 万元");
    expect(formatWanYuan("-12345")).toBe("-1.23 万元");
    expect(formatWanYuan("-49")).toBe("0.00 万元");
  });
});

describe("toChineseCapitalAmount (中文大写金额)", () => {
  const cases: [string, string][] = [
    ["0", "零元整"],
    ["0.00", "零元整"],
    ["10.00", "壹拾元整"],
    ["10", "壹拾元整"],
    ["15", "壹拾伍元整"],
    ["20", "贰拾元整"],
    ["110", "壹佰壹拾元整"],
    ["50000", "伍万元整"],
    ["100000", "壹拾万元整"],
    ["100005", "壹拾万零伍元整"],
    ["60036.00", "陆万零叁拾陆元整"],
    ["1234.56", "壹仟贰佰叁拾肆元伍角陆分"],
    ["1004.05", "壹仟零肆元零伍分"],
    ["1000000.10", "壹佰万元零壹角"],
    ["100000000", "壹亿元整"],
    ["100000005", "壹亿零伍元整"],
    ["100005000", "壹亿零伍仟元整"],
    ["100010000", "壹亿零壹万元整"],
    ["1010101010.10", "壹拾亿壹仟零壹拾万壹仟零壹拾元零壹角"],
    ["999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"],
  ];
  for (const [amount, expected] of cases) {
    it(`PBoC 票据填写规定: ${amount} → ${expected}`, () => {
      expect(toChineseCapitalAmount(amount)).toBe(expected);
    });
  }

  it("PBoC 票据填写规定 examples: ￥1,409.50 壹仟肆佰零玖元伍角 (no 整 after 角)", () => {
    expect(toChineseCapitalAmount("1409.50")).toBe("壹仟肆佰零玖元伍角");
  });

  it("PBoC 票据填写规定 examples: ￥6,007.14 陆仟零柒元壹角肆分 (one 零 for several zeros)", () => {
    expect(toChineseCapitalAmount("6007.14")).toBe("陆仟零柒元壹角肆分");
  });

  it("PBoC 票据填写规定 examples: ￥1,680.32 and ￥107,000.53 take the first permitted form", () => {
    expect(toChineseCapitalAmount("1680.32")).toBe("壹仟陆佰捌拾元零叁角贰分");
    expect(toChineseCapitalAmount("107000.53")).toBe("壹拾万柒仟元零伍角叁分");
  });

  it("PBoC 票据填写规定 examples: 角 zero and 分 not zero writes 零 after 元 (￥16,409.02, ￥325.04)", () => {
    expect(toChineseCapitalAmount("16409.02")).toBe("壹万陆仟肆佰零玖元零贰分");
    expect(toChineseCapitalAmount("325.04")).toBe("叁佰贰拾伍元零肆分");
  });

  it("PBoC 票据填写规定: amounts under one yuan have no 元 part", () => {
    expect(toChineseCapitalAmount("0.5")).toBe("伍角");
    expect(toChineseCapitalAmount("0.05")).toBe("伍分");
    expect(toChineseCapitalAmount("0.15")).toBe("壹角伍分");
    expect(toChineseCapitalAmount("0.01")).toBe("壹分");
  });

  it("PBoC 票据填写规定: negative amounts are prefixed 负; a negative that rounds to 0 is 零元整", () => {
    expect(toChineseCapitalAmount("-1234.5")).toBe("负壹仟贰佰叁拾肆元伍角");
    expect(toChineseCapitalAmount("-0.05")).toBe("负伍分");
    expect(toChineseCapitalAmount("-0.004")).toBe("零元整");
  });

  it("§15.4: the amount is rounded half-up to the fen first", () => {
    expect(toChineseCapitalAmount("9.995")).toBe("壹拾元整");
    expect(toChineseCapitalAmount("1.234")).toBe("壹元贰角叁分");
    expect(toChineseCapitalAmount(new D("2.5"))).toBe("贰元伍角");
  });

  it("PBoC 票据填写规定: amounts of 一万亿元 or more, and invalid input, are refused", () => {
    expect(codeOf(() => toChineseCapitalAmount("1000000000000"))).toBe("AMOUNT_TOO_LARGE");
    expect(codeOf(() => toChineseCapitalAmount("999999999999.995"))).toBe("AMOUNT_TOO_LARGE");
    expect(codeOf(() => toChineseCapitalAmount("abc"))).toBe("INVALID_DECIMAL");
  });
});
