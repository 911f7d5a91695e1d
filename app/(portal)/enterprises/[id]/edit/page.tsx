import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EnterpriseForm } from "@/components/enterprise-form";
import { enterpriseTownships } from "@/lib/server/enterprises/get-enterprise";
import { updateEnterpriseAction } from "../../actions";
import { getEnterpriseOrNotFound } from "../../queries";

export const metadata: Metadata = { title: "编辑带贫主体" };

export default async function EditEnterprisePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, enterprise: e } = await getEnterpriseOrNotFound(id);
  if (actor.role !== "township_officer" && actor.role !== "county_officer") notFound();
  const townships = actor.role === "county_officer" ? await enterpriseTownships(actor, {}) : null;
  const initial = {
    id: e.id,
    updatedAt: e.updatedAt,
    name: e.name,
    creditCode: e.creditCode,
    legalRepresentative: e.legalRepresentative,
    kind: e.kind,
    agricultural: String(e.agricultural),
    operatingSince: e.operatingSince,
    townshipId: e.townshipId,
  };
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">编辑带贫主体：{e.name}</h1>
      <EnterpriseForm action={updateEnterpriseAction} initial={initial} townships={townships} submitLabel="保存修改" />
    </div>
  );
}
