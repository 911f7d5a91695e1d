"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/action-result";
import type { SettingPath } from "@/lib/domain/policy-profile";
import { SETTING_META } from "@/lib/domain/policy-profile-meta";
import { PARTY_OPTIONS, ratioRowCount, SETTING_FIELDS, SETTING_GROUPS, STATUS_OPTIONS, UNIT_HINTS, type SettingField } from "@/lib/policy-profile-form";
import { inputClass } from "./field";

type Props = {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  id: string;
  fingerprint: string;
  name: string;
  values: Record<string, string>;
  today: string;
};

const NULL_HINTS = { required: "激活前必填", notApplicable: "不适用时留空", conditional: "是否必填取决于其他设置" } as const;

function ErrorList({ name, errors }: { name: string; errors?: string[] }) {
  return (
    <div id={`${name}-error`} aria-live="polite" className="text-sm text-red-700" data-testid={`error-${name}`}>
      {errors?.map((e) => <p key={e}>{e}</p>)}
    </div>
  );
}

/** Every setting of the draft with its Chinese label and source beside it; save, or save and activate from a date. */
export function PolicyProfileEditor({ action, id, fingerprint, name, values: initial, today }: Props) {
  const [state, formAction, pending] = useActionState(action, { result: null, values: { ...initial, name, effectiveFrom: today } });
  const v = state.values;
  const result = state.result;
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const invalid = (key: string) => (errors[key] ? true : undefined);
  const rendered = new Set<string>(["name", "effectiveFrom", "id", "fingerprint"]);

  const control = (path: SettingPath, field: SettingField, label: string) => {
    const common = { id: path, name: path, "aria-invalid": invalid(path), "aria-describedby": `${path}-error` };
    rendered.add(path);
    switch (field.kind) {
      case "decimal":
        return <input {...common} defaultValue={v[path] ?? ""} inputMode="decimal" autoComplete="off" className={inputClass} />;
      case "int":
        return <input {...common} defaultValue={v[path] ?? ""} inputMode="numeric" autoComplete="off" className={inputClass} />;
      case "months":
        return <input {...common} defaultValue={v[path] ?? ""} autoComplete="off" className={inputClass} />;
      case "enum":
        return (
          <select {...common} defaultValue={v[path] ?? ""} key={v[path] ?? ""} className={inputClass}>
            <option value="">{field.nullable ? "（未设置）" : "请选择"}</option>
            {field.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        );
      case "bool":
        return (
          <label className="flex items-center gap-2 text-sm">
            <input {...common} type="checkbox" defaultChecked={v[path] === "on"} key={v[path] ?? "off"} className="h-4 w-4" />是
          </label>
        );
      case "statuses":
        return (
          <div role="group" aria-label={label} aria-describedby={`${path}-error`} className="flex flex-wrap gap-x-4 gap-y-1">
            {STATUS_OPTIONS.map((o) => {
              rendered.add(`${path}.${o.value}`);
              return (
                <label key={o.value} className="flex items-center gap-1 text-sm">
                  <input type="checkbox" name={`${path}.${o.value}`} defaultChecked={v[`${path}.${o.value}`] === "on"} key={v[`${path}.${o.value}`] ?? "off"} className="h-4 w-4" />
                  {o.label}
                </label>
              );
            })}
          </div>
        );
      case "ratios": {
        const rows = Math.max(3, ratioRowCount(v, path) + 2);
        return (
          <div role="group" aria-label={label} aria-describedby={`${path}-error`} className="space-y-2">
            {Array.from({ length: rows }, (_, i) => {
              const party = `${path}.${i}.party`;
              const ratio = `${path}.${i}.ratio`;
              rendered.add(party);
              rendered.add(ratio);
              return (
                <div key={i} className="grid grid-cols-[1fr_7rem] gap-2">
                  <div>
                    <select id={party} name={party} aria-label={`${label} 第 ${i + 1} 行 分担方`} defaultValue={v[party] ?? ""} key={v[party] ?? ""}
                      aria-invalid={invalid(party)} className={inputClass}>
                      <option value="">（不填）</option>
                      {PARTY_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                    </select>
                    <ErrorList name={party} errors={errors[party]} />
                  </div>
                  <div>
                    <input id={ratio} name={ratio} aria-label={`${label} 第 ${i + 1} 行 比例`} defaultValue={v[ratio] ?? ""} inputMode="decimal"
                      placeholder="如 0.30" autoComplete="off" aria-invalid={invalid(ratio)} className={inputClass} />
                    <ErrorList name={ratio} errors={errors[ratio]} />
                  </div>
                </div>
              );
            })}
            <p className="text-xs text-slate-500">比例填小数（0.30 即 30%），各方合计须为 1；共同分担部分按再担保协议拆分到各方。</p>
          </div>
        );
      }
    }
  };

  const groups = SETTING_GROUPS.map((g) => (
    <fieldset key={g.key} className="space-y-4 rounded-lg bg-white p-5 shadow-sm">
      <legend className="px-1 font-semibold">{g.label}</legend>
      {g.paths.map((path) => {
        const field: SettingField = SETTING_FIELDS[path];
        const meta = SETTING_META[path];
        const hint = [field.kind === "decimal" ? UNIT_HINTS[field.unit] : null, meta.nullMeans ? NULL_HINTS[meta.nullMeans] : null].filter(Boolean).join("；");
        const labelled = field.kind !== "statuses" && field.kind !== "ratios" && field.kind !== "bool";
        return (
          <div key={path} className="grid gap-1 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] sm:gap-4">
            <div>
              {labelled
                ? <label htmlFor={path} className="block text-sm font-medium">{meta.label}</label>
                : <p className="text-sm font-medium">{meta.label}</p>}
              <p className="text-xs text-slate-500" data-testid={`source-${path}`}>依据：{meta.source}</p>
              {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
            </div>
            <div>
              {field.kind === "bool" ? <span className="sr-only">{meta.label}</span> : null}
              {control(path, field, meta.label)}
              <ErrorList name={path} errors={errors[path]} />
            </div>
          </div>
        );
      })}
      <ErrorList name={g.key} errors={Object.entries(errors).filter(([k]) => (k === g.key || k.startsWith(`${g.key}.`)) && !rendered.has(k)).flatMap(([, m]) => m)} />
    </fieldset>
  ));
  for (const g of SETTING_GROUPS) rendered.add(g.key);
  const otherErrors = Object.entries(errors).filter(([k]) => !rendered.has(k) && !SETTING_GROUPS.some((g) => k.startsWith(`${g.key}.`)));

  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="fingerprint" value={fingerprint} />
      <div className="rounded-lg bg-white p-5 shadow-sm">
        <label htmlFor="name" className="block text-sm font-medium">版本名称</label>
        <input id="name" name="name" defaultValue={v.name ?? name} className={`${inputClass} mt-1`} aria-invalid={invalid("name")} aria-describedby="name-error" />
        <ErrorList name="name" errors={errors.name} />
      </div>
      {groups}
      <div className="sticky bottom-0 space-y-3 rounded-lg border bg-white p-4 shadow">
        {result && !result.ok ? (
          <div role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">
            <p>{result.message}</p>
            {otherErrors.flatMap(([k, list]) => list.map((m) => <p key={`${k}-${m}`}>{m}</p>))}
          </div>
        ) : null}
        {result?.ok ? <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-800">{(result.data as { notice?: string })?.notice ?? "已保存。"}</p> : null}
        <div className="flex flex-wrap items-end gap-3">
          <button type="submit" name="intent" value="save" disabled={pending} className="rounded border border-slate-300 bg-white px-4 py-2 text-sm disabled:opacity-60">
            {pending ? "正在提交…" : "保存草稿"}
          </button>
          <div>
            <label htmlFor="effectiveFrom" className="block text-sm font-medium">生效日期</label>
            <input id="effectiveFrom" name="effectiveFrom" type="date" defaultValue={v.effectiveFrom ?? today} min={today}
              aria-invalid={invalid("effectiveFrom")} aria-describedby="effectiveFrom-error" className="rounded border border-slate-300 px-3 py-2" />
          </div>
          <button type="submit" name="intent" value="activate" disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-sm text-white disabled:opacity-60">
            保存并激活
          </button>
        </div>
        <ErrorList name="effectiveFrom" errors={errors.effectiveFrom} />
      </div>
    </form>
  );
}
