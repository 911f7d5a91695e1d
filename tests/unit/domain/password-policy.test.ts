import { describe, expect, it } from "vitest";
import { PASSWORD_HISTORY_SIZE, passwordProblems, recentPasswordHashes } from "@/lib/domain/password-policy";

describe("passwordProblems", () => {
  it("accepts 10 characters with letters and digits", () => {
    expect(passwordProblems("abcdefgh12")).toEqual([]);
    expect(passwordProblems("Shifan@2026")).toEqual([]);
  });

  it("refuses 9 characters", () => {
    expect(passwordProblems("abcdefg12")).toEqual(["密码至少 10 位"]);
  });

  it("counts characters, not UTF-16 units", () => {
    expect(passwordProblems("密码密码密码密码a1")).toEqual([]);
    expect(passwordProblems("密码密码密码密a1")).toEqual(["密码至少 10 位"]);
  });

  it("needs both letters and digits", () => {
    expect(passwordProblems("abcdefghij")).toEqual(["密码须同时包含字母和数字"]);
    expect(passwordProblems("1234567890")).toEqual(["密码须同时包含字母和数字"]);
  });

  it("refuses spaces, over-long passwords and the user name inside", () => {
    expect(passwordProblems("abcde 12345")).toEqual(["密码不能包含空格"]);
    expect(passwordProblems(`a1${"x".repeat(63)}`)).toEqual(["密码不能超过 64 位"]);
    expect(passwordProblems("Xiang01abc99", { username: "xiang01" })).toEqual(["密码不能包含用户名"]);
    expect(passwordProblems("ab12cdefgh", { username: "ab" })).toEqual([]);
  });

  it("reports every broken rule, and an empty password once", () => {
    expect(passwordProblems("abc")).toEqual(["密码至少 10 位", "密码须同时包含字母和数字"]);
    expect(passwordProblems("")).toEqual(["请填写新密码"]);
  });
});

describe("recentPasswordHashes", () => {
  it("is the current password plus the 4 before it: the last 5", () => {
    expect(PASSWORD_HISTORY_SIZE).toBe(5);
    expect(recentPasswordHashes("h6", ["h5", "h4", "h3", "h2", "h1"])).toEqual(["h6", "h5", "h4", "h3", "h2"]);
    expect(recentPasswordHashes("h1", [])).toEqual(["h1"]);
  });
});
