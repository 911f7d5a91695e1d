import "server-only";
import { z } from "zod";
import { applicationMachine, availableEvents } from "@/lib/domain/workflow";
import { defineQuery } from "../use-case";
import { idNumberFor } from "../households/household-view";
import { applicationNumber, batchNumber, publicityNumber } from "./application-number";
import { enterprisePartsOf, enterpriseView } from "./enterprise-application-view";
import { loadApplicationInScope } from "./load-application";

const iso = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

/** One application with its timeline, attachments, objections, decision and loan, as the actor may see it. */
export const getApplication = defineQuery({
  name: "application.get",
  roles: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor", "admin"],
  input: z.object({ id: z.string() }),
  async run({ actor, input: { id }, tx }) {
    const app = await loadApplicationInScope(tx, actor, id);
    const [household, units, events, attachments, objections, decision, loan, round, batch] = await Promise.all([
      app.householdId ? tx.household.findUnique({ where: { id: app.householdId } }) : null,
      tx.orgUnit.findMany({ where: { id: { in: [app.townshipId, app.villageId ?? ""] } }, select: { id: true, name: true } }),
      tx.applicationEvent.findMany({ where: { applicationId: id }, orderBy: { at: "asc" } }),
      tx.attachment.findMany({ where: { applicationId: id }, select: { id: true, kind: true, fileName: true, mimeType: true, size: true, uploadedAt: true }, orderBy: { uploadedAt: "asc" } }),
      tx.objection.findMany({ where: { applicationId: id }, orderBy: { recordedAt: "asc" } }),
      tx.bankDecision.findUnique({ where: { applicationId: id } }),
      tx.loan.findUnique({ where: { applicationId: id }, include: { schedule: { orderBy: { seq: "asc" } } } }),
      app.publicityRoundId ? tx.publicityRound.findUnique({ where: { id: app.publicityRoundId } }) : null,
      app.batchId ? tx.batch.findUnique({ where: { id: app.batchId } }) : null,
    ]);
    const bank = batch ? await tx.bank.findUnique({ where: { id: batch.bankId }, select: { name: true } }) : null;
    const enterpriseParts = app.kind === "enterprise" ? await enterprisePartsOf(tx, actor, app.id, app.enterpriseId) : null;
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    return {
      id: app.id,
      number: applicationNumber(app.serial),
      kind: app.kind,
      status: app.status,
      version: app.version,
      township: unitName.get(app.townshipId) ?? "",
      village: app.villageId ? (unitName.get(app.villageId) ?? "") : "",
      household: household && {
        id: household.id,
        headName: household.headName,
        idNumber: idNumberFor(actor, household.idNumber),
        status: household.status,
        creditGrade: household.creditGrade,
      },
      householdId: app.householdId,
      ...enterpriseView(enterpriseParts),
      requestedRate: app.requestedRate?.toString() ?? null,
      amount: app.amount.toFixed(2),
      termMonths: app.termMonths,
      purpose: app.purpose,
      projectDescription: app.projectDescription,
      repaymentSource: app.repaymentSource,
      cooperationPartner: app.cooperationPartner,
      largeLoan: app.largeLoan,
      lastReason: app.lastReason,
      publicity: round && { id: round.id, number: publicityNumber(round.serial), openedOn: iso(round.openedOn), endsOn: iso(round.endsOn) },
      batch: batch && { id: batch.id, number: batchNumber(batch.serial), bank: bank?.name ?? "", sentOn: iso(batch.sentOn), deadline: iso(batch.deadline) },
      events: events.map((e) => ({ id: e.id, at: e.at.toISOString(), actorName: e.actorName, actorRole: e.actorRole, event: e.event, toStatus: e.toStatus, comment: e.comment })),
      attachments: attachments.map((a) => ({ ...a, uploadedAt: a.uploadedAt.toISOString() })),
      objections: objections.map((o) => ({
        id: o.id, objector: o.objector, content: o.content, receivedOn: iso(o.receivedOn), status: o.status, resolution: o.resolution,
      })),
      decision: decision && {
        outcome: decision.outcome,
        declineReason: decision.declineReason,
        contractNumber: decision.contractNumber,
        approvedAmount: decision.approvedAmount?.toFixed(2) ?? null,
        rate: decision.rate?.toString() ?? null,
        termMonths: decision.termMonths,
        disbursementDate: iso(decision.disbursementDate),
      },
      loan: loan && {
        id: loan.id,
        contractNumber: loan.contractNumber,
        principal: loan.principal.toFixed(2),
        rate: loan.rate.toString(),
        disbursedOn: iso(loan.disbursedOn),
        maturityDate: iso(loan.maturityDate),
        status: loan.status,
        schedule: loan.schedule.map((s) => ({
          seq: s.seq, dueDate: iso(s.dueDate), principalDue: s.principalDue.toFixed(2), interestDue: s.interestDue.toFixed(2), status: s.status,
        })),
      },
      actions: availableEvents(applicationMachine, app.status, actor.role).map((e) => e.event),
    };
  },
});

export type ApplicationDetail = Awaited<ReturnType<typeof getApplication>>;
