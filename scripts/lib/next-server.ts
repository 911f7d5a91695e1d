import path from "node:path";

/**
 * Node options of the portal's server process.
 *
 * `--max-old-space-size=1024`: V8 lets the old generation grow to a multiple of what survived the
 * last full collection before the next one, and that multiple depends on the heap limit: 4× when
 * the limit is 2 GB or more (on a 24 GB machine the default limit is ~4 GB), 1.3–2× below that
 * (1.6× at 1 GB). With the default, the server's heap after a full collection was ~100 MB on the
 * HTTP bench's 50-user mixed run, yet the old generation filled with ~350 MB of garbage before V8
 * collected it and the process peaked at 590–596 MB (target ≤ 600 MB). With this limit the same
 * run peaks at 355 MB (old generation ≤ 145 MB), no request fails, and the CPU time per request
 * is unchanged within the run-to-run noise (29.8–33.2 ms). 1 GB is still ten times the live heap,
 * room for a large export or report.
 */
export const SERVER_NODE_ARGS = ["--max-old-space-size=1024"] as const;

/**
 * The command that serves the built portal: node with SERVER_NODE_ARGS running Next's CLI
 * `next start` on `host`:`port`, one process (Next forks none). Both `npm start` and the HTTP
 * bench start the server with it, so that the bench measures the process users run; `nodeArgs`
 * (e.g. the bench's --cpu-prof, which NODE_OPTIONS refuses) go on node's command line too.
 */
export function nextStartCommand(root: string, host: string, port: number, nodeArgs: readonly string[] = []): { command: string; args: string[] } {
  const nextCli = path.join(root, "node_modules/next/dist/bin/next");
  return { command: process.execPath, args: [...SERVER_NODE_ARGS, ...nodeArgs, nextCli, "start", "-H", host, "-p", String(port)] };
}
