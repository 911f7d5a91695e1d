import "server-only";
import { ENTERPRISE_KIND_LABELS } from "@/lib/domain/enterprise-eligibility";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { idNumberFor } from "../households/household-view";

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** What an enterprise application's page shows besides the common fields: the borrower, the households it drives, the agreement and the plan. */
export async function enterprisePartsOf(tx: Tx, actor: Actor, applicationId: string, enterpriseId: string | null) {
  const [enterprise, links, agreement, plan] = await Promise.all([
    enterpriseId ? tx.enterprise.findUnique({ where: { id: enterpriseId } }) : null,
    tx.applicationHousehold.findMany({ where: { applicationId }, select: { householdId: true } }),
    tx.fourPartyAgreement.findUnique({ where: { applicationId } }),
    tx.useOfFundsPlan.findUnique({ where: { applicationId } }),
  ]);
  const households = await tx.household.findMany({
    where: { id: { in: links.map((l) => l.householdId) } },
    select: { id: true, headName: true, idNumber: true, status: true, villageId: true },
    orderBy: [{ villageId: "asc" }, { headName: "asc" }],
  });
  const villages = await tx.orgUnit.findMany({ where: { id: { in: [...new Set(households.map((h) => h.villageId))] } }, select: { id: true, name: true } });
  const vName = new Map(villages.map((v) => [v.id, v.name]));
  return {
    enterprise: enterprise && {
      id: enterprise.id,
      name: enterprise.name,
      creditCode: enterprise.creditCode,
      kind: enterprise.kind,
      kindLabel: ENTERPRISE_KIND_LABELS[enterprise.kind],
      legalRepresentative: enterprise.legalRepresentative,
      agricultural: enterprise.agricultural,
      operatingSince: iso(enterprise.operatingSince),
    },
    drivenHouseholds: households.map((h) => ({
      id: h.id, headName: h.headName, idNumber: idNumberFor(actor, h.idNumber), status: h.status, village: vName.get(h.villageId) ?? "",
    })),
    agreement: agreement && { parties: agreement.parties, signedOn: iso(agreement.signedOn) },
    useOfFundsPlan: plan && { schedule: plan.schedule, milestones: plan.milestones, categories: plan.categories },
  };
}

type Parts = Awaited<ReturnType<typeof enterprisePartsOf>>;

/** The same keys for a household application, empty, so the page reads one shape. */
export function enterpriseView(parts: Parts | null): Parts {
  return parts ?? { enterprise: null, drivenHouseholds: [], agreement: null, useOfFundsPlan: null };
}
