import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** Milliseconds from `now` to the next 00:05 in Asia/Shanghai (UTC+8, no daylight saving). */
export function msUntilNextRun(now: Date = new Date(), hour = 0, minute = 5): number {
  const shanghai = new Date(now.getTime() + 8 * 3600_000);
  const next = Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate(), hour, minute) - 8 * 3600_000;
  return next > now.getTime() ? next - now.getTime() : next + 24 * 3600_000 - now.getTime();
}

/**
 * Runs the daily job (`scripts/jobs.ts daily`, for today in Asia/Shanghai) once now — catching up
 * after a restart; the job is idempotent per date — and then every day at 00:05 Shanghai time,
 * as a child process against `databaseUrl`. Returns a function that stops the schedule.
 * For `scripts/start.ts`: `const stopJobs = scheduleDailyJob(databaseUrl);` once the database is
 * migrated, and `stopJobs()` in its shutdown.
 */
export function scheduleDailyJob(databaseUrl: string, log: (line: string) => void = (l) => console.log(l)): () => void {
  const root = path.resolve(__dirname, "../..");
  let timer: NodeJS.Timeout | null = null;
  let child: ChildProcess | null = null;
  let stopped = false;
  const run = () => {
    if (stopped || child) return;
    child = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/jobs.ts", "daily"], {
      cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (b: Buffer) => b.toString().trim().split("\n").forEach((l) => log(`[每日任务] ${l}`)));
    child.stderr?.on("data", (b: Buffer) => b.toString().trim().split("\n").forEach((l) => log(`[每日任务] ${l}`)));
    child.on("exit", (code) => {
      if (code !== 0) log(`[每日任务] 运行失败（退出码 ${code}），将于下次计划时间重试。`);
      child = null;
    });
  };
  const plan = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      run();
      plan();
    }, msUntilNextRun());
    timer.unref();
  };
  run();
  plan();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    child?.kill("SIGTERM");
  };
}
