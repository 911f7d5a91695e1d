import "server-only";
import { z } from "zod";
import { LOAN_PURPOSE_LABELS } from "@/lib/domain/eligibility";
import { defineMutation } from "../use-case";
import { applicationNumber, batchNumber } from "./application-number";
import { type BatchWorkbookRow, loadBatchInScope, writeBatchWorkbook } from "./batch-workbook";

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The batch as the Excel workbook sent to its bank, which is also the template the bank returns
 * its decisions in (issue 4, steps 6–7). It carries full ID numbers, so every export is recorded
 * in the audit trail as an export of unmasked personal data: that is why this read is a mutation.
 */
export const exportBatchWorkbook = defineMutation({
  name: "batch.export",
  roles: ["county_officer", "bank_officer"],
  input: z.object({ id: z.string() }),
  async run({ actor, input, tx, audit }) {
    const batch = await loadBatchInScope(tx, actor, input.id);
    const apps = await tx.application.findMany({
      where: { batchId: batch.id },
      orderBy: { serial: "asc" },
      include: { bankDecision: true },
    });
    const [bank, units, households, enterprises] = await Promise.all([
      tx.bank.findUniqueOrThrow({ where: { id: batch.bankId } }),
      tx.orgUnit.findMany({
        where: { id: { in: [...new Set(apps.flatMap((a) => [a.townshipId, ...(a.villageId ? [a.villageId] : [])]))] } },
        select: { id: true, name: true },
      }),
      tx.household.findMany({
        where: { id: { in: apps.flatMap((a) => (a.householdId ? [a.householdId] : [])) } },
        select: { id: true, headName: true, idNumber: true },
      }),
      tx.enterprise.findMany({
        where: { id: { in: apps.flatMap((a) => (a.enterpriseId ? [a.enterpriseId] : [])) } },
        select: { id: true, name: true, creditCode: true },
      }),
    ]);
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const householdOf = new Map(households.map((h) => [h.id, h]));
    const enterpriseOf = new Map(enterprises.map((e) => [e.id, e]));

    const rows: BatchWorkbookRow[] = apps.map((app) => {
      const household = app.householdId ? householdOf.get(app.householdId) : undefined;
      const enterprise = app.enterpriseId ? enterpriseOf.get(app.enterpriseId) : undefined;
      const township = unitName.get(app.townshipId) ?? "";
      const d = app.bankDecision;
      return {
        number: applicationNumber(app.serial),
        // Enterprise and cooperative loans: the borrower's name and its unified social credit code.
        name: household?.headName ?? enterprise?.name ?? "",
        idNumber: household?.idNumber ?? enterprise?.creditCode ?? "",
        township,
        village: app.villageId ? (unitName.get(app.villageId) ?? "") : "",
        amount: app.amount.toFixed(2),
        termMonths: app.termMonths,
        purpose: (LOAN_PURPOSE_LABELS as Record<string, string>)[app.purpose] ?? app.purpose,
        recommendedBy: `${township}金融扶贫服务站`,
        decision: d && {
          outcome: d.outcome,
          declineReason: d.declineReason,
          contractNumber: d.contractNumber,
          approvedAmount: d.approvedAmount?.toFixed(2) ?? null,
          rate: d.rate?.toString() ?? null,
          termMonths: d.termMonths,
          disbursementDate: d.disbursementDate ? iso(d.disbursementDate) : null,
        },
      };
    });

    const number = batchNumber(batch.serial);
    const bytes = await writeBatchWorkbook({ batchNumber: number, bankName: bank.name, sentOn: iso(batch.sentOn), deadline: iso(batch.deadline), rows });
    await audit({
      action: "batch.export",
      entity: "Batch",
      entityId: batch.id,
      countyId: batch.countyId,
      // What left the system, never the ID numbers themselves.
      after: { batchNumber: number, bank: bank.name, rows: rows.length, fullIdNumbers: true, applications: rows.map((r) => r.number) },
    });
    return { batchNumber: number, fileName: `批次${number}-${bank.name}.xlsx`, bytes };
  },
});
