/**
 * Expected failures of a use case. `message` is Chinese and shown to the user as is;
 * `fieldErrors` puts messages beside the form fields that caused them.
 */
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "RULE_VIOLATION";

import type { FieldErrors } from "@/lib/action-result";

export type { FieldErrors };

const STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  RULE_VIOLATION: 422,
} as const satisfies Record<AppErrorCode, number>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: AppErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }

  get status(): number {
    return STATUS[this.code];
  }

  static notFound(what = "记录") {
    return new AppError("NOT_FOUND", `未找到该${what}，或您无权查看。`);
  }

  static field(field: string, message: string) {
    return new AppError("VALIDATION", message, { [field]: [message] });
  }
}
