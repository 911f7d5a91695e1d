"use client";

import { useMemo, useState } from "react";
import type { FormState } from "@/lib/action-result";
import { CREDIT_GRADE_LABELS, scoreSheet, type GradeBand, type IndicatorItem } from "@/lib/domain/credit";
import { useFormAction } from "./use-form-action";
import { inputClass } from "./field";
import { FormMessage } from "./form-message";

type Props = {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  householdId: string;
  ratingId: string | null;
  items: readonly IndicatorItem[];
  gradeBands: readonly GradeBand[];
  answers: Record<string, string>;
  sheetVersion: number;
};

const GROUPS = ["三好三强", "三有三无", "量化指标"] as const;

/** The score as the domain computes it, recomputed while the cadre fills in the sheet (the server scores again). */
function liveScore(items: readonly IndicatorItem[], gradeBands: readonly GradeBand[], values: Record<string, string>) {
  const answers = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ""));
  try {
    return scoreSheet({ items }, answers, { gradeBands, allowMissing: true });
  } catch {
    return null;
  }
}

/** The rating form of one household, generated from the indicator sheet in force. */
export function RatingForm({ action, householdId, ratingId, items, gradeBands, answers, sheetVersion }: Props) {
  const initial = Object.fromEntries(Object.entries(answers).map(([k, v]) => [`answers.${k}`, v]));
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: initial });
  const [values, setValues] = useState<Record<string, string>>(answers);
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const score = useMemo(() => liveScore(items, gradeBands, values), [items, gradeBands, values]);
  const on = (key: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [key]: e.target.value }));

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg bg-white p-4 shadow-sm sm:p-5" noValidate>
      <input type="hidden" name="householdId" value={householdId} />
      {ratingId ? <input type="hidden" name="ratingId" value={ratingId} /> : null}
      <p className="text-sm text-slate-600">按评级指标表第 {sheetVersion} 版填写；每项均须填写。</p>
      {GROUPS.map((group) => {
        const groupItems = items.filter((i) => i.group === group);
        if (groupItems.length === 0) return null;
        return (
          <fieldset key={group} className="space-y-3">
            <legend className="font-semibold">{group}</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              {groupItems.map((item) => {
                const name = `answers.${item.key}`;
                const err = errors[name];
                const common = {
                  id: name, name, defaultValue: state.values[name] ?? answers[item.key] ?? "", onChange: on(item.key), className: inputClass,
                  "aria-invalid": err ? true : undefined, "aria-describedby": `${name}-error`,
                };
                return (
                  <div key={item.key}>
                    <label htmlFor={name} className="block text-sm font-medium">
                      {item.label}<span className="ml-1 text-xs font-normal text-slate-500">（满分 {item.maxPoints}）</span>
                    </label>
                    <div className="mt-1">
                      {item.kind === "qualitative" ? (
                        <select {...common}>
                          <option value="">请选择</option>
                          {(item.options ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}（{o.points} 分）</option>)}
                        </select>
                      ) : (
                        <div className="flex items-center gap-2">
                          <input {...common} inputMode="decimal" />
                          {item.unit ? <span className="shrink-0 text-sm text-slate-600">{item.unit}</span> : null}
                        </div>
                      )}
                    </div>
                    {item.kind === "quantitative" ? (
                      <p className="mt-1 text-xs text-slate-500">{(item.bands ?? []).map((b) => `≥${b.min}：${b.points} 分`).join("；")}</p>
                    ) : null}
                    <div id={`${name}-error`} aria-live="polite" className="text-sm text-red-700" data-testid={`error-${name}`}>
                      {err?.map((m) => <p key={m}>{m}</p>)}
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        );
      })}
      <section aria-live="polite" data-testid="rating-score" className="rounded bg-slate-50 p-3 text-sm">
        {score ? (
          score.missing.length > 0
            ? <p>已得 {score.score} 分；尚有 {score.missing.length} 项未填写。</p>
            : <p className="font-medium">评分 {score.score} 分，信用等级 {score.grade ? CREDIT_GRADE_LABELS[score.grade] : "—"}（提交时系统将再次计算）。</p>
        ) : <p>请按实际情况填写各项指标。</p>}
      </section>
      <FormMessage result={state.result} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-sm text-white disabled:opacity-60">
          {pending ? "正在保存…" : "提交乡镇审核"}
        </button>
        <button type="submit" name="intent" value="save" disabled={pending} className="rounded border border-slate-300 bg-white px-4 py-2 text-sm disabled:opacity-60">
          保存草稿
        </button>
      </div>
    </form>
  );
}
