import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { D, dec, formatMoney, formatRatio, roundFen } from "@/lib/domain/decimal";
import { DomainError } from "@/lib/domain/errors";
import { codeOf } from "./errors-helper";

describe("dec", () => {
  it("CONTRACT money: parses decimal strings exactly", () => {
    expect(dec("1234.5").toFixed()).toBe("1234.5");
    expect(dec("00012.50").toFixed(2)).toBe("12.50");
    expect(dec("+1").toFixed()).toBe("1");
    expect(dec("-.5").toFixed()).toBe("-0.5");
    expect(dec(".5").toFixed()).toBe("0.5");
    expect(dec("1.").toFixed()).toBe("1");
    expect(dec(" 12 ").toFixed()).toBe("12");
    expect(dec("0.1").plus(dec("0.2")).equals("0.3")).toBe(true);
    expect(dec("12345678901234567890.123456789").toFixed()).toBe("12345678901234567890.123456789");
  });

  it("CONTRACT money: passes Decimal values through unchanged", () => {
    const d = new D("7.25");
    expect(dec(d)).toBe(d);
  });

  it("CONTRACT money: refuses exponents, grouping, words, empty strings and JS numbers with INVALID_DECIMAL", () => {
    for (const bad of ["", " ", "+", "-", ".", "1e5", "1E-2", "1,000", "NaN", "Infinity", "0x10", "5万", "12.3.4", "--1"]) {
      expect(codeOf(() => dec(bad)), bad).toBe("INVALID_DECIMAL");
    }
    expect(codeOf(() => dec(1.5 as never))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => dec(null as never))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => dec(undefined as never))).toBe("INVALID_DECIMAL");
  });

  it("CONTRACT errors: the message and field name the input", () => {
    try {
      dec("abc", "principal");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).message).toBe("principal 不是有效的数字：abc");
      expect((e as DomainError).field).toBe("principal");
    }
  });
});

describe("roundFen and formatMoney", () => {
  it("§15.4: rounds half-up to the fen, exactly where floats would not (2.675 → 2.68, 1.005 → 1.01)", () => {
    expect(roundFen(dec("2.675")).toFixed(2)).toBe("2.68");
    expect(roundFen(dec("1.005")).toFixed(2)).toBe("1.01");
    expect(roundFen(dec("1.004999")).toFixed(2)).toBe("1.00");
    expect(roundFen(dec("-1.005")).toFixed(2)).toBe("-1.01");
  });

  it("CONTRACT money: outputs exactly two decimals and never -0.00", () => {
    expect(formatMoney(dec("1234.5"))).toBe("1234.50");
    expect(formatMoney(dec("0"))).toBe("0.00");
    expect(formatMoney(dec("-0.001"))).toBe("0.00");
    expect(formatMoney(dec("-0.005"))).toBe("-0.01");
    expect(formatMoney(dec("12345678901234567.891"))).toBe("12345678901234567.89");
  });

  it("CONTRACT money: the module's own Decimal ignores changes to the global Decimal's settings", () => {
    const saved = Decimal.rounding;
    Decimal.set({ rounding: Decimal.ROUND_DOWN });
    try {
      expect(formatMoney(dec("0.005"))).toBe("0.01");
    } finally {
      Decimal.set({ rounding: saved });
    }
    expect(D.precision).toBe(40);
  });
});

describe("formatRatio", () => {
  it("CONTRACT ratios: at least four decimals, longer exact values kept", () => {
    expect(formatRatio(dec("0.05"))).toBe("0.0500");
    expect(formatRatio(dec("1"))).toBe("1.0000");
    expect(formatRatio(dec("0.100000"))).toBe("0.1000");
    expect(formatRatio(dec("0.04785"))).toBe("0.04785");
    expect(formatRatio(dec("0.0000001"))).toBe("0.0000001");
    expect(formatRatio(dec("-0"))).toBe("0.0000");
  });
});
