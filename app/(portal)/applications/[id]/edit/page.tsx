import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApplicationForm } from "@/components/application-form";
import { applicationFormData } from "@/lib/server/applications/application-form-data";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { saveDraftAction } from "../../actions";

export const metadata: Metadata = { title: "修改贷款申请" };

export default async function EditApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  if (actor.role !== "village_cadre") notFound();
  const data = await applicationFormData(actor, { id }).catch((error) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">修改户贷申请（{data.villageName}）</h1>
      <ApplicationForm action={saveDraftAction} households={data.households} cap={data.cap} initial={data.initial} />
    </div>
  );
}
