import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { areaScope } from "../scope";
import { defineQuery } from "../use-case";
import { borrowerNames } from "./borrowers";
import { ANOMALY_KIND_LABELS } from "./report-anomaly";

/** Anomaly reports for the county, township, village (their area) and bank (its own loans), newest first. */
export const listAnomalyReports = defineQuery({
  name: "anomaly.list",
  roles: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor"],
  input: z.object({ loanId: z.string().optional() }).optional().default({}),
  async run({ actor, input, tx }) {
    const where: Prisma.AnomalyReportWhereInput = { ...areaScope(actor), ...(input.loanId ? { loanId: input.loanId } : {}) };
    if (actor.role === "bank_officer") {
      const own = await tx.loan.findMany({ where: { countyId: actor.countyId ?? "", bankId: actor.bankId ?? "" }, select: { id: true } });
      where.loanId = input.loanId ? { in: own.map((l) => l.id).filter((id) => id === input.loanId) } : { in: own.map((l) => l.id) };
    }
    const reports = await tx.anomalyReport.findMany({ where, orderBy: { createdAt: "desc" }, take: 200 });
    const loans = await tx.loan.findMany({ where: { id: { in: reports.flatMap((r) => (r.loanId ? [r.loanId] : [])) } } });
    const names = await borrowerNames(tx, loans);
    const loanById = new Map(loans.map((l) => [l.id, l]));
    const [units, users] = await Promise.all([
      tx.orgUnit.findMany({ where: { id: { in: reports.flatMap((r) => [r.townshipId, ...(r.villageId ? [r.villageId] : [])]) } }, select: { id: true, name: true } }),
      tx.user.findMany({ where: { id: { in: reports.map((r) => r.reportedById) } }, select: { id: true, displayName: true } }),
    ]);
    const unit = new Map(units.map((u) => [u.id, u.name]));
    const user = new Map(users.map((u) => [u.id, u.displayName]));
    return reports.map((r) => {
      const loan = r.loanId ? loanById.get(r.loanId) : undefined;
      return {
        id: r.id, kind: r.kind, kindLabel: ANOMALY_KIND_LABELS[r.kind], description: r.description,
        at: r.createdAt.toISOString(), reportedBy: user.get(r.reportedById) ?? "",
        area: `${unit.get(r.townshipId) ?? ""}${r.villageId ? ` ${unit.get(r.villageId) ?? ""}` : ""}`,
        loanId: loan?.id ?? null, contractNumber: loan?.contractNumber ?? "", borrower: loan ? (names.get(loan.id) ?? "") : "",
      };
    });
  },
});
