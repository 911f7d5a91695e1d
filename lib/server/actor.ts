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

/**
 * Where each role sees a household's ID number and phone number in full; everywhere else they are
 * masked (110105********002X, 138****5678). Issue 2, issue 10 item 6.
 * - idNumber "everywhere": the county centre, which approves, batches and blacklists by it;
 *   "ownRecord": the village cadre on the household's own page and edit form (their village only,
 *   by scope), who registered it from the ID card; "masked": everyone else.
 * - phone "everywhere": the cadres who visit and call households; "reminders": a bank officer on
 *   the repayment reminders of its own loans, which it must deliver; "masked": everyone else.
 * The batch workbook a bank decides on carries full ID numbers by design; that export, like every
 * export with unmasked data, is written to the audit trail with its row count.
 */
export const PERSONAL_DATA_ACCESS = {
  village_cadre: { idNumber: "ownRecord", phone: "everywhere" },
  township_officer: { idNumber: "masked", phone: "everywhere" },
  county_officer: { idNumber: "everywhere", phone: "everywhere" },
  bank_officer: { idNumber: "masked", phone: "reminders" },
  finance_officer: { idNumber: "masked", phone: "masked" },
  auditor: { idNumber: "masked", phone: "masked" },
  admin: { idNumber: "masked", phone: "masked" },
} as const satisfies Record<Role, { idNumber: "everywhere" | "ownRecord" | "masked"; phone: "everywhere" | "reminders" | "masked" }>;
