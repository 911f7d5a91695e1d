import http from "node:http";

/**
 * For the fault tests only (`npm run test:resilience`): a loopback endpoint through which a test
 * stops and starts the embedded PostgreSQL under a running portal, to show the portal rides out
 * a database restart without being restarted itself. Started by start.ts only with --fresh and
 * PORTAL_DB_CONTROL_PORT set.
 */
export function serveDbControl(port: number, db: { stop: () => Promise<void>; start: () => Promise<void>; serverPid: () => number | null }) {
  let busy = Promise.resolve();
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: object) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/status") return reply(200, { serverPid: db.serverPid() });
    const action = req.method === "POST" && req.url === "/db/stop" ? db.stop : req.method === "POST" && req.url === "/db/start" ? db.start : null;
    if (!action) return reply(404, { error: "unknown" });
    busy = busy.then(action).then(
      () => reply(200, { ok: true }),
      (error: unknown) => reply(500, { error: String(error) }),
    );
  });
  server.listen(port, "127.0.0.1");
  server.unref();
  return () => server.close();
}
