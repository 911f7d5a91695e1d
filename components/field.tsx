/** A labelled form field with its error messages beside it, announced to screen readers. */
export function Field({
  name,
  label,
  errors,
  children,
  hint,
}: {
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">{label}</label>
      <div className="mt-1">{children}</div>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <div id={`${name}-error`} aria-live="polite" className="text-sm text-red-700" data-testid={`error-${name}`}>
        {errors?.map((e) => <p key={e}>{e}</p>)}
      </div>
    </div>
  );
}

export const inputClass = "w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600";
