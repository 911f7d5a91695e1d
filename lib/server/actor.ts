import type { Role } from "@/lib/domain/roles";

/** Who is acting, with the org units their scope derives from (never from client input). */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string | null;
  orgUnitName: string | null;
  countyId: string | null;
  townshipId: string | null;
  villageId: string | null;
  bankId: string | null;
  /** Set after an admin creates the account or resets its password: nothing but a password change is allowed. */
  mustChangePassword?: boolean;
};

/** The org level each role belongs to; an auditor may also be system-wide (no unit). */
export const ROLE_ORG_LEVEL = {
  village_cadre: "village",
  township_officer: "township",
  county_officer: "county",
  bank_officer: "county",
  finance_officer: "county",
  auditor: "county",
  admin: "county",
} as const satisfies Record<Role, "county" | "township" | "village">;

/** Only county centre staff see full ID numbers in lists (issue 2). */
export const SEES_FULL_ID_NUMBER = {
  village_cadre: false,
  township_officer: false,
  county_officer: true,
  bank_officer: false,
  finance_officer: false,
  auditor: false,
  admin: false,
} as const satisfies Record<Role, boolean>;
