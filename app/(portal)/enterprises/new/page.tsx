import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EnterpriseForm } from "@/components/enterprise-form";
import { requireActor } from "@/lib/server/auth/current-actor";
import { enterpriseTownships } from "@/lib/server/enterprises/get-enterprise";
import { createEnterpriseAction } from "../actions";

export const metadata: Metadata = { title: "登记带贫主体" };

export default async function NewEnterprisePage() {
  const actor = await requireActor();
  if (actor.role !== "township_officer" && actor.role !== "county_officer") notFound();
  const townships = actor.role === "county_officer" ? await enterpriseTownships(actor, {}) : null;
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">登记带贫主体{actor.role === "township_officer" ? `（${actor.orgUnitName}）` : ""}</h1>
      <EnterpriseForm action={createEnterpriseAction} initial={{}} townships={townships} submitLabel="保存" />
    </div>
  );
}
