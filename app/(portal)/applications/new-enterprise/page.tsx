import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EnterpriseApplicationForm } from "@/components/enterprise-application-form";
import { enterpriseApplicationFormData } from "@/lib/server/applications/enterprise-application-form-data";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { saveEnterpriseDraftAction } from "../enterprise-actions";

export const metadata: Metadata = { title: "新建带贫主体贷款申请" };

export default async function NewEnterpriseApplicationPage({ searchParams }: { searchParams: Promise<{ enterpriseId?: string }> }) {
  const { enterpriseId } = await searchParams;
  const actor = await requireActor();
  if (actor.role !== "township_officer" && actor.role !== "county_officer") notFound();
  const data = await enterpriseApplicationFormData(actor, {}).catch((error) => {
    if (error instanceof AppError && error.code === "RULE_VIOLATION") return error;
    throw error;
  });
  if (data instanceof AppError) {
    return <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">{data.message}</p>;
  }
  const preset: Record<string, string> = enterpriseId && data.enterprises.some((e) => e.id === enterpriseId) ? { enterpriseId } : {};
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">新建带贫主体贷款申请</h1>
      {data.enterprises.length === 0 ? (
        <p className="rounded bg-amber-50 p-3 text-sm text-amber-900">
          尚未登记带贫主体，请先<Link href="/enterprises/new" className="text-blue-700 underline">登记带贫企业或合作社</Link>。
        </p>
      ) : null}
      <EnterpriseApplicationForm action={saveEnterpriseDraftAction} {...data} initial={{ ...data.initial, ...preset }} />
    </div>
  );
}
