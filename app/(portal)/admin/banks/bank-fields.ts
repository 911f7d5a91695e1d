import type { AdminFieldSpec } from "@/components/admin-form";

export function bankFields(townships: { id: string; name: string }[]): AdminFieldSpec[] {
  return [
    { name: "name", label: "银行名称", hint: "如：中国农业银行××县支行" },
    { name: "branch", label: "网点" },
    { name: "contact", label: "联系人" },
    { name: "phone", label: "联系电话", type: "tel", hint: "手机号或带区号的固定电话" },
    { name: "active", label: "状态", type: "checkbox", placeholder: "在用（可接收批转）" },
    { name: "townships", label: "包干乡镇", type: "checkboxes", options: townships.map((t) => ({ value: t.id, label: t.name })) },
  ];
}
