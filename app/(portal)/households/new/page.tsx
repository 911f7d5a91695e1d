import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HouseholdForm } from "@/components/household-form";
import { requireActor } from "@/lib/server/auth/current-actor";
import { createHouseholdAction } from "../actions";

export const metadata: Metadata = { title: "登记农户" };

export default async function NewHouseholdPage() {
  const actor = await requireActor();
  if (actor.role !== "village_cadre") notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">登记农户（{actor.orgUnitName}）</h1>
      <HouseholdForm action={createHouseholdAction} initial={{}} submitLabel="保存" />
    </div>
  );
}
