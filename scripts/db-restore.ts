/**
 * `npm run db:restore -- FILE`: replaces the portal's database (DATABASE_URL, or the embedded
 * one; the portal must be stopped) with a backup made by `npm run db:backup`. The current data
 * is backed up first, so a restore can itself be undone.
 */
import fs from "node:fs";
import path from "node:path";
import { backupDatabase, restoreDatabase, timestampedName } from "./lib/backup";
import { withProjectDatabase } from "./lib/project-db";

const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!file || !fs.existsSync(file)) {
  console.error(file ? `找不到备份文件：${file}` : "用法：npm run db:restore -- <备份文件>");
  process.exit(2);
}

withProjectDatabase(
  async (url) => {
    const safety = await backupDatabase(url, path.resolve("backups", `before-restore-${timestampedName()}`));
    console.log(`恢复前已备份当前数据库：${safety.file}`);
    const r = await restoreDatabase(url, path.resolve(file));
    const rows = Object.values(r.counts).reduce((a, b) => a + b, 0);
    console.log(`已从 ${r.file} 恢复：${Object.keys(r.counts).length} 张表，${rows} 行，各表行数与备份一致。`);
    if (!r.auditIntact) {
      console.error(`警告：审计链检查未通过：${r.auditProblem}`);
      return 1;
    }
    console.log(`审计链完整，校验和 ${r.auditChecksum} 与备份时一致。`);
    return 0;
  },
  { exclusive: true },
)
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(`恢复失败：${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
