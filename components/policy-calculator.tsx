"use client";

import { useState } from "react";
import type { AreaLevel } from "@/lib/domain/circuit-breaker";
import { D } from "@/lib/domain/decimal";
import { formatAmount } from "@/lib/domain/money";
import { calcBreaker, calcLossSplit, calcSubsidy, type CalcOutcome } from "@/lib/domain/policy-calculator";
import type { PolicyProfileSettings } from "@/lib/domain/policy-profile";
import { profileTemplates } from "@/lib/domain/profile-templates";
import type { BenchmarkRateRow, LprRow } from "@/lib/domain/reference/rates-data";
import { BORROWER_CLASS_LABELS, BORROWER_CLASSES, SHARING_PARTY_LABELS, type BorrowerClass } from "@/lib/domain/reference/sharing-schemes";
import { Field, inputClass } from "./field";

type Props = {
  active: { name: string; version: number; settings: PolicyProfileSettings } | null;
  tables: { benchmark: BenchmarkRateRow[]; lpr: LprRow[] };
  today: string;
};

const percent = (f: string) => `${new D(f).times(100).toFixed()}%`;
const partyLabel = (p: string) => (SHARING_PARTY_LABELS as Record<string, string>)[p] ?? p;

/** Percent as typed ("4.35") to the fraction the domain takes ("0.0435"); unparsable text passes through to be refused. */
function percentToFraction(text: string): string {
  const t = text.trim();
  return /^\d+(\.\d+)?$/.test(t) ? new D(t).dividedBy(100).toFixed() : t;
}

function errorsOf<T>(r: CalcOutcome<T> | null, field: string): string[] | undefined {
  return r && !r.ok && r.field === field ? [r.message] : undefined;
}

