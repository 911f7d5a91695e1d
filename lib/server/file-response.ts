import "server-only";
import type { Actor } from "./actor";
import { routeActor } from "./auth/current-actor";
import { AppError } from "./errors";

export type FileDownload = {
  bytes: Uint8Array;
  /** The name the user sees (may be Chinese), sent as RFC 6266 filename*. */
  fileName: string;
  /** An ASCII fallback for clients that ignore filename*. */
  asciiFileName: string;
  contentType: string;
  /** "inline" for scans and photos the browser can show; downloads by default. */
  disposition?: "inline" | "attachment";
};

function message(status: number, text: string): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * A route handler that sends a file made by a use case: the actor from the session (none → 401),
 * expected failures as their status with the Chinese message, anything else logged and a 500.
 * `onError` may turn a failure of its own into a response first.
 */
export async function respondWithFile(
  name: string,
  make: (actor: Actor) => Promise<FileDownload>,
  onError?: (error: unknown) => Response | undefined,
): Promise<Response> {
  const actor = await routeActor();
  if (!actor) return message(401, "登录已过期，请重新登录。");
  if (actor.mustChangePassword) return message(403, "请先修改系统管理员设置的初始密码，再进行其他操作。");
  try {
    const file = await make(actor);
    return new Response(new Uint8Array(file.bytes), {
      status: 200,
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `${file.disposition ?? "attachment"}; filename="${file.asciiFileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "Content-Length": String(file.bytes.byteLength),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    const own = onError?.(error);
    if (own) return own;
    if (error instanceof AppError) return message(error.status, error.message);
    console.error(`download ${name} failed`, error instanceof Error ? error.stack : error);
    return message(500, "系统暂时无法生成该文件，请稍后再试；如问题持续，请联系系统管理员。");
  }
}

export { message as textResponse };
