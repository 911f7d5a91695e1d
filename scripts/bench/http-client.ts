/**
 * What the HTTP bench's simulated users do over the wire: sign in through next-auth's credentials
 * flow, request pages with their session cookie (taking the refreshed cookie the proxy sends),
 * and post forms to the portal's server actions as the browser does (the `Next-Action` header and
 * React's encoding of the action's arguments), reading the outcome from the response.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const SESSION_COOKIE = "next-auth.session-token";

/** A signed-in user's cookie; requests replace it when the server refreshes the session. */
export type Session = { username: string; cookie: string };

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number };

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function cookiePairs(setCookie: string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of setCookie ?? []) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq > 0) out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return out;
}

type Request = { base: string; method?: string; path: string; headers?: Record<string, string>; body?: Buffer; session?: Session };

/**
 * One request over a kept-alive loopback connection; the time is until the last byte. A GET whose
 * reused connection the server had just closed (its 5 s keep-alive timeout, crossing the request
 * on the wire: ECONNRESET before any reply) is sent once more on a fresh one, as browsers do and as
 * Node's documentation advises (`request.reusedSocket`); anything else is the server's answer.
 */
export async function send(o: Request): Promise<Reply> {
  try {
    return await sendOnce(o);
  } catch (error) {
    if ((o.method ?? "GET") === "GET" && (error as { staleSocket?: boolean }).staleSocket) return sendOnce(o);
    throw error;
  }
}

function sendOnce(o: Request): Promise<Reply> {
  const url = new URL(o.path, o.base);
  const headers: Record<string, string> = { ...o.headers };
  if (o.session) headers.cookie = o.session.cookie;
  if (o.body) headers["content-length"] = String(o.body.length);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: o.method ?? "GET", headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const refreshed = cookiePairs(res.headers["set-cookie"]).get(SESSION_COOKIE);
        if (o.session && refreshed) o.session.cookie = `${SESSION_COOKIE}=${refreshed}`;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started });
      });
    });
    req.setTimeout(60_000, () => req.destroy(new Error("request timed out after 60 s")));
    req.on("error", (error: NodeJS.ErrnoException) => {
      reject(req.reusedSocket && error.code === "ECONNRESET" ? Object.assign(error, { staleSocket: true }) : error);
    });
    req.end(o.body);
  });
}

/**
 * Signs in as the login page does: the CSRF token from /api/auth/csrf (with its cookie), then
 * the credentials POSTed to /api/auth/callback/credentials. A refused sign-in throws with the
 * reason next-auth put in the redirect (wrong password, locked account, …).
 */
export async function signIn(base: string, username: string, password: string): Promise<Session> {
  const csrf = await send({ base, path: "/api/auth/csrf" });
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf 返回 ${csrf.status}`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const csrfCookies = cookiePairs(csrf.headers["set-cookie"]);
  const body = Buffer.from(new URLSearchParams({ csrfToken, username, password, callbackUrl: `${base}/`, json: "true" }).toString());
  const reply = await send({
    base,
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: [...csrfCookies].map(([k, v]) => `${k}=${v}`).join("; "),
    },
    body,
  });
  const token = cookiePairs(reply.headers["set-cookie"]).get(SESSION_COOKIE);
  if (!token) {
    let reason = `HTTP ${reply.status}`;
    try {
      const url = (JSON.parse(reply.body) as { url?: string }).url ?? String(reply.headers.location ?? "");
      reason = new URL(url, base).searchParams.get("error") ?? reason;
    } catch {
      // not JSON: keep the status
    }
    throw new Error(`压测用户 ${username} 登录失败：${reason}`);
  }
  return { username, cookie: `${SESSION_COOKIE}=${token}` };
}

/** The ids of the built app's server actions, by "<file>#<export>" (from .next's manifest). */
export function serverActionIds(root: string): Map<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const out = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename && entry.exportedName) out.set(`${entry.filename}#${entry.exportedName}`, id);
  }
  return out;
}

/**
 * The request body React sends for `action(prevState, formData)` (a form with useActionState):
 * multipart, the form's fields under the prefix "_1_", argument list `["$undefined","$K1"]`.
 */
export function actionRequest(base: string, actionId: string, fields: Record<string, string>) {
  const boundary = `----benchboundary${Math.random().toString(16).slice(2)}`;
  const entries: [string, string][] = [...Object.entries(fields).map(([k, v]): [string, string] => [`_1_${k}`, v]), ["0", '["$undefined","$K1"]']];
  const parts = entries.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "next-action": actionId,
      accept: "text/x-component",
      origin: base,
    },
    body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`),
  };
}

export type ActionOutcome = { ok: true; redirect: string | null } | { ok: false; message: string };

/**
 * What an action answered: a redirect (the use case succeeded and the page moved on), or the
 * form state in the RSC payload with `"ok":true` or `"ok":false` and its message.
 */
export function actionOutcome(reply: Reply): ActionOutcome {
  const redirect = reply.headers["x-action-redirect"];
  if (typeof redirect === "string" && redirect.length > 0) return { ok: true, redirect: redirect.split(";")[0] };
  if (reply.status !== 200) return { ok: false, message: `HTTP ${reply.status}` };
  if (/"result":\{"ok":true/.test(reply.body)) return { ok: true, redirect: null };
  const failed = /"result":\{"ok":false,"message":"((?:[^"\\]|\\.)*)"/.exec(reply.body);
  if (failed) {
    const fields = /"fieldErrors":(\{[^}]*\})/.exec(reply.body);
    return { ok: false, message: `${JSON.parse(`"${failed[1]}"`) as string}${fields ? ` ${fields[1]}` : ""}` };
  }
  return { ok: false, message: `无法识别的响应：${reply.body.slice(0, 200)}` };
}
