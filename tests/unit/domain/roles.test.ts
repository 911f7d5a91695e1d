import { describe, expect, it } from "vitest";
import { isRole, ROLE_LABELS, ROLES } from "@/lib/domain/roles";

describe("issue 2: the seven roles", () => {
  it("recognises exactly the seven roles, each with a Chinese label", () => {
    expect(ROLES).toHaveLength(7);
    for (const role of ROLES) {
      expect(isRole(role)).toBe(true);
      expect(ROLE_LABELS[role]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
  it("refuses anything else, including near misses and non-strings", () => {
    for (const value of ["Admin", "superuser", "", null, undefined, 7, { role: "admin" }]) expect(isRole(value)).toBe(false);
  });
});
