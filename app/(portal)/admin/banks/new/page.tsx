import type { Metadata } from "next";
import Link from "next/link";
import { AdminForm } from "@/components/admin-form";
import { listOrgUnits } from "@/lib/server/org-units/list-org-units";
import { adminQuery } from "../../queries";
import { createBankAction } from "../actions";
import { bankFields } from "../bank-fields";

export const metadata: Metadata = { title: "添加合作银行" };

export default async function NewBankPage() {
  const tree = await adminQuery(listOrgUnits, {});
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">添加合作银行</h1>
      <AdminForm action={createBankAction} initial={{ active: "on" }} submitLabel="保存" fields={bankFields(tree.townships.filter((t) => t.active))} />
      <Link href="/admin/banks" className="text-sm text-blue-700 underline">返回合作银行</Link>
    </div>
  );
}
