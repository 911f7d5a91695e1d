import path from "node:path";

/**
 * The command that serves the built portal: node running Next's CLI `next start` on
 * `host`:`port`, one process (Next forks none). Both `npm start` and the HTTP bench start the
 * server with it, so that the bench measures the process users run; `nodeArgs` (e.g. the bench's
 * --cpu-prof, which NODE_OPTIONS refuses) go on node's command line.
 *
 * No V8 heap options: the server's memory was driven by a leak, not by heap sizing (see
 * lib/server/render-abort-stack.ts). Capping the old generation at 384 MB (peak 526 MB on the
 * HTTP bench) only turned that leak into an out-of-memory crash after four minutes of load;
 * with the leak fixed the server peaks at ~365 MB with V8's defaults.
 */
export function nextStartCommand(root: string, host: string, port: number, nodeArgs: readonly string[] = []): { command: string; args: string[] } {
  const nextCli = path.join(root, "node_modules/next/dist/bin/next");
  return { command: process.execPath, args: [...nodeArgs, nextCli, "start", "-H", host, "-p", String(port)] };
}
