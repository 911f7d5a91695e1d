import type { Metadata } from "next";
import { AdminForm } from "@/components/admin-form";
import { riskTabsFor, SectionTabs } from "@/components/section-tabs";
import { D } from "@/lib/domain/decimal";
import { formatAmount, formatWanYuan } from "@/lib/domain/money";
import { requireActor } from "@/lib/server/auth/current-actor";
import { fundLedger } from "@/lib/server/risk/fund-ledger";
import { fundDepositAction } from "../actions";

export const metadata: Metadata = { title: "风险补偿金台账" };

const percent = (r: string) => `${new D(r).times(100).toFixed(2)}%`;

export default async function FundPage() {
  const actor = await requireActor();
  const f = await fundLedger(actor, {});
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">风险补偿金台账</h1>
      <SectionTabs tabs={riskTabsFor(actor.role)} current="/risk/fund" />
      <dl className="grid gap-x-6 gap-y-2 rounded-lg bg-white p-4 text-sm shadow-sm sm:grid-cols-4">
        <div><dt className="text-slate-500">风险补偿金余额</dt><dd className="text-lg font-semibold tabular-nums" data-testid="fund-balance">{formatAmount(f.balance)} 元</dd></div>
        <div><dt className="text-slate-500">累计注资</dt><dd className="tabular-nums">{formatAmount(f.deposits)} 元</dd></div>
        <div><dt className="text-slate-500">户贷余额</dt><dd className="tabular-nums">{formatAmount(f.loansOutstanding)} 元</dd></div>
        <div><dt className="text-slate-500">补偿金 / 贷款余额</dt><dd className="tabular-nums" data-testid="fund-ratio">{f.ratio === null ? "—（无贷款余额）" : percent(f.ratio)}</dd></div>
      </dl>
      {f.belowMinimum ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          风险补偿金余额仅为户贷余额的 {percent(f.ratio!)}，低于政策要求的 {percent(f.minRatio!)}（1:{new D(1).dividedBy(f.minRatio!).toDecimalPlaces(0).toFixed()}），请及时补充。
        </p>
      ) : null}
      {f.initialCapital !== null ? (
        <p role="status" className={`rounded border p-3 text-sm ${f.initialCapitalMet ? "border-green-300 bg-green-50 text-green-800" : "border-red-300 bg-red-50 text-red-800"}`} data-testid="initial-capital">
          初始规模要求不低于 {formatWanYuan(f.initialCapital)}：累计注资 {formatWanYuan(f.deposits)}，{f.initialCapitalMet ? "已达到" : "尚未达到"}。
        </p>
      ) : null}
      {f.mayDeposit ? (
        <section className="space-y-2">
          <h2 className="font-semibold">登记财政注资</h2>
          <AdminForm action={fundDepositAction} submitLabel="登记注资" testId="fund-deposit"
            fields={[
              { name: "amount", label: "金额（元）" },
              { name: "occurredOn", label: "到账日期", type: "date" },
              { name: "reference", label: "文号或凭证号" },
              { name: "note", label: "说明" },
            ]} />
        </section>
      ) : null}
      <section className="space-y-2">
        <h2 className="font-semibold">台账明细</h2>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full whitespace-nowrap text-left text-sm" data-testid="fund-entries">
            <thead className="bg-slate-100 text-slate-600">
              <tr><th className="p-2">日期</th><th className="p-2">类型</th><th className="p-2 text-right">金额（元）</th><th className="p-2 text-right">余额（元）</th><th className="p-2">凭证</th><th className="p-2">说明</th></tr>
            </thead>
            <tbody>
              {f.entries.map((e) => (
                <tr key={e.id} className="border-t">
                  <td className="p-2">{e.occurredOn}</td><td className="p-2">{e.kindLabel}</td>
                  <td className={`p-2 text-right tabular-nums ${e.amount.startsWith("-") ? "text-red-700" : ""}`}>{formatAmount(e.amount)}</td>
                  <td className="p-2 text-right tabular-nums">{formatAmount(e.balance)}</td>
                  <td className="p-2">{e.reference}</td><td className="p-2">{e.note}</td>
                </tr>
              ))}
              {f.entries.length === 0 ? <tr><td colSpan={6} className="p-4 text-center text-slate-500">暂无台账记录。</td></tr> : null}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
