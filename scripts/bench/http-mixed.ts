/**
 * The sustained mixed run of the HTTP bench (issue 10 item 9): simulated users of three roles,
 * each in a loop of "pick something to do, do it, think", for a fixed time. Reads are the pages
 * these users open; writes go through the portal's real server actions, each one valid and
 * distinct (its own bank reference, ID number or draft), so that any error is a real failure.
 * Afterwards every write the server acknowledged is looked up in the database.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { idCheckChar } from "../../lib/domain/identity";
import { actionOutcome, actionRequest, type Reply, send, type Session } from "./http-client";
import type { BenchRole, BenchScope } from "./http-fixtures";

export type MixedOptions = {
  base: string;
  databaseUrl: string;
  sessions: Record<BenchRole, Session>;
  scope: BenchScope;
  /** The server's business date (YYYY-MM-DD), the repayments' date. */
  today: string;
  actionIds: Map<string, string>;
  users: number;
  seconds: number;
  /** Each user waits between 0 and twice this after every request. */
  thinkMs: number;
};

export type MixedResult = {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  errors: number;
  byOp: { op: string; count: number; p50: number; p95: number; errors: number }[];
  errorSamples: string[];
  writes: { kind: string; acknowledged: number; found: number }[];
};

type Outcome = { ms: number; ok: boolean; message?: string };
type Op = { name: string; weight: number; run: () => Promise<Outcome> };

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A page read: 200 and no server error rendered into it (Next marks those with data-dgst). */
function pageOutcome(reply: Reply, path: string): Outcome {
  if (reply.status !== 200) return { ms: reply.ms, ok: false, message: `GET ${path}: HTTP ${reply.status}${reply.headers.location ? ` → ${reply.headers.location}` : ""}` };
  if (reply.body.includes("data-dgst")) return { ms: reply.ms, ok: false, message: `GET ${path}: 页面渲染出错` };
  return { ms: reply.ms, ok: true };
}

/**
 * A valid ID number no generated or demo household has (area 4199xx), distinct for every k below
 * 2·10⁹; `k` starts from the run's start time, so runs on a reused database do not collide.
 */
