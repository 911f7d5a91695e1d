import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminForm } from "@/components/admin-form";
import { requireActor } from "@/lib/server/auth/current-actor";
import { importHouseholdsAction } from "../actions";

export const metadata: Metadata = { title: "批量导入农户" };

const IMPORTERS = ["village_cadre", "township_officer", "county_officer"];

export default async function HouseholdImportPage() {
  const actor = await requireActor();
  if (!IMPORTERS.includes(actor.role)) notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">批量导入农户</h1>
      <p className="text-sm text-slate-600">
        按模板每行填写一户（村代码、户主姓名、身份证号、户类型、家庭人口、劳动能力等），上传后逐行按登记规则检查；
        任何一行有误时整份文件都不会写入，并列出每行的问题。
        <a href="/api/households/import-template" className="ml-1 text-blue-700 underline">下载导入模板（含可登记的村）</a>
      </p>
      <AdminForm
        action={importHouseholdsAction}
        submitLabel="上传并导入"
        pendingLabel="正在导入…"
        testId="household-import"
        fields={[{ name: "file", label: "农户登记表（.xlsx）", type: "file", accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", wide: true }]}
      />
    </div>
  );
}
