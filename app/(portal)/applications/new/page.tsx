import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApplicationForm } from "@/components/application-form";
import { applicationFormData } from "@/lib/server/applications/application-form-data";
import { requireActor } from "@/lib/server/auth/current-actor";
import { settleDueRatingPublicity } from "@/lib/server/credit/settle-rating-publicity";
import { saveDraftAction } from "../actions";

export const metadata: Metadata = { title: "新建贷款申请" };

export default async function NewApplicationPage() {
  const actor = await requireActor();
  if (actor.role !== "village_cadre") notFound();
  // Ratings whose publicity has ended become the households' grades before eligibility is shown.
  await settleDueRatingPublicity(actor.countyId);
  const data = await applicationFormData(actor, {});
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">新建户贷申请（{data.villageName}）</h1>
      <ApplicationForm action={saveDraftAction} households={data.households} cap={data.cap} initial={data.initial} />
    </div>
  );
}
