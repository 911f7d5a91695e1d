import type { Metadata } from "next";
import Link from "next/link";
import { AdminForm } from "@/components/admin-form";
import { getBank } from "@/lib/server/banks/get-bank";
import { listOrgUnits } from "@/lib/server/org-units/list-org-units";
import { adminQuery } from "../../queries";
import { updateBankAction } from "../actions";
import { bankFields } from "../bank-fields";

export const metadata: Metadata = { title: "编辑合作银行" };

export default async function BankPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [bank, tree] = await Promise.all([adminQuery(getBank, { id }), adminQuery(listOrgUnits, {})]);
  const initial: Record<string, string> = {
    name: bank.name,
    branch: bank.branch ?? "",
    contact: bank.contact ?? "",
    phone: bank.phone ?? "",
    ...(bank.active ? { active: "on" } : {}),
    ...Object.fromEntries(bank.townshipIds.map((t) => [`townships.${t}`, "on"])),
  };
  const townships = tree.townships.filter((t) => t.active || bank.townshipIds.includes(t.id));
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">编辑合作银行：{bank.name}</h1>
      <AdminForm action={updateBankAction} hidden={{ id: bank.id, fingerprint: bank.fingerprint }} initial={initial} submitLabel="保存" fields={bankFields(townships)} />
      <Link href="/admin/banks" className="text-sm text-blue-700 underline">返回合作银行</Link>
    </div>
  );
}
