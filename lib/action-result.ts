/** What a server action returns to its form: data, or a message with per-field messages. */
export type FieldErrors = Record<string, string[]>;

export type ActionResult<R> =
  | { ok: true; data: R }
  | { ok: false; message: string; fieldErrors?: FieldErrors };

/** Form state: the last result plus the values typed, so a failed submit keeps them. */
export type FormState = { result: ActionResult<unknown> | null; values: Record<string, string> };
