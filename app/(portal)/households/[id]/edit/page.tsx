import type { Metadata } from "next";
import { HouseholdForm } from "@/components/household-form";
import { getHouseholdOrNotFound } from "../../queries";
import { updateHouseholdAction } from "../../actions";

export const metadata: Metadata = { title: "编辑农户" };

export default async function EditHouseholdPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const h = await getHouseholdOrNotFound(id, { forEdit: true });
  const initial = {
    id: h.id,
    version: String(h.version),
    headName: h.headName,
    idNumber: h.idNumber,
    phone: h.phone ?? "",
    address: h.address ?? "",
    status: h.status,
    membersCount: String(h.membersCount),
    labourCapacity: h.labourCapacity,
    notes: h.notes ?? "",
  };
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">编辑农户：{h.headName}</h1>
      <HouseholdForm action={updateHouseholdAction} initial={initial} submitLabel="保存修改" />
    </div>
  );
}
