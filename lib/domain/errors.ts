/**
 * The one error type of the policy engine. `code` is stable (callers and outside checks
 * branch on it); `message` is Chinese and fit to show a user as is.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly field?: string;

  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.field = field;
  }
}
