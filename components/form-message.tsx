import type { ActionResult } from "@/lib/action-result";

/** The form-level outcome of an action: its message on failure, or a confirmation. */
export function FormMessage({ result, success }: { result: ActionResult<unknown> | null; success?: string }) {
  if (!result) return null;
  if (!result.ok) {
    const formErrors = result.fieldErrors?._form ?? [];
    return (
      <div role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">
        <p>{result.message}</p>
        {formErrors.filter((m) => m !== result.message).map((m) => <p key={m}>{m}</p>)}
      </div>
    );
  }
  return success ? <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-800">{success}</p> : null;
}
