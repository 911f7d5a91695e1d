import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HouseholdImportUpload } from "@/components/household-import-upload";
import { requireActor } from "@/lib/server/auth/current-actor";
import { IMPORT_ROLES } from "@/lib/server/households/import-households";
import { importHouseholdsAction } from "../actions";

export const metadata: Metadata = { title: "批量导入农户" };

export default async function HouseholdImportPage() {
  const actor = await requireActor();
  if (!(IMPORT_ROLES as readonly string[]).includes(actor.role)) notFound();
  return (
    <div className="space-y-4">
      <nav aria-label="位置" className="text-sm text-slate-600">
        <Link href="/households" className="text-blue-700 underline">农户信息</Link> / 批量导入
      </nav>
      <h1 className="text-lg font-semibold">批量导入农户</h1>
      <HouseholdImportUpload action={importHouseholdsAction} templateHref="/api/households/import-template" />
    </div>
  );
}
