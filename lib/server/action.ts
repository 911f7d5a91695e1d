import "server-only";
import { currentActor } from "./auth/current-actor";
import type { ActionResult } from "@/lib/action-result";
import { AppError } from "./errors";
import { PASSWORD_CHANGE_USE_CASE } from "./action-names";
import type { UseCase } from "./use-case";

/**
 * The one way a server action runs a use case: authenticate from the session, then the use
 * case (role check, zod, transaction, audit). Expected errors become Chinese messages at their
 * fields; anything else is logged and shown as a generic message, never a 500 page.
 */
export async function runAction<R>(useCase: UseCase<unknown, R>, input: unknown): Promise<ActionResult<R>> {
  try {
    // Inside the try: with the database unreachable even the session lookup fails, and the
    // user must still get a message, not a crashed page.
    const actor = await currentActor();
    if (!actor) return { ok: false, message: "登录已过期，请重新登录。" };
    if (actor.mustChangePassword && useCase.useCaseName !== PASSWORD_CHANGE_USE_CASE) {
      return { ok: false, message: "请先修改系统管理员设置的初始密码，再进行其他操作。" };
    }
    return { ok: true, data: await useCase(actor, input) };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
    }
    console.error(`action ${useCase.useCaseName} failed`, error instanceof Error ? error.stack : error);
    return { ok: false, message: "系统暂时无法完成此操作，请稍后再试；如问题持续，请联系系统管理员。" };
  }
}

/** Form data as a plain object of strings (the use case's zod schema does the rest). */
export function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) out[key] = value;
  }
  return out;
}