function Input({ name, label, value, onChange, errors, type = "text", hint }: {
  name: string; label: string; value: string; onChange: (v: string) => void; errors?: string[]; type?: string; hint?: string;
}) {
  return (
    <Field name={name} label={label} errors={errors} hint={hint}>
      <input id={name} name={name} type={type} inputMode={type === "text" ? "decimal" : undefined} className={inputClass} value={value}
        aria-invalid={errors ? true : undefined} aria-describedby={`${name}-error`} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

/** Loss split, a period's subsidy and the breaker, live, for the chosen profile. */
export function PolicyCalculator({ active, tables, today }: Props) {
  const templates = profileTemplates();
  const [profileKey, setProfileKey] = useState(active ? "active" : templates[0].id);
  const settings = profileKey === "active" && active ? active.settings : (templates.find((t) => t.id === profileKey) ?? templates[0]).settings;

  const [cls, setCls] = useState<BorrowerClass>("household");
  const [loss, setLoss] = useState("");
  const [sub, setSub] = useState({ principal: "", contractRate: "", disbursedOn: "", termMonths: "36", from: "", to: "" });
  const [area, setArea] = useState<{ level: AreaLevel; outstanding: string; nonPerforming: string }>({ level: "village", outstanding: "", nonPerforming: "" });

  const lossResult = loss.trim() === "" ? null : calcLossSplit(settings, cls, loss);
  const subFilled = Object.values(sub).every((v) => v.trim() !== "");
  const subResult = subFilled ? calcSubsidy(settings, tables, { ...sub, contractRate: percentToFraction(sub.contractRate), termMonths: /^\d+$/.test(sub.termMonths.trim()) ? Number(sub.termMonths.trim()) : Number.NaN }) : null;
  const areaResult = area.outstanding.trim() && area.nonPerforming.trim() ? calcBreaker(settings, area) : null;
  const cmp = settings.breaker.comparison === "gt" ? "超过" : "达到或超过";

  return (
    <div className="space-y-5">
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <Field name="profile" label="政策参数">
          <select id="profile" className={inputClass} value={profileKey} onChange={(e) => setProfileKey(e.target.value)}>
            {active ? <option value="active">本县现行参数：{active.name}（第 {active.version} 版）</option> : null}
            {templates.map((t) => <option key={t.id} value={t.id}>内置模板：{t.name}</option>)}
          </select>
        </Field>
        {!active ? <p className="mt-2 text-sm text-amber-700">本县尚未启用政策参数，仅可按内置模板测算。</p> : null}
      </section>

      <section className="space-y-3 rounded-lg bg-white p-4 shadow-sm" data-testid="calc-loss">
        <h2 className="font-semibold">损失分担测算</h2>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field name="borrowerClass" label="借款主体类别" errors={errorsOf(lossResult, "borrowerClass")}>
            <select id="borrowerClass" className={inputClass} value={cls} onChange={(e) => setCls(e.target.value as BorrowerClass)}
              aria-describedby="borrowerClass-error">
              {BORROWER_CLASSES.map((c) => <option key={c} value={c}>{BORROWER_CLASS_LABELS[c]}</option>)}
            </select>
          </Field>
          <Input name="loss" label="损失金额（元）" value={loss} onChange={setLoss} errors={errorsOf(lossResult, "loss")} hint="未还本金与未还合同利息之和" />
        </div>
        {lossResult?.ok ? (
          <table className="w-full text-left text-sm" data-testid="calc-loss-table">
            <thead className="bg-slate-100 text-slate-600"><tr><th className="p-2">分担方</th><th className="p-2 text-right">比例</th><th className="p-2 text-right">分担金额（元）</th></tr></thead>
            <tbody>
              {lossResult.value.shares.map((s) => (
                <tr key={s.party} className="border-t"><td className="p-2">{partyLabel(s.party)}</td><td className="p-2 text-right tabular-nums">{percent(s.ratio)}</td><td className="p-2 text-right tabular-nums">{formatAmount(s.amount)}</td></tr>
              ))}
              <tr className="border-t font-semibold"><td className="p-2">合计</td><td className="p-2 text-right">100%</td><td className="p-2 text-right tabular-nums" data-testid="calc-loss-sum">{formatAmount(lossResult.value.sum)}</td></tr>
            </tbody>
          </table>
        ) : null}
      </section>

      <section className="space-y-3 rounded-lg bg-white p-4 shadow-sm" data-testid="calc-subsidy">
        <h2 className="font-semibold">贴息测算</h2>
        <div className="grid gap-3 sm:grid-cols-3">
          <Input name="principal" label="贷款本金（元）" value={sub.principal} onChange={(v) => setSub({ ...sub, principal: v })} errors={errorsOf(subResult, "principal")} />
          <Input name="contractRate" label="合同年利率（%）" value={sub.contractRate} onChange={(v) => setSub({ ...sub, contractRate: v })} errors={errorsOf(subResult, "contractRate")} hint="如 4.35" />
          <Input name="termMonths" label="贷款期限（月）" value={sub.termMonths} onChange={(v) => setSub({ ...sub, termMonths: v })} errors={errorsOf(subResult, "termMonths")} />
          <Input name="disbursedOn" label="放款日" type="date" value={sub.disbursedOn} onChange={(v) => setSub({ ...sub, disbursedOn: v })} errors={errorsOf(subResult, "disbursedOn")} />
          <Input name="from" label="计息起始日" type="date" value={sub.from} onChange={(v) => setSub({ ...sub, from: v })} errors={errorsOf(subResult, "from")} />
          <Input name="to" label="计息截止日（不含）" type="date" value={sub.to} onChange={(v) => setSub({ ...sub, to: v })} errors={errorsOf(subResult, "to")} hint={`算头不算尾；今天是 ${today}`} />
        </div>
        {subResult?.ok ? (
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="calc-subsidy-result">
            <div><dt className="text-slate-600">计息天数</dt><dd className="font-semibold tabular-nums">{subResult.value.days} 天</dd></div>
            <div><dt className="text-slate-600">贴息利率上限</dt><dd className="font-semibold tabular-nums">{percent(subResult.value.capRate)}（{subResult.value.capEffective} 起执行）</dd></div>
            <div><dt className="text-slate-600">贴息利率</dt><dd className="font-semibold tabular-nums">{percent(subResult.value.rate)}</dd></div>
            <div><dt className="text-slate-600">贴息金额</dt><dd className="font-semibold tabular-nums" data-testid="calc-subsidy-amount">{formatAmount(subResult.value.amount)} 元</dd></div>
            <p className="col-span-full text-xs text-slate-500">贴息 = 本金 × 天数 × min(合同利率, 上限) ÷ {subResult.value.basis}，四舍五入到分。</p>
          </dl>
        ) : null}
      </section>

      <section className="space-y-3 rounded-lg bg-white p-4 shadow-sm" data-testid="calc-breaker">
        <h2 className="font-semibold">熔断测算</h2>
        <p className="text-sm text-slate-600">
          乡镇不良率{cmp} {settings.breaker.township ? percent(settings.breaker.township) : "（未设置）"}、村{cmp} {settings.breaker.village ? percent(settings.breaker.village) : "（未设置）"}即熔断。
        </p>
        <div className="grid gap-3 sm:grid-cols-3">
          <Field name="level" label="区域层级" errors={errorsOf(areaResult, "level")}>
            <select id="level" className={inputClass} value={area.level} onChange={(e) => setArea({ ...area, level: e.target.value as AreaLevel })}>
              <option value="township">乡镇</option><option value="village">村</option>
            </select>
          </Field>
          <Input name="outstanding" label="户贷余额（元）" value={area.outstanding} onChange={(v) => setArea({ ...area, outstanding: v })} errors={errorsOf(areaResult, "outstanding")} />
          <Input name="nonPerforming" label="不良贷款余额（元）" value={area.nonPerforming} onChange={(v) => setArea({ ...area, nonPerforming: v })} errors={errorsOf(areaResult, "nonPerforming")} />
        </div>
        {areaResult?.ok ? (
          <p className={`rounded p-3 text-sm ${areaResult.value.tripped ? "bg-red-50 text-red-800" : "bg-green-50 text-green-800"}`} data-testid="calc-breaker-result">
            不良率 {percent(areaResult.value.nplRatio)}；熔断标准 {areaResult.value.threshold ? `${cmp} ${percent(areaResult.value.threshold)}` : "未设置（不会熔断）"}；
            {areaResult.value.tripped ? "将触发熔断，暂停新增贷款。" : "不会触发熔断。"}
          </p>
        ) : null}
      </section>
    </div>
  );
}
