import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { areaScope, orgUnitScope } from "@/lib/server/scope";
import { ROLES, type Role } from "@/lib/domain/roles";

const units = { countyId: "C", townshipId: "T", villageId: "V" };

function actor(role: Role, at: Partial<typeof units>): Actor {
  return {
    userId: "u", username: "u", displayName: "u", role, orgUnitId: "x", orgUnitName: "x", bankId: null,
    countyId: null, townshipId: null, villageId: null, ...at,
  };
}

describe("areaScope: what each role may see", () => {
  it("a village cadre sees only its village", () => {
    expect(areaScope(actor("village_cadre", units))).toEqual({ villageId: "V" });
  });

  it("a township officer sees the villages of its township", () => {
    expect(areaScope(actor("township_officer", { countyId: "C", townshipId: "T" }))).toEqual({ townshipId: "T" });
  });

  it.each(["county_officer", "bank_officer", "finance_officer", "admin"] as const)("%s sees its county", (role) => {
    expect(areaScope(actor(role, { countyId: "C" }))).toEqual({ countyId: "C" });
  });

  it("a county auditor sees its county; a system-wide auditor sees everything", () => {
    expect(areaScope(actor("auditor", { countyId: "C" }))).toEqual({ countyId: "C" });
    expect(areaScope(actor("auditor", {}))).toEqual({});
  });

  it.each(ROLES.filter((r) => r !== "auditor"))("%s without its unit is refused, never widened", (role) => {
    expect(() => areaScope(actor(role, {}))).toThrow(AppError);
  });

  it("every role has a rule (a new role fails here until it gets one)", () => {
    for (const role of ROLES) {
      const scope = (() => {
        try {
          return areaScope(actor(role, units));
        } catch {
          return "refused";
        }
      })();
      expect(scope).not.toBe(undefined);
    }
  });
});

describe("orgUnitScope: which org units an actor may see", () => {
  it("a village cadre sees its own village only", () => {
    expect(orgUnitScope(actor("village_cadre", units))).toEqual({ id: "V" });
  });
  it("a township officer sees the township and its villages", () => {
    expect(orgUnitScope(actor("township_officer", { countyId: "C", townshipId: "T" }))).toEqual({ OR: [{ id: "T" }, { parentId: "T" }] });
  });
  it("county roles see their county's units; a system-wide auditor sees all", () => {
    expect(orgUnitScope(actor("admin", { countyId: "C" }))).toEqual({ countyId: "C" });
    expect(orgUnitScope(actor("auditor", {}))).toEqual({});
  });
});
