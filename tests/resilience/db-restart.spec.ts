import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { freshIdNumber, signIn } from "../e2e/helpers";

const CONTROL = process.env.RESILIENCE_CONTROL_URL!;
const READ_PATHS = ["/dashboard", "/households", "/applications", "/reports/ledger"];
type Phase = "before" | "outage" | "after";
type Read = { phase: Phase; status: number; ms: number };

async function control(path: string, method = "POST") {
  const response = await fetch(`${CONTROL}${path}`, { method });
  expect(response.ok, `${path}: ${await response.clone().text()}`).toBe(true);
  return response.json() as Promise<{ serverPid?: number }>;
}

/** A village cadre fills in the household form (the page needs the database to open). */
async function fillHousehold(page: Page, headName: string) {
  await page.goto("/households/new");
  await page.getByLabel("户主姓名").fill(headName);
  await page.getByLabel("身份证号").fill(freshIdNumber());
  await page.getByLabel("手机号").fill("13912345678");
  await page.getByLabel("户类型").selectOption({ label: "建档立卡贫困户" });
  await page.getByLabel("家庭人口（人）").fill("3");
  await page.getByLabel("劳动能力").selectOption({ label: "有劳动能力" });
}

/** Saves the filled form; acknowledged when the portal says it is saved. */
async function submitHousehold(page: Page): Promise<{ acked: boolean; message: string }> {
  await page.getByRole("button", { name: "保存" }).click();
  const outcome = page.getByRole("status").filter({ hasText: "已保存" }).or(page.getByRole("alert").filter({ hasText: /\S/ })).first();
  await expect(outcome).toBeVisible({ timeout: 30_000 });
  const message = (await outcome.textContent()) ?? "";
  return { acked: message.includes("已保存"), message };
}

test("the portal rides out a PostgreSQL restart in the middle of a load run", async ({ page, browser }) => {
  const { serverPid } = await control("/status", "GET");
  expect(serverPid).toBeGreaterThan(0);

  await signIn(page, "cun01");
  const auditor = await browser.newContext();
  await signIn(await auditor.newPage(), "shenji01");

  let phase: Phase = "before";
  let running = true;
  const reads: Read[] = [];
  const readers = Array.from({ length: 6 }, async (_, i) => {
    for (let n = i; running; n++) {
      const started = Date.now();
      let status = -1;
      try {
        status = (await auditor.request.get(READ_PATHS[n % READ_PATHS.length], { timeout: 20_000, maxRedirects: 0 })).status();
      } catch {
        status = -1; // no answer at all: a hang or a dropped connection
      }
      reads.push({ phase, status, ms: Date.now() - started });
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
  });

  const writes: { headName: string; phase: Phase; acked: boolean; message: string }[] = [];
  const write = async (p: Phase, i: number) => {
    const headName = `韧性${p}${i}`;
    await fillHousehold(page, headName);
    writes.push({ headName, phase: p, ...(await submitHousehold(page)) });
  };

  for (let i = 0; i < 3; i++) await write("before", i);

  // A form opened before the outage is saved during it; a page opened during it fails cleanly.
  await fillHousehold(page, "韧性outage0");
  phase = "outage";
  await control("/db/stop");
  const stoppedAt = Date.now();
  writes.push({ headName: "韧性outage0", phase: "outage", ...(await submitHousehold(page)) });
  const during = await page.goto("/households/new");
  expect(during?.status()).toBeGreaterThanOrEqual(500);
  await expect(page.getByRole("heading", { name: "页面暂时无法显示" })).toBeVisible();
  await new Promise((r) => setTimeout(r, Math.max(0, 5_000 - (Date.now() - stoppedAt))));
  await control("/db/start");
  phase = "after";

  // Recovery without restarting the portal: reads turn good again on their own.
  await expect.poll(async () => (await auditor.request.get("/dashboard", { maxRedirects: 0 })).status(), { timeout: 30_000 }).toBe(200);
  const recoveredAt = reads.length;
  for (let i = 0; i < 3; i++) await write("after", i);
  await new Promise((r) => setTimeout(r, 3_000));
  running = false;
  await Promise.all(readers);
  await auditor.close();

  // The same server process served the whole run.
  expect((await control("/status", "GET")).serverPid).toBe(serverPid);

  // Before and after the outage everything worked.
  expect(reads.filter((r) => r.phase === "before").every((r) => r.status === 200)).toBe(true);
  const settled = reads.slice(recoveredAt).filter((r) => r.phase === "after");
  expect(settled.length).toBeGreaterThan(0);
  expect(settled.filter((r) => r.status !== 200)).toEqual([]);
  expect(writes.filter((w) => w.phase !== "outage" && !w.acked)).toEqual([]);

  // During the outage every request was answered (no hang, no dropped connection), with an error
  // status, and every write was refused with the portal's message, not a broken page.
  const outage = reads.filter((r) => r.phase === "outage");
  expect(outage.length).toBeGreaterThan(0);
  expect(outage.filter((r) => r.status === -1)).toEqual([]);
  expect(outage.some((r) => r.status >= 500)).toBe(true);
  for (const w of writes.filter((x) => x.phase === "outage")) {
    expect(w.acked).toBe(false);
    expect(w.message).toContain("系统暂时无法完成此操作");
  }

  // Every acknowledged write is in the database; no refused one left anything behind.
  const db = new pg.Client({ connectionString: process.env.RESILIENCE_DB_URL });
  await db.connect();
  try {
    const stored = (await db.query<{ headName: string }>(`SELECT "headName" FROM "Household" WHERE "headName" LIKE '韧性%'`)).rows.map((r) => r.headName);
    expect(stored.sort()).toEqual(writes.filter((w) => w.acked).map((w) => w.headName).sort());
  } finally {
    await db.end();
  }
  console.log(
    `读取 ${reads.length} 次（中断期间 ${outage.length} 次，最长 ${Math.max(...outage.map((r) => r.ms))} ms）；写入 ${writes.length} 次，确认 ${writes.filter((w) => w.acked).length} 次`,
  );
});