function benchIdNumber(k: number): string {
  const area = `4199${String(Math.floor(k / 20_000_000) % 100).padStart(2, "0")}`;
  const birth = new Date(Date.UTC(1940, 0, 1) + (Math.floor(k / 1000) % 20_000) * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
  const first17 = `${area}${birth}${String(k % 1000).padStart(3, "0")}`;
  return first17 + idCheckChar(first17);
}

export async function runMixed(o: MixedOptions): Promise<MixedResult> {
  const { base, scope } = o;
  const action = (key: string) => {
    const id = o.actionIds.get(key);
    if (!id) throw new Error(`构建产物中找不到服务器动作 ${key}（.next/server/server-reference-manifest.json）`);
    return id;
  };
  const repaymentAction = action("app/(portal)/loans/actions.ts#recordRepaymentAction");
  const householdAction = action("app/(portal)/households/actions.ts#createHouseholdAction");
  const draftAction = action("app/(portal)/applications/actions.ts#saveDraftAction");

  const runTag = Date.now().toString(36).toUpperCase();
  const idBase = (Math.floor(Date.now() / 1000) % 20_000_000) * 100;
  let writeSeq = 0;
  let loanCursor = 0;
  let householdCursor = 0;
  const acked = { repayments: [] as string[], households: [] as string[], drafts: [] as string[] };

  const read = (session: Session, path: string) => async (): Promise<Outcome> => pageOutcome(await send({ base, path, session }), path);
  const post = async (session: Session, path: string, actionId: string, fields: Record<string, string>) => {
    const { headers, body } = actionRequest(base, actionId, fields);
    const reply = await send({ base, method: "POST", path, headers, body, session });
    return { reply, outcome: actionOutcome(reply) };
  };
  const loanPath = () => `/loans/${scope.loanIds[loanCursor++ % scope.loanIds.length]}`;

  const recordRepayment = async (): Promise<Outcome> => {
    const loanId = scope.loanIds[loanCursor++ % scope.loanIds.length];
    const reference = `BENCH-${runTag}-${++writeSeq}`;
    const fields = { loanId, reference, paidOn: o.today, principal: "1.00", interest: "0", penalty: "0" };
    const { reply, outcome } = await post(o.sessions.bank, `/loans/${loanId}`, repaymentAction, fields);
    if (outcome.ok) acked.repayments.push(reference);
    return { ms: reply.ms, ok: outcome.ok, message: outcome.ok ? undefined : `登记还款：${outcome.message}` };
  };
  const createHousehold = async (): Promise<Outcome> => {
    const n = ++writeSeq;
    const fields = {
      headName: `压测户${n}`, idNumber: benchIdNumber(idBase + n), phone: `139${String((idBase + n) % 100_000_000).padStart(8, "0")}`,
      address: "压测地址", status: "registeredPoor", membersCount: "4", labourCapacity: "full", notes: "",
    };
    const { reply, outcome } = await post(o.sessions.cadre, "/households/new", householdAction, fields);
    const id = outcome.ok ? /^\/households\/([^/?]+)/.exec(outcome.redirect ?? "")?.[1] : undefined;
    if (id) acked.households.push(id);
    return { ms: reply.ms, ok: !!id, message: id ? undefined : `登记农户：${outcome.ok ? `跳转地址异常 ${outcome.redirect}` : outcome.message}` };
  };
  const saveDraft = async (): Promise<Outcome> => {
    const householdId = scope.householdIds[householdCursor++ % scope.householdIds.length];
    const fields = { householdId, amount: "30000", termMonths: "24", purpose: "breeding", projectDescription: "养牛 10 头", repaymentSource: "出栏收入" };
    const { reply, outcome } = await post(o.sessions.cadre, "/applications/new", draftAction, fields);
    const id = outcome.ok ? /^\/applications\/([^/?]+)/.exec(outcome.redirect ?? "")?.[1] : undefined;
    if (id) acked.drafts.push(id);
    return { ms: reply.ms, ok: !!id, message: id ? undefined : `保存申请草稿：${outcome.ok ? `跳转地址异常 ${outcome.redirect}` : outcome.message}` };
  };

  const { county, bank, cadre } = o.sessions;
  const mixes: Record<BenchRole, Op[]> = {
    county: [
      { name: "县级 数据总览", weight: 3, run: read(county, "/dashboard") },
      { name: "县级 乡镇总览", weight: 1, run: read(county, `/dashboard?unit=${scope.townshipId}`) },
      { name: "县级 贷款台账", weight: 2, run: read(county, "/reports/ledger") },
      { name: "县级 贷后列表", weight: 2, run: read(county, "/loans") },
      { name: "县级 贷款详情", weight: 2, run: () => read(county, loanPath())() },
    ],
    bank: [
      { name: "银行 贷后列表", weight: 3, run: read(bank, "/loans") },
      { name: "银行 贷款详情", weight: 3, run: () => read(bank, loanPath())() },
      { name: "银行 登记还款（写）", weight: 3, run: recordRepayment },
    ],
    cadre: [
      { name: "村级 农户列表", weight: 3, run: read(cadre, "/households") },
      { name: "村级 申请列表", weight: 2, run: read(cadre, "/applications") },
      { name: "村级 数据总览", weight: 1, run: read(cadre, "/dashboard") },
      { name: "村级 登记农户（写）", weight: 2, run: createHousehold },
      { name: "村级 保存申请草稿（写）", weight: 2, run: saveDraft },
    ],
  };
  // Users by role: a fifth county staff, two fifths bank officers, two fifths village cadres.
  const roles: BenchRole[] = Array.from({ length: o.users }, (_, i) => (i % 5 === 0 ? "county" : i % 5 <= 2 ? "bank" : "cadre"));

  const samples: { op: string; ms: number; ok: boolean }[] = [];
  const errorSamples = new Map<string, number>();
  const started = performance.now();
  const end = started + o.seconds * 1000;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const think = () => sleep(Math.min(Math.random() * 2 * o.thinkMs, Math.max(0, end - performance.now())));

  async function user(role: BenchRole) {
    const ops = mixes[role];
    const total = ops.reduce((s, op) => s + op.weight, 0);
    await think();
    while (performance.now() < end) {
      let dice = Math.random() * total;
      const op = ops.find((x) => (dice -= x.weight) < 0) ?? ops[ops.length - 1];
      let outcome: Outcome;
      const t = performance.now();
      try {
        outcome = await op.run();
      } catch (error) {
        outcome = { ms: performance.now() - t, ok: false, message: `${op.name}：${error instanceof Error ? error.message : String(error)}` };
      }
      samples.push({ op: op.name, ms: outcome.ms, ok: outcome.ok });
      if (!outcome.ok) errorSamples.set(outcome.message ?? op.name, (errorSamples.get(outcome.message ?? op.name) ?? 0) + 1);
      await think();
    }
  }
  await Promise.all(roles.map(user));
  const seconds = (performance.now() - started) / 1000;

  const writes = await verifyWrites(o.databaseUrl, scope.bankId, acked);
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const names = [...new Set(Object.values(mixes).flat().map((op) => op.name))];
  const missing = writes.reduce((n, w) => n + (w.acknowledged - w.found), 0);
  if (missing > 0) errorSamples.set(`已确认但数据库中找不到的写入`, missing);
  return {
    requests: samples.length,
    seconds,
    rps: samples.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    errors: samples.filter((s) => !s.ok).length + missing,
    byOp: names.map((op) => {
      const mine = samples.filter((s) => s.op === op);
      const ms = mine.map((s) => s.ms).sort((a, b) => a - b);
      return { op, count: mine.length, p50: percentile(ms, 50), p95: percentile(ms, 95), errors: mine.filter((s) => !s.ok).length };
    }),
    errorSamples: [...errorSamples].map(([message, count]) => `${count} × ${message}`),
    writes,
  };
}

/** Every acknowledged write, looked up in the database after the run. */
async function verifyWrites(databaseUrl: string, bankId: string, acked: { repayments: string[]; households: string[]; drafts: string[] }) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const count = async (sql: string, params: unknown[]) => Number((await db.query<{ n: string }>(sql, params)).rows[0].n);
    return [
      {
        kind: "还款",
        acknowledged: acked.repayments.length,
        found: await count(`SELECT count(*) AS n FROM "Repayment" WHERE "bankId" = $1 AND reference = ANY($2::text[])`, [bankId, acked.repayments]),
      },
      { kind: "农户", acknowledged: acked.households.length, found: await count(`SELECT count(*) AS n FROM "Household" WHERE id = ANY($1::text[])`, [acked.households]) },
      {
        kind: "申请草稿",
        acknowledged: acked.drafts.length,
        found: await count(`SELECT count(*) AS n FROM "Application" WHERE id = ANY($1::text[]) AND status = 'draft'`, [acked.drafts]),
      },
    ];
  } finally {
    await db.end();
  }
}
