import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { defineQuery } from "../use-case";
import { applicationNumber } from "../applications/application-number";
import { iso, loadEnterpriseInScope, monthsOperating } from "./enterprise-records";

/** One enterprise with its applications, as the actor may see it (also the edit form's values). */
export const getEnterprise = defineQuery({
  name: "enterprise.get",
  roles: ["township_officer", "county_officer", "auditor"],
  input: z.object({ id: z.string() }),
  async run({ actor, input: { id }, tx, now }) {
    const e = await loadEnterpriseInScope(tx, actor, id);
    const [township, applications] = await Promise.all([
      tx.orgUnit.findUnique({ where: { id: e.townshipId }, select: { name: true } }),
      tx.application.findMany({
        where: { enterpriseId: e.id, ...(actor.role === "auditor" ? { status: { not: "draft" } } : {}) },
        orderBy: { serial: "desc" },
        take: 50,
      }),
    ]);
    return {
      id: e.id,
      name: e.name,
      creditCode: e.creditCode,
      legalRepresentative: e.legalRepresentative,
      kind: e.kind,
      agricultural: e.agricultural,
      operatingSince: iso(e.operatingSince),
      monthsOperating: monthsOperating(iso(e.operatingSince), shanghaiToday(now)),
      townshipId: e.townshipId,
      township: township?.name ?? "",
      updatedAt: e.updatedAt.toISOString(),
      applications: applications.map((a) => ({
        id: a.id, number: applicationNumber(a.serial), amount: a.amount.toFixed(2), termMonths: a.termMonths, status: a.status, largeLoan: a.largeLoan,
      })),
    };
  },
});

/** The townships county staff may file an enterprise under (a township officer has only its own). */
export const enterpriseTownships = defineQuery({
  name: "enterprise.townships",
  roles: ["township_officer", "county_officer"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx }) {
    return tx.orgUnit.findMany({
      where: actor.role === "township_officer" ? { id: actor.townshipId ?? "" } : { countyId: actor.countyId ?? "", level: "township", active: true },
      select: { id: true, name: true },
      orderBy: { code: "asc" },
    });
  },
});
