import type { Metadata } from "next";
import { AdminForm } from "@/components/admin-form";
import { listRateFixings, RATE_TERM_LABELS, RATE_TERMS } from "@/lib/server/rates/list-rate-fixings";
import { adminQuery } from "../queries";
import { addRateFixingAction } from "./actions";

export const metadata: Metadata = { title: "利率" };

const KIND_LABELS = { benchmark: "贷款基准利率", lpr: "贷款市场报价利率（LPR）" } as const;

function percent(rate: string): string {
  const [int, frac = ""] = rate.split(".");
  const digits = (frac + "00").slice(0, 2);
  const rest = frac.slice(2).replace(/0+$/, "");
  return `${Number(int) * 100 + Number(digits)}${rest ? `.${rest}` : ""}%`;
}

export default async function RatesPage() {
  const rows = await adminQuery(listRateFixings, {});
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold">基准利率与 LPR</h1>
        <p className="text-sm text-slate-600">全国统一，各县共用；每个报价自生效日起适用，直到同品种同期限的下一次报价。贴息上限按放款日适用的利率计算。</p>
      </div>
      {(["lpr", "benchmark"] as const).map((kind) => (
        <section key={kind} className="space-y-2">
          <h2 className="font-semibold">{KIND_LABELS[kind]}</h2>
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="w-full whitespace-nowrap text-left text-sm" data-testid={`rates-${kind}`}>
              <thead className="bg-slate-100 text-slate-600"><tr><th className="p-2">生效日期</th><th className="p-2">期限</th><th className="p-2">年利率</th></tr></thead>
              <tbody>
                {rows.filter((r) => r.kind === kind).map((r) => (
                  <tr key={r.id} className="border-t">
                    <td className="p-2 font-mono">{r.effectiveFrom}</td>
                    <td className="p-2">{r.termLabel}</td>
                    <td className="p-2">{percent(r.rate)}（{r.rate}）</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <section className="space-y-2">
        <h2 className="font-semibold">添加新报价</h2>
        <AdminForm action={addRateFixingAction} submitLabel="添加" testId="add-rate"
          fields={[
            { name: "kind", label: "品种", type: "select", options: [{ value: "lpr", label: KIND_LABELS.lpr }, { value: "benchmark", label: KIND_LABELS.benchmark }] },
            {
              name: "term",
              label: "期限",
              type: "select",
              options: [...RATE_TERMS.lpr.map((t) => ({ value: t, label: `LPR ${RATE_TERM_LABELS[t]}` })), ...RATE_TERMS.benchmark.map((t) => ({ value: t, label: `基准 ${RATE_TERM_LABELS[t]}` }))],
            },
            { name: "effectiveFrom", label: "生效日期", type: "date" },
            { name: "rate", label: "年利率（小数）", hint: "如 0.0300 表示 3.00%，须大于 0 且不超过 0.2" },
          ]} />
      </section>
    </div>
  );
}
