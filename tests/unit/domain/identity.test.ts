import { describe, expect, it } from "vitest";
import { idCheckChar, maskIdCard, maskPhone, validateIdCard } from "@/lib/domain/identity";

// Check characters below were computed by hand (ISO 7064 MOD 11-2), independently of the code.
const TODAY = "2025-06-30";

describe("validateIdCard", () => {
  it("GB 11643: the standard's example 11010519491231002X is valid, born 1949-12-31, female", () => {
    expect(validateIdCard("11010519491231002X", TODAY)).toEqual({ valid: true, birthDate: "1949-12-31", gender: "F" });
  });

  it("GB 11643: a lowercase x check character is accepted as X", () => {
    expect(validateIdCard("11010519491231002x", TODAY)).toEqual({ valid: true, birthDate: "1949-12-31", gender: "F" });
  });

  it("GB 11643: the check character must match (X vs digit, one digit off)", () => {
    expect(validateIdCard("110105194912310020", TODAY)).toEqual({ valid: false });
    expect(validateIdCard("410402199901011235", TODAY)).toEqual({ valid: false });
    expect(validateIdCard("410402199901011236", TODAY).valid).toBe(true);
    // a transposition of two body digits changes the check character
    expect(validateIdCard("410402199901011326", TODAY).valid).toBe(false);
  });

  it("GB 11643: the 17th digit gives the gender — odd male, even female", () => {
    // sequence "123": the 17th character is 3 → male
    expect(validateIdCard("410402199901011236", TODAY)).toEqual({ valid: true, birthDate: "1999-01-01", gender: "M" });
    // sequence "012": the 17th character is 2 → female
    expect(validateIdCard("410402198001010129", TODAY)).toEqual({ valid: true, birthDate: "1980-01-01", gender: "F" });
  });

  it("GB 11643: Feb 29 is a real birth date only in leap years", () => {
    expect(validateIdCard("110105200002290013", TODAY)).toEqual({ valid: true, birthDate: "2000-02-29", gender: "M" });
    expect(validateIdCard("110105200102290010", TODAY)).toEqual({ valid: false });
    expect(validateIdCard("110105190002290017", TODAY)).toEqual({ valid: false }); // 1900 is not a leap year
  });

  it("GB 11643: impossible months and days are refused even with a matching check character", () => {
    expect(validateIdCard("410402199013010016", TODAY)).toEqual({ valid: false }); // month 13
    expect(validateIdCard("410402199001000013", TODAY)).toEqual({ valid: false }); // day 00
    expect(validateIdCard("410402189912310013", TODAY)).toEqual({ valid: false }); // before 1900
  });

  it("GB 11643: a birth date after `today` is refused; born today is fine", () => {
    expect(validateIdCard("410402202506010019", "2025-05-31")).toEqual({ valid: false });
    expect(validateIdCard("410402202506010019", "2025-06-01")).toEqual({ valid: true, birthDate: "2025-06-01", gender: "M" });
    expect(validateIdCard("410402202506010027", "2025-06-02")).toEqual({ valid: true, birthDate: "2025-06-01", gender: "F" });
  });

  it("GB 11643: wrong length, old 15-digit numbers, letters and non-strings are refused", () => {
    expect(validateIdCard("11010519491231002", TODAY)).toEqual({ valid: false });
    expect(validateIdCard("11010519491231002XX", TODAY)).toEqual({ valid: false });
    expect(validateIdCard("110105491231002", TODAY)).toEqual({ valid: false });
    expect(validateIdCard("1101051949123100AX", TODAY)).toEqual({ valid: false });
    expect(validateIdCard("X10105194912310020", TODAY)).toEqual({ valid: false });
    expect(validateIdCard("", TODAY)).toEqual({ valid: false });
    expect(validateIdCard(null as never, TODAY)).toEqual({ valid: false });
    expect(validateIdCard(11010519491231002 as never, TODAY)).toEqual({ valid: false });
  });

  it("GB 11643: surrounding spaces from copy-and-paste are ignored", () => {
    expect(validateIdCard(" 11010519491231002X ", TODAY).valid).toBe(true);
  });

  it("GB 11643: idCheckChar computes the MOD 11-2 character", () => {
    expect(idCheckChar("11010519491231002")).toBe("X");
    expect(idCheckChar("11010520000229001")).toBe("3");
    expect(idCheckChar("41040219800101012")).toBe("9");
  });
});

describe("maskIdCard", () => {
  it("issue 2: lists show the first 6 and last 4 characters only", () => {
    expect(maskIdCard("11010519491231002X")).toBe("110105********002X");
    expect(maskIdCard("12345678901")).toBe("123456*8901");
  });

  it("issue 2: values too short to mask partly are masked entirely", () => {
    expect(maskIdCard("123")).toBe("***");
    expect(maskIdCard("")).toBe("");
    // With exactly 10 characters "first 6 + last 4" would reveal everything.
    expect(maskIdCard("1234567890")).toBe("**********");
  });
});

describe("maskPhone", () => {
  it("issue 10: lists and exports show the first 3 and last 4 digits of a mobile number", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("0375-6210001")).toBe("037*****0001");
  });

  it("issue 10: numbers too short to mask partly are masked entirely", () => {
    expect(maskPhone("1234567")).toBe("*******");
    expect(maskPhone("12345678")).toBe("123*5678");
    expect(maskPhone("")).toBe("");
  });
});
