import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { areaScope } from "../scope";
import { defineQuery } from "../use-case";
import { D } from "@/lib/domain/decimal";
import { applicationNumber } from "../applications/application-number";
import { idNumberFor, phoneFor } from "./household-view";

/**
 * One household in scope; out of scope is "not found". The ID number and phone number are
 * masked unless the role sees them on the household's own page (actor.ts); `forEdit` (the
 * village cadre's edit form) returns both in full.
 */
export const getHousehold = defineQuery({
  name: "household.get",
  roles: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor", "admin"],
  input: z.object({ id: z.string(), forEdit: z.boolean().optional().default(false) }),
  async run({ actor, input: { id, forEdit }, tx }) {
    if (!z.string().uuid().safeParse(id).success) throw AppError.notFound("农户");
    const household = await tx.household.findFirst({ where: { id, ...areaScope(actor) } });
    if (!household) throw AppError.notFound("农户");
    if (forEdit && actor.role !== "village_cadre") throw AppError.notFound("农户");
    const units = await tx.orgUnit.findMany({
      where: { id: { in: [household.villageId, household.townshipId] } },
      select: { id: true, name: true },
    });
    const name = new Map(units.map((u) => [u.id, u.name]));
    const [applications, loans] = await Promise.all([
      tx.application.findMany({
        where: { householdId: id, ...(actor.role === "village_cadre" ? {} : { status: { not: "draft" } }) },
        orderBy: { createdAt: "desc" },
        select: { id: true, serial: true, status: true, amount: true, termMonths: true, createdAt: true },
      }),
      tx.loan.findMany({
        where: { householdId: id },
        orderBy: { disbursedOn: "desc" },
        select: { id: true, applicationId: true, contractNumber: true, principal: true, outstandingPrincipal: true, status: true, disbursedOn: true, maturityDate: true },
      }),
    ]);
    return {
      ...household,
      idNumber: forEdit ? household.idNumber : idNumberFor(actor, household.idNumber, "record"),
      phone: forEdit ? household.phone : phoneFor(actor, household.phone),
      villageName: name.get(household.villageId) ?? "",
      townshipName: name.get(household.townshipId) ?? "",
      canEdit: actor.role === "village_cadre",
      outstandingTotal: loans
        .filter((l) => l.status !== "repaid" && l.status !== "writtenOffCaseKept")
        .reduce((sum, l) => sum.plus(l.outstandingPrincipal.toString()), new D(0))
        .toFixed(2),
      applications: applications.map((a) => ({ id: a.id, number: applicationNumber(a.serial), status: a.status, amount: a.amount.toFixed(2), termMonths: a.termMonths })),
      loans: loans.map((l) => ({
        id: l.id, applicationId: l.applicationId, contractNumber: l.contractNumber, principal: l.principal.toFixed(2),
        outstanding: l.outstandingPrincipal.toFixed(2), status: l.status,
        disbursedOn: l.disbursedOn.toISOString().slice(0, 10), maturityDate: l.maturityDate.toISOString().slice(0, 10),
      })),
    };
  },
});
