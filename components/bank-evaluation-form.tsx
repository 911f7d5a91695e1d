"use client";

import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { evaluateBank, P_EVAL_SCORECARD, type BankEvaluationDetail } from "@/lib/domain/bank-evaluation";
import type { BankEvaluationRules } from "@/lib/domain/bank-evaluation-rules";
import { D } from "@/lib/domain/decimal";
import { DomainError } from "@/lib/domain/errors";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";
import { useFormAction } from "./use-form-action";

const STRUCTURAL_LABELS = ["扶贫办评分", "人民银行评分", "银监分局评分"];

type Initial = { items: Record<string, string>; structural: string[]; item29Reason: string; version: number | null };

/** Live result with the same domain function the server runs; a domain error is shown at its field. */
function live(items: Record<string, string>, structural: string[], item29Reason: string, rules: BankEvaluationRules):
  { detail: BankEvaluationDetail | null; field?: string; message?: string } {
  const filled = Object.fromEntries(Object.entries(items).filter(([, v]) => v.trim() !== ""));
  try {
    return { detail: evaluateBank({ items: filled, structural: structural.map((s) => (s.trim() === "" ? "0" : s)), item29Reason, ...rules }) };
  } catch (e) {
    if (e instanceof DomainError) return { detail: null, field: e.field === "reasons.29" ? "item29Reason" : e.field, message: e.message };
    throw e;
  }
}

/** The 30-item scorecard by category, the three structural scores, and the computed grade. */
export function BankEvaluationForm({ action, bankId, year, initial, readOnly, rules }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  bankId: string;
  year: number;
  initial: Initial;
  readOnly: boolean;
  rules: BankEvaluationRules;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const [items, setItems] = useState<Record<string, string>>(initial.items);
  const [structural, setStructural] = useState<string[]>([0, 1, 2].map((i) => initial.structural[i] ?? ""));
  const [reason, setReason] = useState(initial.item29Reason);
  const serverErrors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const result = live(items, structural, reason, rules);
  const pct = (f: string) => `${new D(f).times(100).toFixed()}%`;
  const bands = rules.gradeBands.map((b, i) => (i === 0 ? `${b.min} 分及以上为“${b.grade}”` : `${b.min}（含）至 ${rules.gradeBands[i - 1].min} 分为“${b.grade}”`)).join("，");
  const errorsFor = (name: string) => serverErrors[name] ?? (result.field === name && result.message ? [result.message] : undefined);
  const categoryScore = (key: string) => result.detail?.categories.find((c) => c.key === key)?.score;

  return (
    <form onSubmit={onSubmit} className="space-y-5" data-testid="evaluation-form">
      <input type="hidden" name="bankId" value={bankId} />
      <input type="hidden" name="year" value={year} />
      {initial.version !== null ? <input type="hidden" name="version" value={initial.version} /> : null}
      <fieldset disabled={readOnly || pending} className="space-y-4">
        {P_EVAL_SCORECARD.map((c) => (
          <section key={c.key} className="rounded-lg bg-white p-4 shadow-sm">
            <h2 className="mb-3 font-semibold">
              {c.key}、{c.name}
              <span className="ml-2 text-sm font-normal text-slate-500">
                本类满分 {c.cap} 分（按各项得分折算）{categoryScore(c.key) !== undefined ? `，折算得分 ${categoryScore(c.key)}` : ""}
              </span>
            </h2>
            <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-4">
              {c.items.map((it) => {
                const name = `items.${it.number}`;
                const errors = errorsFor(name);
                return (
                  <Field key={it.number} name={name} label={`第 ${it.number} 项（满分 ${it.maxPoints}）${it.requiresReason ? "·加分项" : ""}`} errors={errors}>
                    <input id={name} name={name} inputMode="decimal" className={inputClass} value={items[String(it.number)] ?? ""}
                      aria-invalid={errors ? true : undefined} aria-describedby={`${name}-error`}
                      onChange={(e) => setItems((prev) => ({ ...prev, [String(it.number)]: e.target.value }))} />
                  </Field>
                );
              })}
            </div>
            {c.items.some((it) => it.requiresReason) ? (
              <div className="mt-3">
                <Field name="item29Reason" label="第 29 项加分理由（得分大于 0 时必填）" errors={errorsFor("item29Reason")}>
                  <textarea id="item29Reason" name="item29Reason" rows={2} className={inputClass} value={reason}
                    aria-invalid={errorsFor("item29Reason") ? true : undefined} aria-describedby="item29Reason-error"
                    onChange={(e) => setReason(e.target.value)} />
                </Field>
              </div>
            ) : null}
          </section>
        ))}
        <section className="rounded-lg bg-white p-4 shadow-sm">
          <h2 className="mb-3 font-semibold">结构评分（三部门各 0–100 分，取平均计入综合得分）</h2>
          <div className="grid gap-3 sm:grid-cols-3">
            {STRUCTURAL_LABELS.map((label, i) => (
              <Field key={label} name={`structural.${i}`} label={label}>
                <input id={`structural.${i}`} name={`structural.${i}`} inputMode="decimal" className={inputClass} value={structural[i]}
                  aria-invalid={errorsFor("structural") ? true : undefined} aria-describedby="structural-error"
                  onChange={(e) => setStructural((prev) => prev.map((s, j) => (j === i ? e.target.value : s)))} />
              </Field>
            ))}
          </div>
          <div id="structural-error" aria-live="polite" className="mt-1 text-sm text-red-700" data-testid="error-structural">
            {errorsFor("structural")?.map((m) => <p key={m}>{m}</p>)}
          </div>
        </section>
      </fieldset>
      <section className="rounded-lg bg-blue-50 p-4" aria-live="polite" data-testid="evaluation-result">
        {result.detail ? (
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
            <div><dt className="text-slate-600">考核指标得分</dt><dd className="text-lg font-semibold tabular-nums" data-testid="eval-indicator">{result.detail.indicator}</dd></div>
            <div><dt className="text-slate-600">结构评分平均</dt><dd className="text-lg font-semibold tabular-nums">{result.detail.structuralMean}</dd></div>
            <div><dt className="text-slate-600">综合得分</dt><dd className="text-lg font-semibold tabular-nums" data-testid="eval-total">{result.detail.total}</dd></div>
            <div><dt className="text-slate-600">考评等级</dt><dd className="text-lg font-semibold" data-testid="eval-grade">{result.detail.grade}</dd></div>
          </dl>
        ) : (
          <p className="text-sm text-red-700">{result.message}</p>
        )}
        <p className="mt-2 text-xs text-slate-500">综合得分 = 考核指标得分 × {pct(rules.weights.indicator)} + 结构评分平均 × {pct(rules.weights.structural)}；{bands}。</p>
      </section>
      <FormMessage result={state.result} success="已保存，考评结果已计算。" />
      {!readOnly ? (
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-sm text-white disabled:opacity-60">
          {pending ? "保存中…" : "保存考评"}
        </button>
      ) : null}
    </form>
  );
}
