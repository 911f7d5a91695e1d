import type { Metadata } from "next";
import { PolicyCalculator } from "@/components/policy-calculator";
import { requireActor } from "@/lib/server/auth/current-actor";
import { calculatorContext } from "@/lib/server/calculator/calculator-context";

export const metadata: Metadata = { title: "政策计算器" };

export default async function CalculatorPage() {
  const actor = await requireActor();
  const ctx = await calculatorContext(actor, {});
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">政策计算器</h1>
      <p className="text-sm text-slate-600">
        按所选政策参数测算损失分担、贴息和熔断，使用与业务流程相同的计算规则；仅供测算，不保存任何数据。
      </p>
      <PolicyCalculator active={ctx.active} tables={ctx.tables} today={ctx.today} />
    </div>
  );
}
