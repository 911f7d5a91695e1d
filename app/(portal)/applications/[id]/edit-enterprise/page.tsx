import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EnterpriseApplicationForm } from "@/components/enterprise-application-form";
import { enterpriseApplicationFormData } from "@/lib/server/applications/enterprise-application-form-data";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { saveEnterpriseDraftAction } from "../../enterprise-actions";

export const metadata: Metadata = { title: "修改带贫主体贷款申请" };

export default async function EditEnterpriseApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  if (actor.role !== "township_officer" && actor.role !== "county_officer") notFound();
  const data = await enterpriseApplicationFormData(actor, { id }).catch((error) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">修改带贫主体贷款申请</h1>
      <EnterpriseApplicationForm action={saveEnterpriseDraftAction} {...data} initial={data.initial} />
    </div>
  );
}
