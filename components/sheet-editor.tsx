"use client";

import type { FormState } from "@/lib/action-result";
import type { IndicatorItem } from "@/lib/domain/credit";
import { useFormAction } from "./use-form-action";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";

export type EditorItem = { key: string; label: string; group: IndicatorItem["group"]; kind: IndicatorItem["kind"]; maxPoints: string; choices: string; unit: string };

const SPARE_ROWS = 2;

/**
 * A new version of the indicator sheet, started from the latest one: each item's name, category,
 * kind, full marks and answers with points ("是=5；基本做到=3；否=0", or for a quantitative item
 * "下限=分值": "0=0；1=6；2=10"), the grade bands, and the date it takes effect.
 */
export function SheetEditor({ action, items, bands, defaultDate }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  items: EditorItem[];
  bands: { AAA: string; AA: string; A: string; B: string };
  defaultDate: string;
}) {
  const [state, onSubmit, pending] = useFormAction(action, { result: null, values: {} });
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const rows: EditorItem[] = [...items, ...Array.from({ length: SPARE_ROWS }, () => ({ key: "", label: "", group: "三好三强" as const, kind: "qualitative" as const, maxPoints: "", choices: "", unit: "" }))];
  const v = (name: string, fallback: string) => state.values[name] ?? fallback;
  const attrs = (name: string) => ({ id: name, name, className: inputClass, "aria-invalid": errors[name] ? true : undefined, "aria-describedby": `${name}-error` });

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-5">
        <Field name="effectiveFrom" label="生效日期" errors={errors.effectiveFrom}>
          <input {...attrs("effectiveFrom")} type="date" defaultValue={v("effectiveFrom", defaultDate)} />
        </Field>
        {(["AAA", "AA", "A", "B"] as const).map((g) => (
          <Field key={g} name={`bands.${g}`} label={`${g} 级最低分`} errors={errors[`bands.${g}`]}>
            <input {...attrs(`bands.${g}`)} inputMode="numeric" defaultValue={v(`bands.${g}`, bands[g])} />
          </Field>
        ))}
        <p className="text-xs text-slate-500 sm:col-span-5">低于 B 级最低分为 C 级。总分不是 100 分时按比例折算为百分制。</p>
      </div>
      {rows.map((item, i) => {
        const n = (f: string) => `items.${i}.${f}`;
        return (
          <fieldset key={i} className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-6" data-testid="sheet-item">
            <legend className="sr-only">第 {i + 1} 项指标</legend>
            <input type="hidden" name={n("key")} value={item.key} />
            <div className="sm:col-span-2">
              <Field name={n("label")} label={i < items.length ? `指标 ${i + 1}` : "新增指标（可留空）"} errors={errors[n("label")]}>
                <input {...attrs(n("label"))} defaultValue={v(n("label"), item.label)} />
              </Field>
            </div>
            <Field name={n("group")} label="类别" errors={errors[n("group")]}>
              <select {...attrs(n("group"))} defaultValue={v(n("group"), item.group)}>
                <option value="三好三强">三好三强</option>
                <option value="三有三无">三有三无</option>
                <option value="量化指标">量化指标</option>
              </select>
            </Field>
            <Field name={n("kind")} label="类型" errors={errors[n("kind")]}>
              <select {...attrs(n("kind"))} defaultValue={v(n("kind"), item.kind)}>
                <option value="qualitative">定性（选择）</option>
                <option value="quantitative">定量（数字）</option>
              </select>
            </Field>
            <Field name={n("maxPoints")} label="满分" errors={errors[n("maxPoints")]}>
              <input {...attrs(n("maxPoints"))} inputMode="decimal" defaultValue={v(n("maxPoints"), item.maxPoints)} />
            </Field>
            <Field name={n("unit")} label="单位（定量）" errors={errors[n("unit")]}>
              <input {...attrs(n("unit"))} defaultValue={v(n("unit"), item.unit)} />
            </Field>
            <div className="sm:col-span-5">
              <Field name={n("choices")} label="答案及分值（定性：答案=分值；定量：下限=分值；用“；”分隔）" errors={errors[n("choices")]}>
                <input {...attrs(n("choices"))} defaultValue={v(n("choices"), item.choices)} />
              </Field>
            </div>
            {i < items.length ? (
              <label className="flex items-center gap-2 self-end text-sm">
                <input type="checkbox" name={n("remove")} defaultChecked={v(n("remove"), "") === "on"} /> 删除此项
              </label>
            ) : null}
          </fieldset>
        );
      })}
      <FormMessage result={state.result} success="已保存新版本指标表。" />
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-5 py-2 text-white disabled:opacity-60">
        {pending ? "正在保存…" : "保存为新版本"}
      </button>
    </form>
  );
}
