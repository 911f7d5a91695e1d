import "server-only";
import { cacheSignal } from "react";

/**
 * Frees what a finished render's abort reason keeps alive — the cause of the portal server's
 * memory growth under load (issue 8: 969 MB peak on the bench province, target ≤ 600 MB).
 *
 * React aborts each render's cache signal with an Error when the render completes. V8 keeps an
 * Error's stack unformatted until someone reads it: as call sites that hold each frame's receiver,
 * here the Node Immediate the render finished in, and a run Immediate stays linked to the others
 * of its batch, each with the async context (its request, its response) of another render, whose
 * own abort reason links to a later batch, and so on. A long-lived socket (keep-alive HTTP, the
 * pg pool) holds the async context it was created or last used in, so one such socket kept every
 * later request reachable: on the HTTP bench's 50-user mixed load the heap left after a full
 * collection grew 105 → 260 → 347 MB a minute apart (723 ServerResponse objects alive after one
 * minute); the server peaked at 909 MB, and with its heap capped at 384 MB it ran out of memory
 * after four minutes. Reading `.stack` once replaces the call sites with a
 * string and cuts the chain: the same load for four minutes leaves 87–95 MB. (How far garbage may
 * pile up above that before V8 collects it is set in scripts/lib/next-server.ts.)
 *
 * Called from the root layout, which every page render goes through.
 */
export function releaseRenderAbortStack(): void {
  const signal = cacheSignal() as AbortSignal | null;
  if (!signal || signal.aborted) return;
  signal.addEventListener(
    "abort",
    () => {
      const reason: unknown = signal.reason;
      if (reason instanceof Error) void reason.stack;
    },
    { once: true },
  );
}
