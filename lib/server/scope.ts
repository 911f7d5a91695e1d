import type { Actor } from "./actor";
import { AppError } from "./errors";

/** Where-clause fragment for any table carrying countyId / townshipId / villageId columns. */
export type AreaScope = { countyId?: string; townshipId?: string; villageId?: string };

function required(value: string | null, what: string): string {
  // Actors are built from the database with their units checked, so this only trips on
  // a misconfigured account: refuse rather than widen the scope.
  if (!value) throw new AppError("FORBIDDEN", `账户未配置所属${what}，请联系系统管理员。`);
  return value;
}

/** What an actor may see: a village cadre its village, a township its villages, others their county. */
export function areaScope(actor: Actor): AreaScope {
  switch (actor.role) {
    case "village_cadre":
      return { villageId: required(actor.villageId, "村") };
    case "township_officer":
      return { townshipId: required(actor.townshipId, "乡镇") };
    case "auditor":
      return actor.countyId ? { countyId: actor.countyId } : {};
    case "county_officer":
    case "bank_officer":
    case "finance_officer":
    case "admin":
      return { countyId: required(actor.countyId, "县") };
  }
}

/** The org units an actor may see (for pickers and unit pages). */
export function orgUnitScope(actor: Actor) {
  switch (actor.role) {
    case "village_cadre":
      return { id: required(actor.villageId, "村") };
    case "township_officer": {
      const townshipId = required(actor.townshipId, "乡镇");
      return { OR: [{ id: townshipId }, { parentId: townshipId }] };
    }
    case "auditor":
      return actor.countyId ? { countyId: actor.countyId } : {};
    default:
      return { countyId: required(actor.countyId, "县") };
  }
}

/**
 * orgUnitScope as a SQL condition on `alias` (for the prepared statements of ./sql.ts): the text
 * and its one parameter, numbered `$param`, or TRUE and no parameter for a system-wide auditor.
 */
export function orgUnitScopeSql(actor: Actor, alias: string, param: number): { text: string; values: string[] } {
  switch (actor.role) {
    case "village_cadre":
      return { text: `${alias}.id = $${param}`, values: [required(actor.villageId, "村")] };
    case "township_officer":
      return { text: `(${alias}.id = $${param} OR ${alias}."parentId" = $${param})`, values: [required(actor.townshipId, "乡镇")] };
    case "auditor":
      return actor.countyId ? { text: `${alias}."countyId" = $${param}`, values: [actor.countyId] } : { text: "TRUE", values: [] };
    default:
      return { text: `${alias}."countyId" = $${param}`, values: [required(actor.countyId, "县")] };
  }
}
