/**
 * `npm run jobs -- daily [--date YYYY-MM-DD]`: runs a scheduled job by hand against DATABASE_URL
 * (default: the embedded database of `npm start`, which must be running). The daily job is
 * idempotent: running it again for the same date changes nothing. Without --date it runs for
 * today in Asia/Shanghai.
 */
import path from "node:path";
import { embeddedUrl } from "./lib/defaults";
import { loadPiiKey } from "./lib/secret";

// The job's modules are server-only (never bundled for a browser); this is a server process.
const serverOnly = require.resolve("server-only");
require.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;

function usage(message?: string): never {
  if (message) console.error(message);
  console.error("用法：npm run jobs -- daily [--date YYYY-MM-DD]");
  process.exit(2);
}

async function main() {
  const [job, ...rest] = process.argv.slice(2);
  if (job !== "daily") usage(job ? `未知的任务：${job}` : undefined);
  let date: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--date") date = rest[++i];
    else if (rest[i].startsWith("--date=")) date = rest[i].slice(7);
    else usage(`未知的参数：${rest[i]}`);
  }
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) usage("日期格式应为 YYYY-MM-DD");
  process.env.DATABASE_URL ??= embeddedUrl();
  // Started by `npm start` the key is in the environment; by hand, the data folder's key is used.
  loadPiiKey(path.resolve(__dirname, "..", process.env.PORTAL_DATA_DIR ?? ".data"));
  const { shanghaiToday } = await import("../lib/server/clock");
  const { runDailyJob } = await import("../lib/server/jobs/daily");
  const { prisma } = await import("../lib/server/db");
  const businessDate = date ?? shanghaiToday();
  try {
    const runs = await runDailyJob(businessDate);
    for (const r of runs) {
      if (r.skipped === "alreadyRan") console.log(`${r.county}：${businessDate} 已运行过，未作任何更改。`);
      else if (r.skipped === "noProfile") console.log(`${r.county}：尚未启用政策参数，跳过。`);
      else {
        console.log(
          `${r.county}：逾期期次 ${r.overdueInstalments}，转入逾期 ${r.movedToOverdue}，进入缓冲期 ${r.movedToBuffer}，` +
            `新开损失分担 ${r.lossCasesOpened}，熔断变化 ${r.breakerEvents}，新提醒 ${r.reminders}`,
        );
        for (const p of r.problems ?? []) console.log(`  注意：${p}`);
      }
    }
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
